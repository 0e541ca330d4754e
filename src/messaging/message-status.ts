export enum MessageStatus {
  Queued = 'queued',
  Sent = 'sent',
  Failed = 'failed',
  /** Not sent on purpose: the recipient opted out, or the round changed before it left. */
  Skipped = 'skipped',
}
