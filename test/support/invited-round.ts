import { signId, TokenPurpose } from '../../src/rsvp/signed-id-token';
import { draftRound, fastCampaign } from './round-fixture';
import { TestApp } from './test-app';
import { waitFor } from './wait-for';

export interface InvitedRound {
  roundId: string;
  sessionId: string;
  /** Invitation id by contact id. */
  invitationOf: Map<string, string>;
}

/** A campaign that invites two hours ahead: a round with a session an hour away is invited at once. */
export function invitingCampaign(app: TestApp): Promise<string> {
  return fastCampaign(app, { inviteBefore: 'PT2H', reminders: [] });
}

/**
 * A scheduled round with one session starting in an hour, and the
 * invitations its invite step wrote, as the workflow really writes them.
 */
export async function invitedRound(
  app: TestApp,
  campaignId: string,
  contactIds: string[],
): Promise<InvitedRound> {
  const { roundId, sessionIds } = await draftRound(app, campaignId, [
    {
      titleSq: 'Takim me anëtarët e Tryezës Teknike',
      titleEn: 'Meeting with the members of the Technical Table',
      startInMs: 3600_000,
      audience: { contactIds },
    },
  ]);
  const scheduled = await app.post(`/api/rounds/${roundId}/schedule`);
  if (scheduled.status !== 200) throw new Error(`schedule: ${JSON.stringify(scheduled.body)}`);
  const invitations = await waitFor('the invitations written', async () => {
    // The items, not the total: the list counts and reads in two queries, which a commit can fall between.
    const items = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
    return items.length === contactIds.length ? items : undefined;
  });
  return {
    roundId,
    sessionId: sessionIds[0],
    invitationOf: new Map(invitations.map((i) => [i.contact.id as string, i.id as string])),
  };
}

/** The path of an e-mail link: /rsvp/<token> for an invitation, /unsubscribe/<token> for a contact. */
export function linkPath(app: TestApp, purpose: TokenPurpose, id: string): string {
  const token = signId(purpose, id, app.config.appSecret);
  return `/${purpose === 'rsvp' ? 'rsvp' : 'unsubscribe'}/${token}`;
}
