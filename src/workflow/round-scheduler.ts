import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestError } from '../common/request-error';
import { Invitation } from '../rounds/invitation.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundSession } from '../rounds/round-session.entity';
import { RoundStatus } from '../rounds/round-status';
import { Round } from '../rounds/round.entity';
import { SessionStatus } from '../rounds/session-kind';
import { UpdateSessionDto } from '../rounds/dto/session.dto';
import { SessionsService } from '../rounds/sessions.service';
import { INVITE_RAN, planRoundSteps, sheetsSentExcept, spanOf } from './round-step-plan';
import { holdRoundAgainstSends } from './send-locks';
import { nextSendTime } from './send-window';
import { StepJobs } from './step-jobs';
import { StepKind, StepStatus } from './step-kind';
import { Step, StepChange } from './step.entity';

interface Outcome<T> {
  result: T;
  planned: Step[];
  withdrawn: Step[];
}

/**
 * Turns a round's plan into steps, and changes of plan into new steps. Each
 * change runs in one transaction holding the round's row lock, so concurrent
 * requests (fifty identical "schedule" clicks, a reschedule racing a cancel)
 * apply one after the other, and its send lock, so no e-mail of the round is
 * on its way meanwhile; jobs are queued only after the commit.
 */
@Injectable()
export class RoundScheduler {
  constructor(
    private readonly em: EntityManager,
    private readonly sessions: SessionsService,
    private readonly stepJobs: StepJobs,
  ) {}

  schedule(roundId: string): Promise<Round> {
    return this.change(roundId, undefined, async (em, round, now) => {
      if (round.status !== RoundStatus.Draft) {
        throw RequestError.conflict('status', `the round is already ${round.status}`);
      }
      const sessions = await this.plannedSessions(em, round);
      if (sessions.length === 0) {
        throw RequestError.unprocessable('sessions', 'add at least one session first');
      }
      if (spanOf(sessions).startsAt <= now) {
        throw RequestError.unprocessable('sessions', 'the first session has already started');
      }
      round.status = RoundStatus.Scheduled;
      round.scheduledAt = now;
      round.scheduleVersion += 1;
      return {
        result: round,
        planned: this.plan(em, round, sessions, now, true),
        withdrawn: [],
      };
    });
  }

  /**
   * A round that took place before anyone planned it here (the office
   * catching up on its past rounds): completed at once, with no steps and no
   * e-mail, so its attendance and outcome can be entered for the report.
   */
  recordHeld(roundId: string): Promise<Round> {
    return this.change(roundId, undefined, async (em, round, now) => {
      if (round.status !== RoundStatus.Draft) {
        throw RequestError.conflict(
          'status',
          `the round is already ${round.status}; only a draft is recorded as held`,
        );
      }
      const sessions = await this.plannedSessions(em, round);
      if (sessions.length === 0) {
        throw RequestError.unprocessable('sessions', 'add at least one session first');
      }
      if (spanOf(sessions).endsAt > now) {
        throw RequestError.unprocessable(
          'sessions',
          'the last session has not ended yet; schedule the round instead',
        );
      }
      round.status = RoundStatus.Completed;
      return { result: round, planned: [], withdrawn: [] };
    });
  }

  /**
   * PATCH of a session: new times are a reschedule, a new audience a late
   * invitation. `previewedVersion`, here and in the cancels, is the schedule
   * version a preview showed: a change committed since refuses this one.
   */
  async updateSession(
    sessionId: string,
    input: UpdateSessionDto,
    previewedVersion?: number,
  ): Promise<RoundSession> {
    const session = await this.em.findOne(RoundSession, { id: sessionId });
    if (!session) throw RequestError.notFound('session');
    return this.change(session.round.id, previewedVersion, async (em, round, now) => {
      const current = await em.findOneOrFail(RoundSession, { id: sessionId });
      if (current.status === SessionStatus.Cancelled) {
        throw RequestError.conflict('status', 'the session is cancelled');
      }
      if (round.status === RoundStatus.Cancelled || round.status === RoundStatus.Completed) {
        throw RequestError.conflict('status', `the round is ${round.status}`);
      }
      const update = await this.sessions.applyUpdate(current, input);
      await em.flush();
      if (round.status === RoundStatus.Draft)
        return { result: current, planned: [], withdrawn: [] };

      const inviteSent = await this.inviteHasRun(em, round);
      if (update.timesChanged) {
        current.sequence += 1;
        round.scheduleVersion += 1;
        const withdrawn = await this.withdrawPending(em, round, 'replaced by a reschedule');
        const sessions = await this.plannedSessions(em, round);
        const sheetsSent = sheetsSentExcept(
          (await em.find(Step, { round, kind: StepKind.AttendanceOpens })).map((step) => ({
            kind: step.kind,
            status: step.status,
            sessionId: step.session?.id ?? null,
          })),
          current.id,
        );
        const planned = sessions.length
          ? this.plan(em, round, sessions, now, !inviteSent, sheetsSent)
          : [];
        if (await em.count(Invitation, { session: current })) {
          planned.push(
            this.notice(em, round, StepKind.ChangeNotice, now, null, [
              {
                sessionId: current.id,
                previousStartsAt: update.previousStartsAt.toISOString(),
                previousEndsAt: update.previousEndsAt.toISOString(),
              },
            ]),
          );
        }
        if (update.dateChanged) {
          // A new day is a new question: answers given for the old date no longer hold.
          await em.nativeUpdate(
            Invitation,
            {
              session: current,
              status: { $in: [InvitationStatus.Accepted, InvitationStatus.Declined] },
            },
            { status: InvitationStatus.Pending, respondedAt: null },
          );
        }
        return { result: current, planned, withdrawn };
      }
      if (update.audienceChanged && inviteSent) {
        const lateInvite = em.create(Step, {
          round,
          kind: StepKind.Invite,
          dueAt: this.inSendWindow(round, now),
          version: round.scheduleVersion,
        });
        return { result: current, planned: [lateInvite], withdrawn: [] };
      }
      return { result: current, planned: [], withdrawn: [] };
    });
  }

  cancelRound(roundId: string, previewedVersion?: number): Promise<Round> {
    return this.change(roundId, previewedVersion, async (em, round, now) => {
      if (round.status === RoundStatus.Cancelled || round.status === RoundStatus.Completed) {
        throw RequestError.conflict('status', `the round is already ${round.status}`);
      }
      const wasDraft = round.status === RoundStatus.Draft;
      round.status = RoundStatus.Cancelled;
      round.cancelledAt = now;
      round.scheduleVersion += 1;
      const withdrawn = await this.withdrawPending(em, round, 'the round was cancelled');
      for (const session of await em.find(RoundSession, { round, status: SessionStatus.Planned })) {
        session.status = SessionStatus.Cancelled;
        session.sequence += 1;
      }
      const invited = !wasDraft && (await em.count(Invitation, { session: { round } })) > 0;
      const planned = invited
        ? [this.notice(em, round, StepKind.CancelNotice, now, null, null)]
        : [];
      return { result: round, planned, withdrawn };
    });
  }

  async cancelSession(sessionId: string, previewedVersion?: number): Promise<RoundSession> {
    const session = await this.em.findOne(RoundSession, { id: sessionId });
    if (!session) throw RequestError.notFound('session');
    return this.change(session.round.id, previewedVersion, async (em, round, now) => {
      const current = await em.findOneOrFail(RoundSession, { id: sessionId });
      if (current.status === SessionStatus.Cancelled) {
        throw RequestError.conflict('status', 'the session is already cancelled');
      }
      current.status = SessionStatus.Cancelled;
      current.sequence += 1;
      const invited = (await em.count(Invitation, { session: current })) > 0;
      const planned = invited
        ? [this.notice(em, round, StepKind.CancelNotice, now, current, null)]
        : [];
      return { result: current, planned, withdrawn: [] };
    });
  }

  private async change<T>(
    roundId: string,
    previewedVersion: number | undefined,
    apply: (em: EntityManager, round: Round, now: Date) => Promise<Outcome<T>>,
  ): Promise<T> {
    const outcome = await this.em.transactional(async (em) => {
      await holdRoundAgainstSends(em, roundId);
      const round = await em.findOne(
        Round,
        { id: roundId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['campaign'] },
      );
      if (!round) throw RequestError.notFound('round');
      // Checked under the round's lock: a change previewed earlier cannot slip past one committed since.
      if (previewedVersion !== undefined && round.scheduleVersion !== previewedVersion) {
        throw RequestError.conflict(
          'scheduleVersion',
          `the round changed since the preview (version ${previewedVersion}, now ${round.scheduleVersion})`,
        );
      }
      return apply(em, round, new Date());
    });
    await this.stepJobs.withdraw(outcome.withdrawn);
    await this.stepJobs.enqueue(outcome.planned);
    return outcome.result;
  }

  /** The round's plan (see planRoundSteps) as step rows. */
  private plan(
    em: EntityManager,
    round: Round,
    sessions: RoundSession[],
    now: Date,
    includeInvite: boolean,
    sheetsSent: string[] = [],
  ): Step[] {
    const sessionById = new Map(sessions.map((session) => [session.id, session]));
    return planRoundSteps({
      sessions,
      policy: round.campaign.policy,
      timeZone: round.campaign.timeZone,
      now,
      includeInvite,
      sheetsSent,
    }).map((planned) =>
      em.create(Step, {
        round,
        kind: planned.kind,
        audience: planned.audience,
        session: planned.sessionId ? sessionById.get(planned.sessionId) : null,
        dueAt: planned.dueAt,
        version: round.scheduleVersion,
        status: planned.skipReason ? StepStatus.Skipped : StepStatus.Pending,
        note: planned.skipReason,
      }),
    );
  }

  private notice(
    em: EntityManager,
    round: Round,
    kind: StepKind,
    now: Date,
    session: RoundSession | null,
    changes: StepChange[] | null,
  ): Step {
    return em.create(Step, {
      round,
      kind,
      dueAt: this.inSendWindow(round, now),
      version: round.scheduleVersion,
      session,
      changes,
    });
  }

  /** Notices and late invitations go now, or when the campaign's send window next opens. */
  private inSendWindow(round: Round, at: Date): Date {
    return nextSendTime(at, round.campaign.policy.sendWindow, round.campaign.timeZone);
  }

  private async withdrawPending(em: EntityManager, round: Round, reason: string): Promise<Step[]> {
    const pending = await em.find(Step, { round, status: StepStatus.Pending });
    for (const step of pending) {
      step.status = StepStatus.Cancelled;
      step.note = reason;
    }
    return pending;
  }

  private async inviteHasRun(em: EntityManager, round: Round): Promise<boolean> {
    const count = await em.count(Step, {
      round,
      kind: StepKind.Invite,
      status: { $in: INVITE_RAN },
    });
    return count > 0;
  }

  private plannedSessions(em: EntityManager, round: Round): Promise<RoundSession[]> {
    return em.find(
      RoundSession,
      { round, status: SessionStatus.Planned },
      { orderBy: { startsAt: 'asc' } },
    );
  }
}
