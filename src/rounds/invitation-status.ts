export enum InvitationStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
  /** A colleague was sent instead; their own invitation points back here. */
  Delegated = 'delegated',
}
