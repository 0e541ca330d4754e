/** What a step of a round's schedule does when it comes due. */
export enum StepKind {
  Invite = 'invite',
  Remind = 'remind',
  AttendanceOpens = 'attendance_opens',
  FollowUp = 'follow_up',
  Report = 'report',
  ChangeNotice = 'change_notice',
  CancelNotice = 'cancel_notice',
}

export enum StepStatus {
  Pending = 'pending',
  Running = 'running',
  Done = 'done',
  /** Its time had passed when the round was (re)scheduled: never sent in a burst. */
  Skipped = 'skipped',
  /** The round was rescheduled or cancelled before it ran. */
  Cancelled = 'cancelled',
  Failed = 'failed',
}
