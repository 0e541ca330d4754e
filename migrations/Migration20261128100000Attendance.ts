import { Migration } from '@mikro-orm/migrations';

/** Session attendance (invitee marks, walk-ins, head count), materials distributed and recommendations. */
export class Migration20261128100000Attendance extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "session_attendance" ("id" uuid not null, "session_id" uuid not null, "head_count_total" int null, "head_count_breakdown" jsonb null, "head_count_note" varchar(1000) null, "recorded_at" timestamptz not null, "recorded_by_id" uuid not null, constraint "session_attendance_pkey" primary key ("id"));',
    );
    this.addSql(
      'alter table "session_attendance" add constraint "session_attendance_session_id_unique" unique ("session_id");',
    );
    this.addSql(
      'create table "attendance_mark" ("id" uuid not null, "attendance_id" uuid not null, "invitation_id" uuid not null, "present" boolean not null, constraint "attendance_mark_pkey" primary key ("id"));',
    );
    this.addSql(
      'create index "attendance_mark_attendance_id_index" on "attendance_mark" ("attendance_id");',
    );
    this.addSql(
      'alter table "attendance_mark" add constraint "attendance_mark_invitation_id_unique" unique ("invitation_id");',
    );
    this.addSql(
      'create table "walk_in" ("id" uuid not null, "attendance_id" uuid not null, "ordinal" int not null, "full_name" varchar(200) not null, "institution" varchar(300) null, "position" varchar(200) null, "email" varchar(320) null, constraint "walk_in_pkey" primary key ("id"));',
    );
    this.addSql(
      'alter table "walk_in" add constraint "walk_in_attendance_id_ordinal_unique" unique ("attendance_id", "ordinal");',
    );
    this.addSql(
      'create table "material" ("id" uuid not null, "round_id" uuid not null, "session_id" uuid null, "description_sq" varchar(300) null, "description_en" varchar(300) null, "quantity" int not null, "places_sq" varchar(500) null, "places_en" varchar(500) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "material_pkey" primary key ("id"));',
    );
    this.addSql('create index "material_round_id_index" on "material" ("round_id");');
    this.addSql(
      'create table "recommendation" ("id" uuid not null, "round_id" uuid not null, "position" int not null, "text_sq" varchar(2000) not null, "text_en" varchar(2000) not null, constraint "recommendation_pkey" primary key ("id"));',
    );
    this.addSql(
      'alter table "recommendation" add constraint "recommendation_round_id_position_unique" unique ("round_id", "position");',
    );
    this.addSql(
      'alter table "session_attendance" add constraint "session_attendance_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "session_attendance" add constraint "session_attendance_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "attendance_mark" add constraint "attendance_mark_attendance_id_foreign" foreign key ("attendance_id") references "session_attendance" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "attendance_mark" add constraint "attendance_mark_invitation_id_foreign" foreign key ("invitation_id") references "invitation" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "walk_in" add constraint "walk_in_attendance_id_foreign" foreign key ("attendance_id") references "session_attendance" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "material" add constraint "material_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "material" add constraint "material_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "recommendation" add constraint "recommendation_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete restrict;',
    );
  }
}
