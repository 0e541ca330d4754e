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

/**
 * Notices say what changed, to whom it concerns, when they run: a later
 * change of plan never voids them (they carry it too). Every other step is
 * planned from the schedule, and a newer schedule replaces it.
 */
export const NOTICE_KINDS: readonly StepKind[] = [StepKind.ChangeNotice, StepKind.CancelNotice];

export function isBoundToSchedule(kind: StepKind): boolean {
  return !NOTICE_KINDS.includes(kind);
}

/** The name a step goes by on every page: its kind, and for a reminder its audience (`remind_accepted`). */
export function stepKey(step: { kind: string; audience?: string | null }): string {
  return step.audience ? `${step.kind}_${step.audience}` : step.kind;
}
