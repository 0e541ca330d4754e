import { DEFAULT_WORKFLOW_POLICY, ReminderAudience } from '../campaigns/workflow-policy';
import { planSteps } from './step-planner';
import { StepKind } from './step-kind';

const ELBASAN_FIRST_SESSION = new Date('2017-11-22T09:00:00Z'); // Wednesday 10:00 in Tirana
const ELBASAN_LAST_SESSION_END = new Date('2017-11-22T15:00:00Z'); // Wednesday 16:00 in Tirana

describe('planSteps', () => {
  it('plans the invitation, both reminders, the follow-up and the report, inside the send window', () => {
    const steps = planSteps({
      firstSessionStartsAt: ELBASAN_FIRST_SESSION,
      lastSessionEndsAt: ELBASAN_LAST_SESSION_END,
      policy: DEFAULT_WORKFLOW_POLICY,
      timeZone: 'Europe/Tirane',
      now: new Date('2017-11-01T09:00:00Z'),
      includeInvite: true,
    });
    expect(steps).toEqual([
      // 14 days before is Wednesday 8 November 10:00 local: inside the window.
      {
        kind: StepKind.Invite,
        audience: null,
        dueAt: new Date('2017-11-08T09:00:00Z'),
        skipReason: null,
      },
      {
        kind: StepKind.Remind,
        audience: ReminderAudience.NonResponders,
        // Three days before is Sunday: it waits for Monday 08:00 local.
        dueAt: new Date('2017-11-20T07:00:00Z'),
        skipReason: null,
      },
      {
        kind: StepKind.Remind,
        audience: ReminderAudience.Accepted,
        dueAt: new Date('2017-11-21T09:00:00Z'),
        skipReason: null,
      },
      // A day after the last session ends is Thursday 16:00 local: inside the window.
      {
        kind: StepKind.FollowUp,
        audience: null,
        dueAt: new Date('2017-11-23T15:00:00Z'),
        skipReason: null,
      },
      // Two days after is Friday 16:00 local.
      {
        kind: StepKind.Report,
        audience: null,
        dueAt: new Date('2017-11-24T15:00:00Z'),
        skipReason: null,
      },
    ]);
  });

  it('invites at once and skips the reminders whose time has passed', () => {
    const now = new Date('2017-11-21T13:00:00Z'); // 20 hours before the first session
    const steps = planSteps({
      firstSessionStartsAt: ELBASAN_FIRST_SESSION,
      lastSessionEndsAt: ELBASAN_LAST_SESSION_END,
      policy: {
        ...DEFAULT_WORKFLOW_POLICY,
        sendWindow: { ...DEFAULT_WORKFLOW_POLICY.sendWindow, enabled: false },
      },
      timeZone: 'Europe/Tirane',
      now,
      includeInvite: true,
    });
    expect(steps[0]).toMatchObject({ kind: StepKind.Invite, dueAt: now, skipReason: null });
    expect(steps.slice(1).map((s) => s.skipReason)).toEqual([
      'its time had passed when the round was scheduled',
      'its time had passed when the round was scheduled',
      null,
      null,
    ]);
  });

  it('sends neither follow-up nor report for a round entered after it took place', () => {
    const steps = planSteps({
      firstSessionStartsAt: ELBASAN_FIRST_SESSION,
      lastSessionEndsAt: ELBASAN_LAST_SESSION_END,
      policy: DEFAULT_WORKFLOW_POLICY,
      timeZone: 'Europe/Tirane',
      now: new Date('2017-11-30T09:00:00Z'),
      includeInvite: true,
    });
    expect(steps.map((s) => [s.kind, s.skipReason])).toEqual([
      [StepKind.Invite, 'no time in the send window before the first session'],
      [StepKind.Remind, 'its time had passed when the round was scheduled'],
      [StepKind.Remind, 'its time had passed when the round was scheduled'],
      [StepKind.FollowUp, 'its time had passed when the round was scheduled'],
      [StepKind.Report, 'its time had passed when the round was scheduled'],
    ]);
  });

  it('waits with a follow-up due on a Saturday evening for Monday morning', () => {
    const steps = planSteps({
      firstSessionStartsAt: new Date('2017-12-05T09:00:00Z'),
      lastSessionEndsAt: new Date('2017-12-07T16:00:00Z'), // Thursday 17:00 in Kukës
      policy: { ...DEFAULT_WORKFLOW_POLICY, followUpAfter: 'P2DT2H' },
      timeZone: 'Europe/Tirane',
      now: new Date('2017-11-20T09:00:00Z'),
      includeInvite: true,
    });
    expect(steps.at(-2)).toEqual({
      kind: StepKind.FollowUp,
      audience: null,
      dueAt: new Date('2017-12-11T07:00:00Z'),
      skipReason: null,
    });
  });

  it('leaves the invitation out after a reschedule that follows it', () => {
    const steps = planSteps({
      firstSessionStartsAt: ELBASAN_FIRST_SESSION,
      lastSessionEndsAt: ELBASAN_LAST_SESSION_END,
      policy: DEFAULT_WORKFLOW_POLICY,
      timeZone: 'Europe/Tirane',
      now: new Date('2017-11-10T09:00:00Z'),
      includeInvite: false,
    });
    expect(steps.map((s) => s.kind)).toEqual([
      StepKind.Remind,
      StepKind.Remind,
      StepKind.FollowUp,
      StepKind.Report,
    ]);
  });
});
