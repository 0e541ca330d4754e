import { Injectable } from '@nestjs/common';
import { Language } from '../../common/language';
import { RoundSession } from '../../rounds/round-session.entity';
import { RoundStatus } from '../../rounds/round-status';
import { Round } from '../../rounds/round.entity';
import { SessionStatus } from '../../rounds/session-kind';
import { SessionsService } from '../../rounds/sessions.service';
import { RoundTimeline } from '../../workflow/round-timeline';
import { nextSendTime } from '../../workflow/send-window';
import { isBoundToSchedule, StepKind, StepStatus } from '../../workflow/step-kind';
import { NoticeRecipients, RecipientRow } from './notice-recipients';
import { inLanguage, sessionSummary } from './plan-view';
import { previewFingerprint } from './preview-fingerprint';
import { atOnce, StepRow, stepRows } from './step-rows';

/** What confirming a cancellation will do; nothing of it has happened yet. */
export interface CancelPreview {
  recipients: RecipientRow[];
  /** When the cancellation notice goes; null when nobody was invited. */
  noticeAt: Date | null;
  /** The notice goes within the minute (no send window holds it back). */
  noticeAtOnce: boolean;
  /** Pending steps that will not run (or, for one session, no longer concern it). */
  stopped: StepRow[];
  /** The sessions called off with it. */
  sessions: Array<ReturnType<typeof sessionSummary>>;
  /** The session is the last planned one of a round already scheduled: the round is cancelled with it. */
  cancelsRound: boolean;
  fingerprint: string;
}

/**
 * Works out a cancellation the way RoundScheduler.cancelSession and
 * cancelRound carry it out: a cancellation notice to the invitees (none for
 * a round that was still a draft), and for a whole round every pending step
 * withdrawn; for one session its attendance sheet is no longer sent, while
 * the round's other sessions keep their reminders.
 */
@Injectable()
export class CancelPreviewBuilder {
  constructor(
    private readonly sessions: SessionsService,
    private readonly timeline: RoundTimeline,
    private readonly recipients: NoticeRecipients,
  ) {}

  /** Needs the session's round and campaign loaded. */
  async forSession(
    session: RoundSession,
    language: Language,
    now = new Date(),
  ): Promise<CancelPreview> {
    const round = session.round;
    const invitations = await this.recipients.invitationsOf(round, session);
    const recipients = invitations.length
      ? await this.recipients.of(round, session, invitations)
      : [];
    // As RoundScheduler.cancelSession: a draft keeps its plan page, however few sessions are left.
    const cancelsRound =
      round.status !== RoundStatus.Draft &&
      (await this.sessions.sessionsOf(round)).every(
        (other) => other.id === session.id || other.status !== SessionStatus.Planned,
      );
    const { steps } = await this.timeline.schedule(round.id);
    const stopped = steps.filter(
      (step) =>
        step.status === StepStatus.Pending &&
        (cancelsRound
          ? isBoundToSchedule(step.kind)
          : step.kind === StepKind.AttendanceOpens && step.sessionId === session.id),
    );
    const title = inLanguage(language, session.titleSq, session.titleEn);
    return {
      recipients,
      ...this.notice(round, recipients.length > 0, now),
      stopped: stepRows(stopped, [], (id) => (id ? title : null), now),
      sessions: [sessionSummary(session, language)],
      cancelsRound,
      fingerprint: previewFingerprint({
        version: round.scheduleVersion,
        sequence: session.sequence,
        status: session.status,
        cancelsRound,
        recipients: recipients.map((recipient) => recipient.contactId).sort(),
      }),
    };
  }

  /** Needs the round's campaign loaded. */
  async forRound(round: Round, language: Language, now = new Date()): Promise<CancelPreview> {
    const invited = round.status !== RoundStatus.Draft;
    const invitations = invited ? await this.recipients.invitationsOf(round, null) : [];
    const recipients = invitations.length ? await this.recipients.of(round, null, invitations) : [];
    const sessions = (await this.sessions.sessionsOf(round)).filter(
      (session) => session.status === SessionStatus.Planned,
    );
    const titles = new Map(
      sessions.map((session) => [
        session.id,
        inLanguage(language, session.titleSq, session.titleEn),
      ]),
    );
    const { steps } = await this.timeline.schedule(round.id);
    const pending = steps.filter(
      (step) => step.status === StepStatus.Pending && isBoundToSchedule(step.kind),
    );
    return {
      recipients,
      ...this.notice(round, recipients.length > 0, now),
      stopped: stepRows(pending, [], (id) => (id ? (titles.get(id) ?? null) : null), now),
      sessions: sessions.map((session) => sessionSummary(session, language)),
      cancelsRound: true,
      fingerprint: previewFingerprint({
        version: round.scheduleVersion,
        status: round.status,
        recipients: recipients.map((recipient) => recipient.contactId).sort(),
        pending: pending.map((step) => step.id).sort(),
      }),
    };
  }

  private notice(round: Round, anyone: boolean, now: Date) {
    const { policy, timeZone } = round.campaign;
    const noticeAt = anyone ? nextSendTime(now, policy.sendWindow, timeZone) : null;
    return { noticeAt, noticeAtOnce: atOnce(noticeAt, now) };
  }
}
