export enum SessionKind {
  Meeting = 'meeting',
  Workshop = 'workshop',
  InfoSession = 'info_session',
  Outreach = 'outreach',
}

export enum SessionStatus {
  Planned = 'planned',
  Cancelled = 'cancelled',
}
