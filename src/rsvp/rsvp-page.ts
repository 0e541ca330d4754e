import { Language } from '../common/language';
import { Contact } from '../directory/contacts/contact.entity';
import { Invitation } from '../rounds/invitation.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundStatus } from '../rounds/round-status';
import { SessionStatus } from '../rounds/session-kind';
import { AnswerProblem } from './answer-problem';

/** The form control each answer field is typed into; the answer itself is chosen with the buttons. */
const CONTROL_OF_FIELD: Record<string, string> = {
  answer: 'accept',
  substitute: 'accept',
  'substitute.fullName': 'substituteName',
  'substitute.email': 'substituteEmail',
  'substitute.position': 'substitutePosition',
};

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
  const open = !withdrawn && !cancelled && session.startsAt > new Date();
  // Each fault links to its control while the form is shown, and the control names its fault.
  const problems = (state.problem?.faults ?? []).map((fault, index) => ({
    code: fault.code,
    id: `problem-${index + 1}`,
    control: open ? (CONTROL_OF_FIELD[fault.field] ?? null) : null,
  }));
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
    open,
    done: state.done ?? false,
    problems,
    problemOf: Object.fromEntries(
      problems.filter((problem) => problem.control).map((problem) => [problem.control, problem.id]),
    ),
    values: state.values ?? {},
  };
}
