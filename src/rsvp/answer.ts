import { InvitationStatus } from '../rounds/invitation-status';

/** What an invitee says: the form's buttons, the staff API and the history all use these words. */
export enum Answer {
  Accept = 'accept',
  Decline = 'decline',
  /** A colleague comes instead; they get an invitation of their own. */
  Delegate = 'delegate',
}

export const STATUS_AFTER: Record<Answer, InvitationStatus> = {
  [Answer.Accept]: InvitationStatus.Accepted,
  [Answer.Decline]: InvitationStatus.Declined,
  [Answer.Delegate]: InvitationStatus.Delegated,
};
