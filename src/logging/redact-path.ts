/**
 * The first segment after these holds a secret (the RSVP, opt-out and
 * attendance-sheet tokens of e-mail links): it never reaches a log. Only at
 * the start of the path, so /api/sessions/:id/attendance/corrections keeps its last word.
 */
const SECRET_SEGMENT = /^\/(rsvp|unsubscribe|attendance)\/[^/?#]+/;

export function redactPath(url: string): string {
  return url.replace(SECRET_SEGMENT, '/$1/[redacted]');
}
