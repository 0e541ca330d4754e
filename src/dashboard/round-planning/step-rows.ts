import { stepKey } from '../../workflow/step-kind';
import { ReminderAudience } from '../../campaigns/workflow-policy';
import { StepKind } from '../../workflow/step-kind';

/** A step as the previews list it; `key` names its text (`remind_accepted`, `invite`). */
export interface StepRow {
  key: string;
  sessionTitle: string | null;
  /** When it was due before the change; null for a step the change adds. */
  before: Date | null;
  /** When it will be due; null for a step the change stops. */
  after: Date | null;
  /** Due within the minute. */
  atOnce: boolean;
  /** Set when the step will be recorded as skipped, with the scheduler's reason. */
  skipReason: string | null;
  unchanged: boolean;
}

/** A step before or after the change, whatever it came from (a row, a plan). */
export interface StepLike {
  kind: StepKind;
  audience: ReminderAudience | null;
  sessionId: string | null;
  dueAt: Date;
  skipReason?: string | null;
}

const AT_ONCE_MS = 60_000;

/** Due within the minute: a preview says "at once" rather than show a time already passing. */
export function atOnce(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && dueAt.getTime() - now.getTime() < AT_ONCE_MS;
}

/**
 * Pairs the steps a change withdraws with those it plans, one for one by
 * kind, audience and session, so a preview says "the reminder moves from
 * Tuesday 10:00 to Thursday 10:00"; what has no partner is added or stopped.
 * In order of the new time, the stopped ones last.
 */
export function stepRows(
  before: StepLike[],
  after: StepLike[],
  titleOf: (sessionId: string | null) => string | null,
  now: Date,
): StepRow[] {
  const match = (step: StepLike) => `${stepKey(step)}|${step.sessionId ?? ''}`;
  const unmatched = [...before];
  const rows: StepRow[] = after.map((step) => {
    const index = unmatched.findIndex((old) => match(old) === match(step));
    const old = index >= 0 ? unmatched.splice(index, 1)[0] : null;
    return {
      key: stepKey(step),
      sessionTitle: titleOf(step.sessionId),
      before: old?.dueAt ?? null,
      after: step.dueAt,
      atOnce: !step.skipReason && atOnce(step.dueAt, now),
      skipReason: step.skipReason ?? null,
      unchanged: old !== null && old.dueAt.getTime() === step.dueAt.getTime(),
    };
  });
  rows.sort((a, b) => a.after!.getTime() - b.after!.getTime());
  const stopped = unmatched
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map((step) => ({
      key: stepKey(step),
      sessionTitle: titleOf(step.sessionId),
      before: step.dueAt,
      after: null,
      atOnce: false,
      skipReason: null,
      unchanged: false,
    }));
  return [...rows, ...stopped];
}
