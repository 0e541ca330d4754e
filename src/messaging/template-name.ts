/**
 * The e-mails Fushata sends; each value names a folder in `templates/`. The
 * message row stores the value, so renaming one orphans the audit trail.
 */
export enum TemplateName {
  Invitation = 'invitation',
  /** To invitees who have not answered yet. */
  Reminder = 'reminder',
  /** To invitees who said they will come. */
  DayBeforeReminder = 'day-before-reminder',
  ChangeNotice = 'change-notice',
  CancellationNotice = 'cancellation-notice',
  /** After each answer: accepted (with the calendar entry), declined, or a colleague sent. */
  AnswerConfirmation = 'answer-confirmation',
  /** To the staff member in charge when a session's attendance opens: the link to its sheet. */
  AttendanceOpens = 'attendance-opens',
  /** After the round, to those who came (and walk-ins who left an e-mail). */
  FollowUpThanks = 'follow-up-thanks',
  /** After the round, to those who said they would come and did not. */
  FollowUpMissed = 'follow-up-missed',
  /** To the staff member in charge when the report is due and no attendance was recorded. */
  AttendanceMissing = 'attendance-missing',
}
