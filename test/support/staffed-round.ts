import { randomBytes } from 'node:crypto';
import { attendanceUrl } from '../../src/attendance/attendance-link';
import { draftRound } from './round-fixture';
import { TestApp } from './test-app';
import { waitFor } from './wait-for';

export interface StaffedRound {
  roundId: string;
  sessionId: string;
  /** Invitation id by contact id. */
  invitationOf: Map<string, string>;
}

/** A coordinator who can be put in charge of rounds; returns their user id. */
export async function staffMember(
  app: TestApp,
  name: string,
  language: 'sq' | 'en',
): Promise<string> {
  const created = await app.post('/api/users', {
    email: `staff-${randomBytes(4).toString('hex')}@example.org`,
    name,
    role: 'coordinator',
    password: 'staff-password-long-enough',
    language,
  });
  if (created.status !== 201) throw new Error(`staff: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/**
 * A scheduled round in the charge of `staffId` (or of nobody) with one
 * session starting `startInMs` from now, and the invitations its invite
 * step wrote: the campaign must invite by then.
 */
export async function staffedRound(
  app: TestApp,
  campaignId: string,
  staffId: string | null,
  contactIds: string[],
  startInMs = 30 * 60_000,
): Promise<StaffedRound> {
  const { roundId, sessionIds } = await draftRound(app, campaignId, [
    {
      titleSq: 'Takim me anëtarët e Tryezës Teknike',
      titleEn: 'Meeting with the members of the Technical Table',
      startInMs,
      audience: { contactIds },
    },
  ]);
  const staffed = await app.patch(`/api/rounds/${roundId}`, { staffUserId: staffId });
  if (staffed.status !== 200) throw new Error(`staff: ${JSON.stringify(staffed.body)}`);
  const scheduled = await app.post(`/api/rounds/${roundId}/schedule`);
  if (scheduled.status !== 200) throw new Error(`schedule: ${JSON.stringify(scheduled.body)}`);
  const invitations = await waitFor('the invitations written', async () => {
    const items = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
    return items.length === contactIds.length ? items : undefined;
  });
  return {
    roundId,
    sessionId: sessionIds[0],
    invitationOf: new Map(invitations.map((i) => [i.contact.id as string, i.id as string])),
  };
}

/** The path of the link to a session's attendance sheet, as the e-mail to the staff member carries it. */
export function attendancePath(app: TestApp, sessionId: string): string {
  return new URL(attendanceUrl(app.config.appUrl, sessionId, app.config.appSecret)).pathname;
}
