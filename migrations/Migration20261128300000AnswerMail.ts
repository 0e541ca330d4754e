import { Migration } from '@mikro-orm/migrations';

/** A message may be about one invitation rather than a step: the confirmation of an answer. */
export class Migration20261128300000AnswerMail extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "message" add column "invitation_id" uuid null;');
    this.addSql('create index "message_invitation_id_index" on "message" ("invitation_id");');
    this.addSql(
      'alter table "message" add constraint "message_invitation_id_foreign" foreign key ("invitation_id") references "invitation" ("id") on update cascade on delete restrict;',
    );
  }
}
