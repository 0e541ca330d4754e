export enum InvitationStatus {
  Pending = 'pending',
  Accepted = 'accepted',
  Declined = 'declined',
  /** A colleague was sent instead; their own invitation points back here. */
  Delegated = 'delegated',
  /**
   * Taken back: the person left the session's audience, or stood in for
   * someone who took their seat back. Out of every count, reminder and report.
   */
  Withdrawn = 'withdrawn',
}
