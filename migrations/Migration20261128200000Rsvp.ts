import { Migration } from '@mikro-orm/migrations';

/** The history of answers to invitations: from the invitee's link or recorded by staff. */
export class Migration20261128200000Rsvp extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "invitation_response" ("id" uuid not null, "invitation_id" uuid not null, "answer" text check ("answer" in (\'accept\', \'decline\', \'delegate\')) not null, "source" text check ("source" in (\'link\', \'phone\', \'letter\', \'email\', \'in_person\')) not null, "note" varchar(1000) null, "substitute_id" uuid null, "recorded_by_id" uuid null, "created_at" timestamptz not null, constraint "invitation_response_pkey" primary key ("id"));',
    );
    this.addSql(
      'create index "invitation_response_invitation_id_index" on "invitation_response" ("invitation_id");',
    );
    this.addSql(
      'alter table "invitation_response" add constraint "invitation_response_invitation_id_foreign" foreign key ("invitation_id") references "invitation" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "invitation_response" add constraint "invitation_response_substitute_id_foreign" foreign key ("substitute_id") references "contact" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "invitation_response" add constraint "invitation_response_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete restrict;',
    );
  }
}
