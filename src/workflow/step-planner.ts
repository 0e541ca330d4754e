import { parseIsoDuration } from '../campaigns/iso-duration';
import { ReminderAudience, WorkflowPolicy } from '../campaigns/workflow-policy';
import { nextSendTime } from './send-window';
import { StepKind } from './step-kind';

export interface PlannedStep {
  kind: StepKind;
  audience: ReminderAudience | null;
  dueAt: Date;
  /** Set when the step is recorded as skipped instead of being run. */
  skipReason: string | null;
}

export interface PlanInput {
  firstSessionStartsAt: Date;
  lastSessionEndsAt: Date;
  policy: WorkflowPolicy;
  timeZone: string;
  now: Date;
  /** False after a reschedule when the invitations already went out. */
  includeInvite: boolean;
}

/**
 * The invitation, reminder, follow-up and report steps of a round. A step whose time has passed
 * is skipped, never sent late in a burst, except the invitation, which goes
 * now: a round scheduled 20 hours ahead still invites, and reminds no one.
 * Every time is moved into the campaign's send window.
 */
export function planSteps(input: PlanInput): PlannedStep[] {
  const { firstSessionStartsAt: start, policy, timeZone, now } = input;
  const inWindow = (at: Date) => nextSendTime(at, policy.sendWindow, timeZone);
  const steps: PlannedStep[] = [];

  if (input.includeInvite) {
    const wanted = new Date(start.getTime() - parseIsoDuration(policy.inviteBefore));
    const dueAt = inWindow(wanted < now ? now : wanted);
    steps.push({
      kind: StepKind.Invite,
      audience: null,
      dueAt,
      skipReason: dueAt >= start ? 'no time in the send window before the first session' : null,
    });
  }

  for (const reminder of policy.reminders) {
    const wanted = new Date(start.getTime() - parseIsoDuration(reminder.before));
    const dueAt = inWindow(wanted);
    steps.push({
      kind: StepKind.Remind,
      audience: reminder.audience,
      dueAt: wanted < now ? wanted : dueAt,
      skipReason:
        wanted < now
          ? 'its time had passed when the round was scheduled'
          : dueAt >= start
            ? 'no time in the send window before the first session'
            : null,
    });
  }

  // After the round: passed already (a round entered after it took place) means never sent.
  for (const [kind, after] of [
    [StepKind.FollowUp, policy.followUpAfter],
    [StepKind.Report, policy.reportAfter],
  ] as const) {
    const wanted = new Date(input.lastSessionEndsAt.getTime() + parseIsoDuration(after));
    steps.push({
      kind,
      audience: null,
      dueAt: wanted < now ? wanted : inWindow(wanted),
      skipReason: wanted < now ? 'its time had passed when the round was scheduled' : null,
    });
  }
  return steps;
}
