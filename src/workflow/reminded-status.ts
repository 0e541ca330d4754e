import { ReminderAudience } from '../campaigns/workflow-policy';
import { InvitationStatus } from '../rounds/invitation-status';

/** The answer a reminder's audience has given: none yet, or yes. */
export function remindedStatus(audience: ReminderAudience | null): InvitationStatus {
  return audience === ReminderAudience.Accepted
    ? InvitationStatus.Accepted
    : InvitationStatus.Pending;
}
