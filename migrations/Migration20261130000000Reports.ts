import { Migration } from '@mikro-orm/migrations';

/**
 * What a published report names that the plan did not hold (the campaign's
 * partner institutions, the topics each session discussed), and the record
 * of attendance corrected after it closed.
 */
export class Migration20261130000000Reports extends Migration {
  override async up(): Promise<void> {
    // The defaults fill the rows already there; from then on the application sets every value.
    this.addSql(`alter table "campaign" add column "partners" jsonb not null default '[]';`);
    this.addSql(`alter table "campaign" alter column "partners" drop default;`);
    this.addSql(`alter table "session" add column "topics_sq" text[] not null default '{}';`);
    this.addSql(`alter table "session" alter column "topics_sq" drop default;`);
    this.addSql(`alter table "session" add column "topics_en" text[] not null default '{}';`);
    this.addSql(`alter table "session" alter column "topics_en" drop default;`);
    this.addSql(
      `create table "attendance_correction" ("id" uuid not null, "session_id" uuid not null, "corrected_at" timestamptz not null, "corrected_by_id" uuid not null, "before" jsonb not null, "after" jsonb not null, constraint "attendance_correction_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "attendance_correction_session_id_index" on "attendance_correction" ("session_id");`,
    );
    this.addSql(
      `alter table "attendance_correction" add constraint "attendance_correction_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "attendance_correction" add constraint "attendance_correction_corrected_by_id_foreign" foreign key ("corrected_by_id") references "app_user" ("id") on update cascade on delete restrict;`,
    );
  }
}
