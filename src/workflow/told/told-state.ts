import { Language } from '../../common/language';
import { CalendarMethod } from '../../messaging/ics';
import { InvitationStatus } from '../../rounds/invitation-status';
import { Invitation } from '../../rounds/invitation.entity';
import { SessionStatus } from '../../rounds/session-kind';

/** What an e-mail can say about a session. */
export interface SessionState {
  startsAt: Date;
  endsAt: Date;
  titleSq: string;
  titleEn: string;
  venueSq: string | null;
  venueEn: string | null;
  sessionCancelled: boolean;
}

/** What one e-mail told, or is about to tell, one person about one of their sessions. */
export interface Telling extends SessionState {
  invitationId: string;
  calendarMethod: CalendarMethod;
  sequence: number;
  answer: InvitationStatus;
}

export type Told = Omit<Telling, 'invitationId'>;

/** What differs between what a person was told and the session now, in the language they read. */
export interface Difference {
  times: boolean;
  title: boolean;
  venue: boolean;
  cancelled: boolean;
}

/**
 * The session as an e-mail shows it to the invitation's person.
 * `sessionCancelled` is what the e-mail says: the session is off for them
 * (cancelled, or their invitation withdrawn). Only a cancellation notice
 * tells it, so any other e-mail composed after a cancel (and then skipped)
 * could never pass for one.
 */
export function stateOf(invitation: Invitation, tellsCancellation: boolean): SessionState {
  const session = invitation.session;
  return {
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    titleSq: session.titleSq,
    titleEn: session.titleEn,
    venueSq: session.venueSq,
    venueEn: session.venueEn,
    sessionCancelled:
      tellsCancellation &&
      (session.status === SessionStatus.Cancelled ||
        invitation.status === InvitationStatus.Withdrawn),
  };
}

/** Null when the person was never told of the session: there is nothing for them to compare. */
export function differenceSince(
  told: Told | undefined,
  now: SessionState,
  language: Language,
): Difference | null {
  if (!told) return null;
  const sq = language === Language.Albanian;
  return {
    times:
      told.startsAt.getTime() !== now.startsAt.getTime() ||
      told.endsAt.getTime() !== now.endsAt.getTime(),
    title: sq ? told.titleSq !== now.titleSq : told.titleEn !== now.titleEn,
    venue: sq ? told.venueSq !== now.venueSq : told.venueEn !== now.venueEn,
    cancelled: told.sessionCancelled !== now.sessionCancelled,
  };
}

/** A session that is still on and differs from what the person holds: worth a change notice. */
export function changedSince(difference: Difference | null): boolean {
  return (
    !!difference &&
    !difference.cancelled &&
    (difference.times || difference.title || difference.venue)
  );
}

/**
 * The SEQUENCE an e-mail gives the person's calendar entry: 0 the first
 * time, the one they hold when it says the same again, one more when
 * anything the entry shows (or whether it is in their calendar) differs. A
 * cancellation after a decline removes an entry already removed: the same.
 * Always from what they were last told, so it only rises whatever order
 * the e-mails are composed in.
 */
export function sequenceFor(
  told: Told | undefined,
  now: SessionState,
  method: CalendarMethod,
): number {
  if (!told) return 0;
  const same =
    told.calendarMethod === method &&
    told.startsAt.getTime() === now.startsAt.getTime() &&
    told.endsAt.getTime() === now.endsAt.getTime() &&
    told.titleSq === now.titleSq &&
    told.titleEn === now.titleEn &&
    told.venueSq === now.venueSq &&
    told.venueEn === now.venueEn;
  return same ? told.sequence : told.sequence + 1;
}

/** Answers that, once told, a move to another day voids. */
const ANSWERED: InvitationStatus[] = [
  InvitationStatus.Accepted,
  InvitationStatus.Declined,
  InvitationStatus.Delegated,
];

/**
 * An answer the person was told stands, reset since by a move to another
 * day: asked again. A delegation they were told of is reset so only when
 * they answered again (took their seat back) before the move.
 */
export function answerReset(told: Told | undefined, current: InvitationStatus): boolean {
  return !!told && ANSWERED.includes(told.answer) && current === InvitationStatus.Pending;
}

/**
 * Whether a cancellation notice has something to tell this invitation's
 * person: told of the session and not yet told it is off. Someone last told
 * they sent a colleague hears nothing of a withdrawal: the colleague,
 * withdrawn with them, is the one told.
 */
export function cancellationDue(told: Told | undefined, status: InvitationStatus): boolean {
  if (!told || told.sessionCancelled) return false;
  return !(status === InvitationStatus.Withdrawn && told.answer === InvitationStatus.Delegated);
}
