/**
 * When a round's steps happen, relative to its sessions. Offsets are ISO 8601
 * durations (P14D, PT2H, PT30S) so a test or a demo can play a whole round in
 * seconds through the real queue.
 */
export interface WorkflowPolicy {
  /** Before the first session. */
  inviteBefore: string;
  reminders: ReminderPolicy[];
  /** After the last session ends. */
  followUpAfter: string;
  /** Who the follow-up goes to; campaigns written before it existed get the default. */
  followUpTo?: FollowUpAudience[];
  /** After the last session ends. */
  reportAfter: string;
  sendWindow: SendWindow;
}

export interface ReminderPolicy {
  /** Before the first session. */
  before: string;
  audience: ReminderAudience;
}

export enum ReminderAudience {
  /** Invitees who have not answered yet. */
  NonResponders = 'non_responders',
  /** Invitees who said they will come (the day-before reminder). */
  Accepted = 'accepted',
}

/** The groups a follow-up can go to, by what each invitee answered and whether they came. */
export enum FollowUpAudience {
  /** Marked present at one of their sessions: a thank-you. */
  Attended = 'attended',
  /** Said they would come and were marked absent (or missing from a recorded sheet). */
  Missed = 'missed',
  /** Declined every invitation of the round. */
  Declined = 'declined',
  /** Never answered and did not come. */
  NoAnswer = 'no_answer',
}

export const DEFAULT_FOLLOW_UP_TO = [FollowUpAudience.Attended, FollowUpAudience.Missed];

export interface SendWindow {
  enabled: boolean;
  /** Local time in the campaign's time zone, HH:MM. */
  opensAt: string;
  closesAt: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
}

export const DEFAULT_WORKFLOW_POLICY: WorkflowPolicy = {
  inviteBefore: 'P14D',
  reminders: [
    { before: 'P3D', audience: ReminderAudience.NonResponders },
    { before: 'P1D', audience: ReminderAudience.Accepted },
  ],
  followUpAfter: 'P1D',
  followUpTo: DEFAULT_FOLLOW_UP_TO,
  reportAfter: 'P2D',
  sendWindow: { enabled: true, opensAt: '08:00', closesAt: '18:00', days: [1, 2, 3, 4, 5] },
};
