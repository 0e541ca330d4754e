/** Path segments after these hold secrets (RSVP and opt-out tokens): they never reach a log. */
const SECRET_SEGMENTS = /\/(rsvp|unsubscribe|attendance-sheet)\/[^/?#]+/g;

export function redactPath(url: string): string {
  return url.replace(SECRET_SEGMENTS, '/$1/[redacted]');
}
