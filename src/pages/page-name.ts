/** The public pages; each names `templates/pages/<name>.hbs` and its section of the page strings. */
export enum PageName {
  Rsvp = 'rsvp',
  Unsubscribe = 'unsubscribe',
  Attendance = 'attendance',
  NotFound = 'not-found',
  TooManyRequests = 'too-many-requests',
  Error = 'error',
}
