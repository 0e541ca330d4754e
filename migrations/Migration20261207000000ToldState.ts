import { Migration } from '@mikro-orm/migrations';

/**
 * What each person was last told about each of their sessions, from which
 * notices are composed when they leave; steps no longer carry the changes
 * they announce.
 */
export class Migration20261207000000ToldState extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "invitation_told" ("invitation_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "title_sq" varchar(300) not null, "title_en" varchar(300) not null, "venue_sq" varchar(300) null, "venue_en" varchar(300) null, "session_cancelled" boolean not null, "calendar_method" varchar(10) not null, "sequence" int not null, "answer" text check ("answer" in ('pending', 'accepted', 'declined', 'delegated')) not null, "told_at" timestamptz not null, constraint "invitation_told_pkey" primary key ("invitation_id"));`,
    );
    this.addSql(
      `alter table "invitation_told" add constraint "invitation_told_invitation_id_foreign" foreign key ("invitation_id") references "invitation" ("id") on update cascade on delete cascade;`,
    );
    // Rounds already under way: whoever an e-mail of the round reached is taken as told of the
    // session as it stands (the e-mails composed then carried its state), so no change already
    // announced is announced again and only they get a later cancellation.
    this.addSql(
      `insert into "invitation_told" ("invitation_id", "starts_at", "ends_at", "title_sq", "title_en", "venue_sq", "venue_en",
                                      "session_cancelled", "calendar_method", "sequence", "answer", "told_at")
       select i.id, s.starts_at, s.ends_at, s.title_sq, s.title_en, s.venue_sq, s.venue_en,
              s.status = 'cancelled' and told.cancellation,
              case when (s.status = 'cancelled' and told.cancellation) or i.status in ('declined', 'delegated')
                   then 'CANCEL' else 'REQUEST' end,
              s.sequence, i.status, told.at
         from invitation i
         join session s on s.id = i.session_id
         join lateral (
           select max(m.sent_at) as at, bool_or(m.template = 'cancellation-notice') as cancellation
             from message m
            where m.status = 'sent' and m.round_id = s.round_id
              and (m.invitation_id = i.id or (m.invitation_id is null and m.contact_id = i.contact_id))
              and m.template in ('invitation', 'reminder', 'day-before-reminder', 'change-notice',
                                 'cancellation-notice', 'answer-confirmation')) told on told.at is not null;`,
    );
    this.addSql(`alter table "step" drop column "changes";`);
  }
}
