import { Injectable } from '@nestjs/common';
import { FieldError } from '../../common/error-body';
import { Language } from '../../common/language';
import { InvitationStatus } from '../../rounds/invitation-status';
import { localDate } from '../../rounds/local-time';
import { RoundSession } from '../../rounds/round-session.entity';
import { RoundStatus } from '../../rounds/round-status';
import { SessionStatus } from '../../rounds/session-kind';
import { datesCovering } from '../../rounds/session-times';
import { SessionsService } from '../../rounds/sessions.service';
import { INVITE_RAN, planRoundSteps, sheetsSentExcept } from '../../workflow/round-step-plan';
import { RoundTimeline } from '../../workflow/round-timeline';
import { nextSendTime } from '../../workflow/send-window';
import { isBoundToSchedule, StepKind, StepStatus } from '../../workflow/step-kind';
import { NoticeRecipients, RecipientRow } from './notice-recipients';
import { inLanguage } from './plan-view';
import { previewFingerprint } from './preview-fingerprint';
import { atOnce, StepRow, stepRows } from './step-rows';

/** ISO dates, read as a span by the formatDateSpan helper. */
interface DaySpan {
  startsAt: string;
  endsAt: string;
}

export interface NewTimes {
  startsAt: Date;
  endsAt: Date;
}

/** What confirming a reschedule will do; nothing of it has happened yet. */
export interface ReschedulePreview {
  before: NewTimes;
  after: NewTimes;
  /** The day moved: answers given for the old day are reset and asked again. */
  dayChanged: boolean;
  /**
   * The move takes the round's dates with it (past its last day or before
   * its first): the days before and after, as spans formatDateSpan reads.
   */
  roundDates: { before: DaySpan[]; after: DaySpan[] } | null;
  /** Who gets a change notice ("was …, now …"), and when it goes. */
  recipients: RecipientRow[];
  noticeAt: Date | null;
  /** The notice goes within the minute (no send window holds it back). */
  noticeAtOnce: boolean;
  /** Those whose answer is reset because the day changed. */
  answersReset: RecipientRow[];
  steps: StepRow[];
  /** A draft round has sent nothing: only the session moves. */
  draft: boolean;
  fingerprint: string;
}

/**
 * Works out a reschedule the way RoundScheduler.updateSession carries it
 * out, from the same pieces: every pending step is withdrawn and the round
 * planned again by planRoundSteps (with no new invitation once it has gone
 * out), a change notice goes to the session's invitees if it has any, at
 * the next moment the send window allows, and answers are reset when the
 * session's day (in the campaign's time zone) changes.
 */
@Injectable()
export class ReschedulePreviewBuilder {
  constructor(
    private readonly sessions: SessionsService,
    private readonly timeline: RoundTimeline,
    private readonly recipients: NoticeRecipients,
  ) {}

  /** The reasons the new times would be refused, as the session service gives them. */
  problems(session: RoundSession, times: NewTimes): FieldError[] {
    const round = session.round;
    const { problem } = datesCovering(round, round.campaign.timeZone, times.startsAt, times.endsAt);
    if (problem) return [problem];
    const same =
      times.startsAt.getTime() === session.startsAt.getTime() &&
      times.endsAt.getTime() === session.endsAt.getTime();
    return same
      ? [{ field: 'startsAt', reason: 'is the session’s time already; nothing would change' }]
      : [];
  }

  /** Needs the session's round and campaign loaded. */
  async build(
    session: RoundSession,
    times: NewTimes,
    language: Language,
    now = new Date(),
  ): Promise<ReschedulePreview> {
    const round = session.round;
    const { policy, timeZone } = round.campaign;
    const draft = round.status === RoundStatus.Draft;
    const sessions = await this.sessions.sessionsOf(round);
    const invitations = draft ? [] : await this.recipients.invitationsOf(round, session);
    const recipients = invitations.length
      ? await this.recipients.of(round, session, invitations)
      : [];
    const dayChanged =
      localDate(times.startsAt, timeZone) !== localDate(session.startsAt, timeZone);
    // The same covering the session service applies when the move is confirmed.
    const covering = datesCovering(round, timeZone, times.startsAt, times.endsAt).dates;
    const roundDates =
      covering && (covering.startsOn !== round.startsOn || covering.endsOn !== round.endsOn)
        ? {
            before: [{ startsAt: round.startsOn, endsAt: round.endsOn }],
            after: [{ startsAt: covering.startsOn, endsAt: covering.endsOn }],
          }
        : null;
    const answered = [InvitationStatus.Accepted, InvitationStatus.Declined];
    const answersReset = dayChanged
      ? invitations
          .filter((invitation) => answered.includes(invitation.status))
          .map((invitation) => ({
            contactId: invitation.contact.id,
            fullName: invitation.contact.fullName,
            email: invitation.contact.email,
            institutionName: invitation.contact.institution?.name ?? null,
            status: invitation.status,
          }))
      : [];

    const noticeAt = invitations.length ? nextSendTime(now, policy.sendWindow, timeZone) : null;
    const { steps } = await this.timeline.schedule(round.id);
    // A pending notice stays: it carries this change too.
    const withdrawn = draft
      ? []
      : steps.filter((step) => step.status === StepStatus.Pending && isBoundToSchedule(step.kind));
    const planned = sessions
      .filter((other) => other.status === SessionStatus.Planned)
      .map((other) => (other.id === session.id ? { id: other.id, ...times } : other));
    const inviteSent = steps.some(
      (step) => step.kind === StepKind.Invite && INVITE_RAN.includes(step.status),
    );
    const replanned =
      draft || planned.length === 0
        ? []
        : planRoundSteps({
            sessions: planned,
            policy,
            timeZone,
            now,
            includeInvite: !inviteSent,
            sheetsSent: sheetsSentExcept(steps, session.id),
          });
    const titles = new Map(
      sessions.map((other) => [other.id, inLanguage(language, other.titleSq, other.titleEn)]),
    );

    return {
      before: { startsAt: session.startsAt, endsAt: session.endsAt },
      after: times,
      dayChanged,
      roundDates,
      recipients,
      noticeAt,
      noticeAtOnce: atOnce(noticeAt, now),
      answersReset,
      steps: stepRows(withdrawn, replanned, (id) => (id ? (titles.get(id) ?? null) : null), now),
      draft,
      fingerprint: previewFingerprint({
        version: round.scheduleVersion,
        sequence: session.sequence,
        from: [session.startsAt, session.endsAt],
        to: [times.startsAt, times.endsAt],
        dates: roundDates?.after ?? null,
        recipients: recipients.map((recipient) => recipient.contactId).sort(),
        reset: answersReset.map((recipient) => recipient.contactId).sort(),
        withdrawn: withdrawn.map((step) => step.id).sort(),
      }),
    };
  }
}
