import { Migration } from '@mikro-orm/migrations';

/** Campaigns, rounds with their sessions and audiences, invitations, workflow steps and messages. */
export class Migration20261128000000Rounds extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "campaign" ("id" uuid not null, "name_sq" varchar(300) not null, "name_en" varchar(300) not null, "slogan_sq" varchar(300) null, "slogan_en" varchar(300) null, "organiser_sq" varchar(300) null, "organiser_en" varchar(300) null, "languages" text[] not null, "time_zone" varchar(64) not null default \'Europe/Tirane\', "sender_name" varchar(200) not null, "sender_email" varchar(320) not null, "report_recipients" text[] not null, "policy" jsonb not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, constraint "campaign_pkey" primary key ("id"));',
    );
    this.addSql(
      'create table "round" ("id" uuid not null, "campaign_id" uuid not null, "county_id" uuid not null, "starts_on" date not null, "ends_on" date not null, "status" text check ("status" in (\'draft\', \'scheduled\', \'in_progress\', \'completed\', \'cancelled\')) not null default \'draft\', "staff_id" uuid null, "schedule_version" int not null default 0, "scheduled_at" timestamptz null, "cancelled_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "round_pkey" primary key ("id"));',
    );
    this.addSql('create index "round_campaign_id_index" on "round" ("campaign_id");');
    this.addSql(
      'create table "session" ("id" uuid not null, "round_id" uuid not null, "title_sq" varchar(300) not null, "title_en" varchar(300) not null, "kind" text check ("kind" in (\'meeting\', \'workshop\', \'info_session\', \'outreach\')) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "venue_sq" varchar(300) null, "venue_en" varchar(300) null, "capacity" int null, "walk_ins_counted" boolean not null default false, "status" text check ("status" in (\'planned\', \'cancelled\')) not null default \'planned\', "sequence" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "session_pkey" primary key ("id"));',
    );
    this.addSql('create index "session_round_id_index" on "session" ("round_id");');
    this.addSql(
      'create table "step" ("id" uuid not null, "round_id" uuid not null, "kind" text check ("kind" in (\'invite\', \'remind\', \'attendance_opens\', \'follow_up\', \'report\', \'change_notice\', \'cancel_notice\')) not null, "audience" text check ("audience" in (\'non_responders\', \'accepted\')) null, "session_id" uuid null, "changes" jsonb null, "due_at" timestamptz not null, "status" text check ("status" in (\'pending\', \'running\', \'done\', \'skipped\', \'cancelled\', \'failed\')) not null default \'pending\', "version" int not null, "started_at" timestamptz null, "finished_at" timestamptz null, "note" varchar(500) null, "created_at" timestamptz not null, constraint "step_pkey" primary key ("id"));',
    );
    this.addSql('create index "step_round_id_index" on "step" ("round_id");');
    this.addSql('create index "step_status_due_at_index" on "step" ("status", "due_at");');
    this.addSql(
      'create table "session_audience_institution" ("session_id" uuid not null, "institution_id" uuid not null, constraint "session_audience_institution_pkey" primary key ("session_id", "institution_id"));',
    );
    this.addSql(
      'create table "session_audience_contact" ("session_id" uuid not null, "contact_id" uuid not null, constraint "session_audience_contact_pkey" primary key ("session_id", "contact_id"));',
    );
    this.addSql(
      'create table "session_audience_committee" ("session_id" uuid not null, "committee_id" uuid not null, constraint "session_audience_committee_pkey" primary key ("session_id", "committee_id"));',
    );
    this.addSql(
      'create table "invitation" ("id" uuid not null, "session_id" uuid not null, "contact_id" uuid not null, "status" text check ("status" in (\'pending\', \'accepted\', \'declined\', \'delegated\')) not null default \'pending\', "responded_at" timestamptz null, "substitute_for_id" uuid null, "invite_step_id" uuid null, "created_at" timestamptz not null, constraint "invitation_pkey" primary key ("id"));',
    );
    this.addSql('create index "invitation_contact_id_index" on "invitation" ("contact_id");');
    this.addSql(
      'alter table "invitation" add constraint "invitation_session_id_contact_id_unique" unique ("session_id", "contact_id");',
    );
    this.addSql(
      'create table "message" ("id" uuid not null, "dedupe_key" varchar(300) not null, "round_id" uuid null, "step_id" uuid null, "version" int null, "contact_id" uuid null, "recipient" varchar(320) not null, "template" varchar(64) not null, "language" text check ("language" in (\'sq\', \'en\')) not null, "subject" varchar(500) null, "status" text check ("status" in (\'queued\', \'sent\', \'failed\', \'skipped\')) not null default \'queued\', "attempts" int not null default 0, "message_id_header" varchar(300) not null, "smtp_response" varchar(1000) null, "error" varchar(1000) null, "sent_at" timestamptz null, "created_at" timestamptz not null, constraint "message_pkey" primary key ("id"));',
    );
    this.addSql(
      'alter table "message" add constraint "message_dedupe_key_unique" unique ("dedupe_key");',
    );
    this.addSql('create index "message_round_id_index" on "message" ("round_id");');
    this.addSql('create index "message_step_id_index" on "message" ("step_id");');
    this.addSql('create index "message_contact_id_index" on "message" ("contact_id");');
    this.addSql(
      'create index "message_status_created_at_index" on "message" ("status", "created_at");',
    );
    this.addSql(
      'alter table "round" add constraint "round_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "round" add constraint "round_county_id_foreign" foreign key ("county_id") references "county" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "round" add constraint "round_staff_id_foreign" foreign key ("staff_id") references "app_user" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "session" add constraint "session_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "step" add constraint "step_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "step" add constraint "step_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "session_audience_institution" add constraint "session_audience_institution_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete cascade;',
    );
    this.addSql(
      'alter table "session_audience_institution" add constraint "session_audience_institution_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade on delete cascade;',
    );
    this.addSql(
      'alter table "session_audience_contact" add constraint "session_audience_contact_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete cascade;',
    );
    this.addSql(
      'alter table "session_audience_contact" add constraint "session_audience_contact_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete cascade;',
    );
    this.addSql(
      'alter table "session_audience_committee" add constraint "session_audience_committee_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete cascade;',
    );
    this.addSql(
      'alter table "session_audience_committee" add constraint "session_audience_committee_committee_id_foreign" foreign key ("committee_id") references "committee" ("id") on update cascade on delete cascade;',
    );
    this.addSql(
      'alter table "invitation" add constraint "invitation_session_id_foreign" foreign key ("session_id") references "session" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "invitation" add constraint "invitation_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "invitation" add constraint "invitation_substitute_for_id_foreign" foreign key ("substitute_for_id") references "invitation" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "message" add constraint "message_round_id_foreign" foreign key ("round_id") references "round" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "message" add constraint "message_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete restrict;',
    );
  }
}
