import { OPENS_BEFORE_START_MS } from '../attendance/attendance-window';
import { WorkflowPolicy } from '../campaigns/workflow-policy';
import { StepKind, StepStatus } from './step-kind';
import { PlannedStep, planSteps } from './step-planner';

/** What the plan of a round needs to know of each planned session. */
export interface SessionTimes {
  id: string;
  startsAt: Date;
  endsAt: Date;
}

/** A step of a round's plan before it is a row; `sessionId` is set for an attendance opening. */
export interface RoundStepPlan extends PlannedStep {
  sessionId: string | null;
}

export interface RoundPlanInput {
  sessions: SessionTimes[];
  policy: WorkflowPolicy;
  timeZone: string;
  now: Date;
  /** False after a reschedule when the invitations already went out. */
  includeInvite: boolean;
  /**
   * Sessions whose sheet link the staff member already has and whose times
   * stay: a reschedule of another session must not send it again.
   */
  sheetsSent?: string[];
}

/**
 * An invite step in one of these states has reached people: a reschedule
 * then plans no new invitation (includeInvite false) and sends change notices.
 * The same holds for a session's attendance opening and its sheet link.
 */
export const INVITE_RAN = [StepStatus.Running, StepStatus.Done];

/** The sessions of `steps` whose attendance sheet link went out, except the one being moved (if any). */
export function sheetsSentExcept(
  steps: Array<{ kind: StepKind; status: StepStatus; sessionId: string | null }>,
  movedSessionId: string | null,
): string[] {
  return steps
    .filter(
      (step) =>
        step.kind === StepKind.AttendanceOpens &&
        INVITE_RAN.includes(step.status) &&
        step.sessionId !== null &&
        step.sessionId !== movedSessionId,
    )
    .map((step) => step.sessionId as string);
}

/** From the first session's start to the last one's end. */
export function spanOf(sessions: SessionTimes[]): { startsAt: Date; endsAt: Date } {
  return {
    startsAt: new Date(Math.min(...sessions.map((session) => session.startsAt.getTime()))),
    endsAt: new Date(Math.max(...sessions.map((session) => session.endsAt.getTime()))),
  };
}

/**
 * The policy's steps for the round's planned sessions, and for each session
 * the opening of its attendance sheet, when the staff member in charge gets
 * its link. Pure, so that the scheduler and a preview of a reschedule
 * compute the same times.
 */
export function planRoundSteps(input: RoundPlanInput): RoundStepPlan[] {
  const { sessions, now } = input;
  const span = spanOf(sessions);
  const policySteps = planSteps({
    firstSessionStartsAt: span.startsAt,
    lastSessionEndsAt: span.endsAt,
    policy: input.policy,
    timeZone: input.timeZone,
    now,
    includeInvite: input.includeInvite,
  }).map((planned) => ({ ...planned, sessionId: null }));
  const sent = new Set(input.sheetsSent ?? []);
  const attendance = sessions
    .filter((session) => !sent.has(session.id))
    .map((session) => ({
      kind: StepKind.AttendanceOpens,
      audience: null,
      sessionId: session.id,
      dueAt: new Date(Math.max(now.getTime(), session.startsAt.getTime() - OPENS_BEFORE_START_MS)),
      skipReason: null,
    }));
  return [...policySteps, ...attendance];
}
