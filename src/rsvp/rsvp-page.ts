import { Language } from '../common/language';
import { Contact } from '../directory/contacts/contact.entity';
import { Invitation } from '../rounds/invitation.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundStatus } from '../rounds/round-status';
import { SessionStatus } from '../rounds/session-kind';
import { AnswerProblem } from './answer-problem';

export interface RsvpPageState {
  /** The visitor has just answered: the page confirms it. */
  done?: boolean;
  problem?: AnswerProblem;
  /** What the visitor typed, put back into the form after a mistake. */
  values?: Record<string, string>;
}

/**
 * What templates/pages/rsvp.hbs shows: the texts of the session in the
 * invitee's language, their answer and whether it can still change.
 * Needs the invitation as RsvpService.invitationForLink loads it.
 */
export function rsvpPageData(
  invitation: Invitation,
  substitute: Contact | null,
  state: RsvpPageState,
): object {
  const { session, contact } = invitation;
  const { round } = session;
  const { campaign } = round;
  const sq = contact.language === Language.Albanian;
  const withdrawn = invitation.status === InvitationStatus.Withdrawn;
  const cancelled =
    session.status === SessionStatus.Cancelled || round.status === RoundStatus.Cancelled;
  return {
    timeZone: campaign.timeZone,
    campaign: {
      name: sq ? campaign.nameSq : campaign.nameEn,
      slogan: sq ? campaign.sloganSq : campaign.sloganEn,
      organiser: sq ? campaign.organiserSq : campaign.organiserEn,
    },
    county: round.county.name,
    session: {
      title: sq ? session.titleSq : session.titleEn,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      venue: sq ? session.venueSq : session.venueEn,
    },
    invitee: { fullName: contact.fullName, institution: contact.institution?.name ?? null },
    standsInFor: invitation.substituteFor?.contact.fullName ?? null,
    status: invitation.status,
    substitute: substitute && { fullName: substitute.fullName, email: substitute.email },
    withdrawn,
    cancelled,
    open: !withdrawn && !cancelled && session.startsAt > new Date(),
    done: state.done ?? false,
    problem: state.problem && { code: state.problem.code, field: state.problem.field },
    values: state.values ?? {},
  };
}
