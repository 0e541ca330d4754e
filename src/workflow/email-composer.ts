import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Language } from '../common/language';
import { EmailContext, EmailSession } from '../messaging/email-context';
import { buildCalendar, CalendarMethod } from '../messaging/ics';
import { OutgoingMail } from '../messaging/mail-transport';
import { Message } from '../messaging/message.entity';
import { TemplateName, TemplateRenderer } from '../messaging/template-renderer';
import { Material } from '../attendance/material.entity';
import { Recommendation } from '../attendance/recommendation.entity';
import { attendanceUrl } from '../attendance/attendance-link';
import { Invitation } from '../rounds/invitation.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { SessionStatus } from '../rounds/session-kind';
import { RoundSession } from '../rounds/round-session.entity';
import { Round } from '../rounds/round.entity';
import { signId } from '../rsvp/signed-id-token';
import { StepKind } from './step-kind';
import {
  answerReset,
  differenceSince,
  sequenceFor,
  stateOf,
  Telling,
  Told,
} from './told/told-state';
import { Step } from './step.entity';

/** What a confirmation confirms: the invitation's status after the answer. */
export type ConfirmedAnswer = 'accepted' | 'declined' | 'delegated';

export interface Composition {
  message: Message;
  /** The step that sends it; a confirmation of an answer has none. */
  step?: Step;
  round: Round;
  invitations: Invitation[];
  /** What each person was last told, by invitation id: notices say what changed since. */
  told?: Map<string, Told>;
  /** For a confirmation: the answer, and the colleague named for a delegation. */
  answer?: { given: ConfirmedAnswer; substituteName: string | null };
  /** For a follow-up: what came out of the round. */
  outcome?: { recommendations: Recommendation[]; materials: Material[] };
  /**
   * For a walk-in's thank-you, sent to an address that is no contact: the
   * name they gave and the sessions they came to.
   */
  walkIn?: { fullName: string; sessions: RoundSession[] };
  /**
   * For an e-mail to the staff member in charge: the sessions whose attendance
   * sheets it links to (the one that opened, or those still to fill in).
   */
  staffSessions?: RoundSession[];
}

/** The e-mail, and what it tells its person about each invitation once the relay accepts it. */
export interface ComposedMail {
  mail: OutgoingMail;
  tells: Telling[];
}

/**
 * Turns a message row and the invitations it is about into the e-mail: the
 * template in the contact's language, one RSVP link per invitation, the
 * opt-out link and headers, and the calendar part.
 */
@Injectable()
export class EmailComposer {
  private readonly host: string;

  constructor(
    private readonly config: AppConfig,
    private readonly renderer: TemplateRenderer,
  ) {
    this.host = new URL(config.appUrl).hostname;
  }

  compose(composition: Composition): ComposedMail {
    return composition.staffSessions
      ? { mail: this.composeForStaff(composition, composition.staffSessions), tells: [] }
      : this.composeForContact(composition);
  }

  private composeForContact({
    message,
    step,
    round,
    invitations,
    told,
    outcome,
    answer,
    walkIn,
  }: Composition): ComposedMail {
    const campaign = round.campaign;
    const sq = message.language === Language.Albanian;
    const method = calendarMethod(step, answer?.given, outcome !== undefined);
    const news = invitations.map((invitation) =>
      newsOf(
        invitation,
        told?.get(invitation.id),
        message.language,
        method,
        step?.kind === StepKind.CancelNotice,
      ),
    );
    // A walk-in is no contact: their link opts out the address this message went to.
    const optOutToken = message.contact
      ? signId('opt-out', message.contact.id, this.config.appSecret)
      : signId('opt-out-address', message.id, this.config.appSecret);
    const optOutUrl = `${this.config.appUrl}/unsubscribe/${optOutToken}`;
    const contact = message.contact;
    const fullName = contact?.fullName ?? walkIn?.fullName ?? '';
    const context: EmailContext = {
      language: message.language,
      recipient: { fullName },
      ...this.roundContext(round, sq),
      sessions: [
        ...invitations.map(({ id, session }, index) => ({
          ...sessionContext(session, sq),
          rsvpUrl: `${this.config.appUrl}/rsvp/${signId('rsvp', id, this.config.appSecret)}`,
          ...news[index].was,
          cancelled: step?.kind === StepKind.CancelNotice,
          withdrawn: withdrawnFrom(invitations[index]),
        })),
        // A thank-you links to no answer page.
        ...(walkIn?.sessions ?? []).map((session) => ({
          ...sessionContext(session, sq),
          rsvpUrl: '',
        })),
      ],
      optOutUrl,
      answer,
      withdrawal: invitations.length > 0 && invitations.every(withdrawnFrom),
      followUp: outcome && {
        recommendations: outcome.recommendations.map((r) => (sq ? r.textSq : r.textEn)),
        materials: outcome.materials.map((material) => ({
          // At least one language is set; the other language stands in for a missing one.
          description: (sq
            ? (material.descriptionSq ?? material.descriptionEn)
            : (material.descriptionEn ?? material.descriptionSq)) as string,
          quantity: material.quantity,
          places: (sq ? material.placesSq : material.placesEn) ?? undefined,
        })),
      },
    };
    const rendered = this.renderer.render(message.template as TemplateName, context);
    const organizer = { name: campaign.senderName, email: campaign.senderEmail };
    const mail: OutgoingMail = {
      from: { name: campaign.senderName, address: campaign.senderEmail },
      replyTo: round.staff ? { name: round.staff.name, address: round.staff.email } : undefined,
      to: { name: fullName, address: message.recipient },
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: message.messageIdHeader,
      headers: {
        'List-Unsubscribe': `<${optOutUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      // Calendar entries are per contact; a walk-in's thank-you is about the past and has none.
      icalEvent:
        method && contact
          ? {
              method,
              content: buildCalendar({
                method,
                organizer,
                attendee: { name: contact.fullName, email: message.recipient },
                events: invitations.map(({ session }, index) => ({
                  uid: `session-${session.id}.contact-${contact.id}@${this.host}`,
                  sequence: news[index].telling.sequence,
                  title: sq ? session.titleSq : session.titleEn,
                  startsAt: session.startsAt,
                  endsAt: session.endsAt,
                  timeZone: campaign.timeZone,
                  location: (sq ? session.venueSq : session.venueEn) ?? undefined,
                })),
              }),
            }
          : undefined,
    };
    // Only an e-mail with a calendar part tells the state of its sessions; a follow-up is about the past.
    return { mail, tells: mail.icalEvent ? news.map((item) => item.telling) : [] };
  }

  /** An operational e-mail to a user, not a contact: no RSVP, opt-out or calendar part. */
  private composeForStaff({ message, round }: Composition, sessions: RoundSession[]): OutgoingMail {
    const staff = round.staff as NonNullable<Round['staff']>;
    const sq = message.language === Language.Albanian;
    const sheetOf = (session: RoundSession) =>
      attendanceUrl(this.config.appUrl, session.id, this.config.appSecret);
    const context: EmailContext = {
      language: message.language,
      recipient: { fullName: staff.name },
      ...this.roundContext(round, sq),
      sessions: sessions.map((session) => ({
        ...sessionContext(session, sq),
        rsvpUrl: '',
        attendanceUrl: sheetOf(session),
      })),
      attendanceUrl: sessions.length === 1 ? sheetOf(sessions[0]) : undefined,
    };
    const rendered = this.renderer.render(message.template as TemplateName, context);
    return {
      from: { name: round.campaign.senderName, address: round.campaign.senderEmail },
      to: { name: staff.name, address: message.recipient },
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: message.messageIdHeader,
    };
  }

  /** What every e-mail of a round says about its campaign, county and staff, in one language. */
  private roundContext(round: Round, sq: boolean) {
    const campaign = round.campaign;
    return {
      campaign: {
        name: sq ? campaign.nameSq : campaign.nameEn,
        slogan: (sq ? campaign.sloganSq : campaign.sloganEn) ?? undefined,
        organiser: (sq ? campaign.organiserSq : campaign.organiserEn) ?? undefined,
      },
      round: { county: round.county.name },
      staff: round.staff ? { name: round.staff.name, email: round.staff.email } : undefined,
      timeZone: campaign.timeZone,
    };
  }
}

/**
 * The calendar part: REQUEST adds or moves the entry, CANCEL removes it (a
 * cancelled session, a decline, a colleague sent instead). A follow-up is
 * about the past and carries none.
 */
function calendarMethod(
  step: Step | undefined,
  answer: ConfirmedAnswer | undefined,
  followUp: boolean,
): CalendarMethod | undefined {
  if (followUp) return undefined;
  if (answer) return answer === 'accepted' ? 'REQUEST' : 'CANCEL';
  return step?.kind === StepKind.CancelNotice ? 'CANCEL' : 'REQUEST';
}

/** Taken back from a session that goes on: for its person, the session is off all the same. */
function withdrawnFrom(invitation: Invitation): boolean {
  return (
    invitation.status === InvitationStatus.Withdrawn &&
    invitation.session.status === SessionStatus.Planned
  );
}

function sessionContext(session: RoundSession, sq: boolean) {
  return {
    title: sq ? session.titleSq : session.titleEn,
    kind: session.kind,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    venue: (sq ? session.venueSq : session.venueEn) ?? undefined,
  };
}

/**
 * What an e-mail says of one invitation against what its person was last
 * told: the "was" lines of what changed, whether their answer was reset, and
 * the state, SEQUENCE and answer it tells.
 */
function newsOf(
  invitation: Invitation,
  told: Told | undefined,
  language: Language,
  method: CalendarMethod | undefined,
  tellsCancellation: boolean,
) {
  const now = stateOf(invitation, tellsCancellation);
  const difference = differenceSince(told, now, language);
  const sq = language === Language.Albanian;
  const was: Partial<EmailSession> = { rsvpReset: answerReset(told, invitation.status) };
  if (told && difference?.times) {
    was.previousStartsAt = told.startsAt;
    was.previousEndsAt = told.endsAt;
  }
  if (told && difference?.title) was.previousTitle = sq ? told.titleSq : told.titleEn;
  if (told && difference?.venue) {
    was.venueChanged = true;
    was.previousVenue = (sq ? told.venueSq : told.venueEn) ?? undefined;
  }
  const calendar = method ?? 'REQUEST';
  const telling: Telling = {
    invitationId: invitation.id,
    ...now,
    calendarMethod: calendar,
    sequence: sequenceFor(told, now, calendar),
    answer: invitation.status,
  };
  return { was, telling };
}
