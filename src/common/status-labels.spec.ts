import { MessageStatus } from '../messaging/message-status';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundStatus } from '../rounds/round-status';
import { SessionKind } from '../rounds/session-kind';
import { SessionPhase } from '../rounds/session-phase';
import { StepKind, stepKey, StepStatus } from '../workflow/step-kind';
import { ReminderAudience } from '../campaigns/workflow-policy';
import { Language } from './language';
import { statusLabels } from './status-labels';

const STEP_KEYS = [
  ...Object.values(StepKind)
    .filter((kind) => kind !== StepKind.Remind)
    .map((kind) => stepKey({ kind })),
  ...Object.values(ReminderAudience).map((audience) =>
    stepKey({ kind: StepKind.Remind, audience }),
  ),
];

describe('the one name of each status', () => {
  it.each(Object.values(Language))('names every value of every enum in %s', (language) => {
    const labels = statusLabels(language);
    const named = (names: Record<string, string>) => Object.keys(names).sort();
    expect(named(labels.roundStatuses)).toEqual(Object.values(RoundStatus).sort());
    expect(named(labels.sessionPhases)).toEqual(Object.values(SessionPhase).sort());
    expect(named(labels.sessionKinds)).toEqual(Object.values(SessionKind).sort());
    expect(named(labels.invitationStatuses)).toEqual(Object.values(InvitationStatus).sort());
    expect(named(labels.steps)).toEqual(STEP_KEYS.sort());
    expect(named(labels.stepStatuses)).toEqual(Object.values(StepStatus).sort());
    expect(named(labels.messageStatuses)).toEqual(Object.values(MessageStatus).sort());
  });

  it('gives every status a different name from the others of its kind', () => {
    for (const language of Object.values(Language)) {
      for (const names of Object.values(statusLabels(language))) {
        const values = Object.values(names);
        expect(new Set(values).size).toBe(values.length);
      }
    }
  });
});
