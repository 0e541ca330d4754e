import { EntityManager } from '@mikro-orm/postgresql';
import { MessageStatus } from '../../messaging/message-status';
import { TemplateName } from '../../messaging/template-name';
import { InvitationStatus } from '../../rounds/invitation-status';

/** A change the person reads: times, or the title or venue in their language. */
const DIFFERS = `(t.starts_at <> s.starts_at or t.ends_at <> s.ends_at or
  case when c.language = 'sq'
       then t.title_sq is distinct from s.title_sq or t.venue_sq is distinct from s.venue_sq
       else t.title_en is distinct from s.title_en or t.venue_en is distinct from s.venue_en end)`;

/** An invitation still standing; a withdrawn one hears only that it was withdrawn. */
const STANDING = `i.status <> '${InvitationStatus.Withdrawn}'`;
/**
 * Someone whose last e-mail confirmed they sent a colleague hears nothing
 * more of the session; their colleague, withdrawn with them, is told.
 */
const NOT_DELEGATED_WHEN_TOLD = `t.answer <> '${InvitationStatus.Delegated}'`;

/**
 * The contacts of a round who were told of a session (an e-mail about it
 * reached them) and, with `also`, whom something more concerns. Never those
 * who sent a colleague, never opted-out or archived contacts.
 */
async function toldContactIds(
  em: EntityManager,
  roundId: string,
  also: string[],
  params: unknown[],
): Promise<string[]> {
  const rows = await em.getConnection().execute<{ contact_id: string }[]>(
    `select distinct i.contact_id
       from invitation i
       join invitation_told t on t.invitation_id = i.id
       join session s on s.id = i.session_id
       join contact c on c.id = i.contact_id
      where s.round_id = ? and i.status <> ? and not t.session_cancelled
        and not c.opted_out and c.archived_at is null
        ${also.map((condition) => `and ${condition}`).join(' ')}`,
    [roundId, InvitationStatus.Delegated, ...params],
  );
  return rows.map((row) => row.contact_id);
}

/**
 * Who a change or cancellation notice of the round goes to when it runs:
 * those told of a session that has since changed (still planned) or been
 * cancelled or withdrawn from them, and not told of it yet. A contact whose notice of that kind is
 * still queued is left out: that e-mail is composed when it leaves, so it
 * carries this change too.
 */
export function noticeRecipientIds(
  em: EntityManager,
  roundId: string,
  template: TemplateName.ChangeNotice | TemplateName.CancellationNotice,
): Promise<string[]> {
  const cancellation = template === TemplateName.CancellationNotice;
  return toldContactIds(
    em,
    roundId,
    [
      cancellation
        ? `(s.status = 'cancelled' or (not ${STANDING} and ${NOT_DELEGATED_WHEN_TOLD}))`
        : `s.status = 'planned' and ${STANDING} and ${DIFFERS}`,
      `not exists (select 1 from message m
                    where m.round_id = s.round_id and m.contact_id = i.contact_id
                      and m.template = ? and m.status = ?)`,
    ],
    [template, MessageStatus.Queued],
  );
}

/**
 * Who was told of these planned sessions (all of the round's with null):
 * whom a change or cancellation of them would reach, for a preview.
 */
export function toldOfSessions(
  em: EntityManager,
  roundId: string,
  sessionIds: string[] | null,
): Promise<string[]> {
  return toldContactIds(
    em,
    roundId,
    [`s.status = 'planned' and ${STANDING}`, ...(sessionIds ? ['s.id = any(?::uuid[])'] : [])],
    sessionIds ? [`{${sessionIds.join(',')}}`] : [],
  );
}
