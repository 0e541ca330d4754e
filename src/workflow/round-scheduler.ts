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
import { CreateSessionDto, UpdateSessionDto } from '../rounds/dto/session.dto';
import { assertNotStarted, SessionsService } from '../rounds/sessions.service';
import { INVITE_RAN, planRoundSteps, sheetsSentExcept, spanOf } from './round-step-plan';
import { holdRoundAgainstSends } from './send-locks';
import { planLateInvite, planNotice } from './notice-plan';
import { StepJobKey, StepJobs } from './step-jobs';
import { NOTICE_KINDS, StepKind, StepStatus } from './step-kind';
import { Step } from './step.entity';
import { AudienceWithdrawals } from './withdrawals';

/** What a session's change compares its audience with: read under the lock with the rest. */
const AUDIENCE = [
  'audienceCommittees:ref',
  'audienceInstitutions:ref',
  'audienceContacts:ref',
] as const;

interface Outcome<T> {
  result: T;
  planned: Step[];
  withdrawn: StepJobKey[];
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
    private readonly withdrawals: AudienceWithdrawals,
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
   * A session added to a round. Once the round is scheduled its plan is made
   * anew to cover it, and once the invitations have gone out a late
   * invitation follows at once: it writes and mails only the invitations
   * that do not exist yet, so someone invited to other sessions already
   * gets one e-mail, about the new session alone.
   */
  addSession(
    roundId: string,
    input: CreateSessionDto,
    previewedVersion?: number,
  ): Promise<RoundSession> {
    return this.change(roundId, previewedVersion, async (em, round, now) => {
      const session = await this.sessions.add(round, input);
      await em.flush();
      const outcome: Outcome<RoundSession> = { result: session, planned: [], withdrawn: [] };
      if (round.status === RoundStatus.Draft) return outcome;
      const inviteSent = await this.inviteHasRun(em, round);
      await this.replan(em, round, now, inviteSent, null, outcome);
      if (inviteSent) this.inviteLate(em, round, now, outcome);
      return outcome;
    });
  }

  /**
   * PATCH of a session. New times are a reschedule: the round's plan is made
   * anew. New times, title or venue of an invited session plan a change
   * notice, composed when it leaves from what each person was last told. A
   * new audience is a late invitation for those it adds, and a withdrawal
   * for those it leaves out, told to them if they had been told of it. `previewedVersion`, here and in the
   * cancels, is the schedule version a preview showed: a change committed
   * since refuses this one.
   */
  async updateSession(
    sessionId: string,
    input: UpdateSessionDto,
    previewedVersion?: number,
  ): Promise<RoundSession> {
    const session = await this.em.findOne(RoundSession, { id: sessionId });
    if (!session) throw RequestError.notFound('session');
    return this.change(session.round.id, previewedVersion, async (em, round, now) => {
      // Read again under the lock: the session as a change committed meanwhile left it, not as read above.
      const current = await em.findOneOrFail(
        RoundSession,
        { id: sessionId },
        { refresh: true, populate: AUDIENCE },
      );
      if (current.status === SessionStatus.Cancelled) {
        throw RequestError.conflict('status', 'the session is cancelled');
      }
      if (round.status === RoundStatus.Cancelled || round.status === RoundStatus.Completed) {
        throw RequestError.conflict('status', `the round is ${round.status}`);
      }
      const update = await this.sessions.applyUpdate(current, input);
      const told = update.timesChanged || update.titleChanged || update.venueChanged;
      if (told) current.sequence += 1;
      await em.flush();
      const outcome: Outcome<RoundSession> = { result: current, planned: [], withdrawn: [] };
      if (round.status === RoundStatus.Draft) return outcome;

      const inviteSent = await this.inviteHasRun(em, round);
      if (update.timesChanged) {
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
        await this.replan(em, round, now, inviteSent, current.id, outcome);
      } else if (told || update.audienceChanged) {
        await this.carryPlanOver(em, round, outcome);
      }
      if (told && inviteSent) await this.notify(em, round, StepKind.ChangeNotice, now, outcome);
      if (update.audienceChanged && inviteSent) {
        this.inviteLate(em, round, now, outcome);
        if ((await this.withdrawals.withdrawLeavers(em, current, now)).length > 0) {
          await this.notify(em, round, StepKind.CancelNotice, now, outcome);
        }
      }
      return outcome;
    });
  }

  /**
   * Cancellations reach only the people told of a cancelled session, once
   * each, and list only what they had not heard of: see noticeRecipientIds.
   */
  cancelRound(roundId: string, previewedVersion?: number): Promise<Round> {
    return this.change(roundId, previewedVersion, async (em, round, now) => {
      if (round.status === RoundStatus.Cancelled || round.status === RoundStatus.Completed) {
        throw RequestError.conflict('status', `the round is already ${round.status}`);
      }
      const wasDraft = round.status === RoundStatus.Draft;
      for (const session of await this.plannedSessions(em, round)) {
        session.status = SessionStatus.Cancelled;
        session.sequence += 1;
      }
      const outcome: Outcome<Round> = { result: round, planned: [], withdrawn: [] };
      await this.callOff(em, round, now, outcome);
      if (!wasDraft) await this.notify(em, round, StepKind.CancelNotice, now, outcome);
      return outcome;
    });
  }

  /**
   * The round's plan follows its remaining sessions; when none is left the
   * round is cancelled with it, and its people get one cancellation.
   */
  async cancelSession(sessionId: string, previewedVersion?: number): Promise<RoundSession> {
    const session = await this.em.findOne(RoundSession, { id: sessionId });
    if (!session) throw RequestError.notFound('session');
    return this.change(session.round.id, previewedVersion, async (em, round, now) => {
      const current = await em.findOneOrFail(RoundSession, { id: sessionId }, { refresh: true });
      if (current.status === SessionStatus.Cancelled) {
        throw RequestError.conflict('status', 'the session is already cancelled');
      }
      if (round.status === RoundStatus.Completed) {
        throw RequestError.conflict('status', 'the round is completed');
      }
      assertNotStarted(current, 'cancel');
      current.status = SessionStatus.Cancelled;
      current.sequence += 1;
      await em.flush();
      const outcome: Outcome<RoundSession> = { result: current, planned: [], withdrawn: [] };
      if (round.status === RoundStatus.Draft) return outcome;
      if ((await this.plannedSessions(em, round)).length === 0) {
        await this.callOff(em, round, now, outcome);
      } else {
        await this.replan(em, round, now, await this.inviteHasRun(em, round), null, outcome);
      }
      await this.notify(em, round, StepKind.CancelNotice, now, outcome);
      return outcome;
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

  /**
   * Makes the round's plan anew for its planned sessions under a new schedule
   * version: the pending steps it planned before are withdrawn (never a
   * notice), and the staff member is not sent again the sheet links they
   * have, except the moved session's.
   */
  private async replan<T>(
    em: EntityManager,
    round: Round,
    now: Date,
    inviteSent: boolean,
    movedSessionId: string | null,
    outcome: Outcome<T>,
  ): Promise<void> {
    // A late invitation not yet run is bound to the old version: it is planned again under the new one.
    const lateInvitePending =
      inviteSent &&
      (await em.count(Step, { round, kind: StepKind.Invite, status: StepStatus.Pending })) > 0;
    round.scheduleVersion += 1;
    outcome.withdrawn.push(
      ...(await this.withdrawPlanned(em, round, 'replaced by a change of plan')),
    );
    const sessions = await this.plannedSessions(em, round);
    const sheetsSent = sheetsSentExcept(
      (await em.find(Step, { round, kind: StepKind.AttendanceOpens })).map((step) => ({
        kind: step.kind,
        status: step.status,
        sessionId: step.session?.id ?? null,
      })),
      movedSessionId,
    );
    outcome.planned.push(...this.plan(em, round, sessions, now, !inviteSent, sheetsSent));
    if (lateInvitePending) this.inviteLate(em, round, now, outcome);
  }

  /**
   * A change that leaves the times as they were (a title, a venue, an
   * audience) moves the round's version all the same, so a coordinator who
   * saw the round before it is refused (If-Match, scheduleVersion). The plan
   * stands: its steps carry over to the new version, and the pending ones
   * get jobs under it.
   */
  private async carryPlanOver<T>(
    em: EntityManager,
    round: Round,
    outcome: Outcome<T>,
  ): Promise<void> {
    const before = round.scheduleVersion;
    round.scheduleVersion += 1;
    const carried = await em.getConnection().execute<{ id: string; status: StepStatus }[]>(
      `update step set version = ? where round_id = ? and version = ? and kind not in (?)
      returning id, status`,
      [round.scheduleVersion, round.id, before, NOTICE_KINDS],
    );
    const pending = carried.filter((step) => step.status === StepStatus.Pending);
    outcome.withdrawn.push(...pending.map((step) => ({ id: step.id, version: before })));
    outcome.planned.push(
      ...(await em.find(Step, { id: { $in: pending.map((step) => step.id) } }, { refresh: true })),
    );
  }

  /** Invites, in the send window, whoever of the round's audience has no invitation yet. */
  private inviteLate<T>(em: EntityManager, round: Round, now: Date, outcome: Outcome<T>): void {
    if (outcome.planned.some((step) => step.kind === StepKind.Invite)) return;
    outcome.planned.push(planLateInvite(em, round, now));
  }

  /** The round is cancelled: none of its planned steps will run. */
  private async callOff<T>(
    em: EntityManager,
    round: Round,
    now: Date,
    outcome: Outcome<T>,
  ): Promise<void> {
    round.status = RoundStatus.Cancelled;
    round.cancelledAt = now;
    round.scheduleVersion += 1;
    outcome.withdrawn.push(...(await this.withdrawPlanned(em, round, 'the round was cancelled')));
  }

  private async notify<T>(
    em: EntityManager,
    round: Round,
    kind: StepKind.ChangeNotice | StepKind.CancelNotice,
    now: Date,
    outcome: Outcome<T>,
  ): Promise<void> {
    const notice = await planNotice(em, round, kind, now);
    if (notice) outcome.planned.push(notice);
  }

  /** Conditional on pending, so a step a runner has just started is left to it. */
  private withdrawPlanned(em: EntityManager, round: Round, reason: string): Promise<StepJobKey[]> {
    return em.getConnection().execute<StepJobKey[]>(
      `update step set status = ?, note = ?
        where round_id = ? and status = ? and kind not in (?)
      returning id, version`,
      [StepStatus.Cancelled, reason, round.id, StepStatus.Pending, NOTICE_KINDS],
    );
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
