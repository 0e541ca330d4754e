import { Migration } from '@mikro-orm/migrations';

export class Migration20261127000000Directory extends Migration {
  override async up(): Promise<void> {
    // Trigram indexes make the diacritic-folded text search fast on large directories.
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql(
      'create table "county" ("id" uuid not null, "name" varchar(100) not null, "country" varchar(2) not null default \'AL\', "search_key" varchar(100) not null, constraint "county_pkey" primary key ("id"));',
    );
    this.addSql(
      'alter table "county" add constraint "county_country_name_unique" unique ("country", "name");',
    );
    this.addSql(
      'create table "committee" ("id" uuid not null, "name" varchar(300) not null, "county_id" uuid null, "description" text null, "search_key" varchar(300) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, constraint "committee_pkey" primary key ("id"));',
    );
    this.addSql(
      'create table "institution" ("id" uuid not null, "name" varchar(300) not null, "kind" text check ("kind" in (\'ministry\', \'police\', \'prefecture\', \'county_council\', \'municipality\', \'school\', \'employment_office\', \'civil_society_organisation\', \'international_organisation\', \'media\', \'other\')) not null default \'other\', "county_id" uuid null, "email" varchar(320) null, "phone" varchar(50) null, "address" varchar(500) null, "search_key" varchar(700) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, constraint "institution_pkey" primary key ("id"));',
    );
    this.addSql('create index "institution_county_id_index" on "institution" ("county_id");');
    this.addSql(
      'create index "institution_search_key_trgm" on "institution" using gin ("search_key" gin_trgm_ops);',
    );
    this.addSql(
      'create table "contact" ("id" uuid not null, "full_name" varchar(200) not null, "institution_id" uuid null, "position" varchar(200) null, "email" varchar(320) not null, "phone" varchar(50) null, "language" text check ("language" in (\'sq\', \'en\')) not null default \'sq\', "opted_out" boolean not null default false, "opted_out_at" timestamptz null, "opt_out_reason" varchar(500) null, "notes" text null, "search_key" varchar(800) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "archived_at" timestamptz null, constraint "contact_pkey" primary key ("id"));',
    );
    this.addSql('create index "contact_institution_id_index" on "contact" ("institution_id");');
    this.addSql(
      'create index "contact_search_key_trgm" on "contact" using gin ("search_key" gin_trgm_ops);',
    );
    this.addSql(
      'create unique index "contact_email_active_unique" on "contact" (lower("email")) where "archived_at" is null;',
    );
    this.addSql(
      'create table "committee_membership" ("id" uuid not null, "committee_id" uuid not null, "contact_id" uuid not null, "role" text check ("role" in (\'chair\', \'member\')) not null default \'member\', "starts_on" date null, "ends_on" date null, "created_at" timestamptz not null, constraint "committee_membership_pkey" primary key ("id"));',
    );
    this.addSql(
      'create index "committee_membership_committee_id_index" on "committee_membership" ("committee_id");',
    );
    this.addSql(
      'create index "committee_membership_contact_id_index" on "committee_membership" ("contact_id");',
    );
    this.addSql(
      'create table "app_user" ("id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null, "role" text check ("role" in (\'admin\', \'coordinator\', \'viewer\')) not null, "password_hash" varchar(200) not null, "language" text check ("language" in (\'sq\', \'en\')) not null default \'sq\', "created_at" timestamptz not null, "disabled_at" timestamptz null, constraint "app_user_pkey" primary key ("id"));',
    );
    this.addSql('create unique index "app_user_email_unique" on "app_user" (lower("email"));');
    this.addSql(
      'create table "api_token" ("id" uuid not null, "user_id" uuid not null, "kind" text check ("kind" in (\'session\', \'personal\')) not null, "name" varchar(100) null, "secret_hash" varchar(64) not null, "prefix" varchar(16) not null, "created_at" timestamptz not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_token_pkey" primary key ("id"));',
    );
    this.addSql('create index "api_token_user_id_index" on "api_token" ("user_id");');
    this.addSql(
      'alter table "api_token" add constraint "api_token_secret_hash_unique" unique ("secret_hash");',
    );
    this.addSql(
      'alter table "committee" add constraint "committee_county_id_foreign" foreign key ("county_id") references "county" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "institution" add constraint "institution_county_id_foreign" foreign key ("county_id") references "county" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "contact" add constraint "contact_institution_id_foreign" foreign key ("institution_id") references "institution" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "committee_membership" add constraint "committee_membership_committee_id_foreign" foreign key ("committee_id") references "committee" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "committee_membership" add constraint "committee_membership_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on update cascade on delete restrict;',
    );
    this.addSql(
      'alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;',
    );

    // Albania's 12 qarqe are the default county list; other countries load their own.
    this.addSql(
      "insert into \"county\" (\"id\", \"name\", \"country\", \"search_key\") values (gen_random_uuid(), 'Berat', 'AL', 'berat'), (gen_random_uuid(), 'Dibër', 'AL', 'diber'), (gen_random_uuid(), 'Durrës', 'AL', 'durres'), (gen_random_uuid(), 'Elbasan', 'AL', 'elbasan'), (gen_random_uuid(), 'Fier', 'AL', 'fier'), (gen_random_uuid(), 'Gjirokastër', 'AL', 'gjirokaster'), (gen_random_uuid(), 'Korçë', 'AL', 'korce'), (gen_random_uuid(), 'Kukës', 'AL', 'kukes'), (gen_random_uuid(), 'Lezhë', 'AL', 'lezhe'), (gen_random_uuid(), 'Shkodër', 'AL', 'shkoder'), (gen_random_uuid(), 'Tiranë', 'AL', 'tirane'), (gen_random_uuid(), 'Vlorë', 'AL', 'vlore');",
    );
  }
}
