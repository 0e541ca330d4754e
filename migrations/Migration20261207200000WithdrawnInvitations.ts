import { Migration } from '@mikro-orm/migrations';

const STATUSES = `('pending', 'accepted', 'declined', 'delegated', 'withdrawn')`;

/**
 * An invitation taken back (its person left the session's audience, or the
 * colleague of someone who took their seat back) keeps its row and history
 * under a status of its own, out of every count.
 */
export class Migration20261207200000WithdrawnInvitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "invitation" add column "withdrawn_at" timestamptz null;`);
    this.addSql(`alter table "invitation" drop constraint if exists "invitation_status_check";`);
    this.addSql(
      `alter table "invitation" add constraint "invitation_status_check" check ("status" in ${STATUSES});`,
    );
    this.addSql(
      `alter table "invitation_told" drop constraint if exists "invitation_told_answer_check";`,
    );
    this.addSql(
      `alter table "invitation_told" add constraint "invitation_told_answer_check" check ("answer" in ${STATUSES});`,
    );
  }
}
