import { signId } from '../rsvp/signed-id-token';

/** Sheets are often typed in days after the session; a week after it ends the link stops working. */
export const LINK_VALID_AFTER_END_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The link to a session's attendance sheet, for the staff member in charge of
 * its round: whoever holds it records the sheet in their name, without
 * signing in, so it goes to them alone.
 */
export function attendanceUrl(appUrl: string, sessionId: string, appSecret: string): string {
  return `${appUrl}/attendance/${signId('attendance', sessionId, appSecret)}`;
}
