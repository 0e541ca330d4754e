import { EntityManager } from '@mikro-orm/postgresql';
import { InvitationTold } from './invitation-told.entity';
import { Told } from './told-state';

/** What each of these invitations' people was last told, by invitation id; absent when never told. */
export async function toldOf(
  em: EntityManager,
  invitationIds: string[],
): Promise<Map<string, Told>> {
  if (invitationIds.length === 0) return new Map();
  const rows = await em.find(
    InvitationTold,
    { invitation: { $in: invitationIds } },
    { disableIdentityMap: true },
  );
  return new Map(
    rows.map((row) => [
      row.invitation.id,
      {
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        titleSq: row.titleSq,
        titleEn: row.titleEn,
        venueSq: row.venueSq,
        venueEn: row.venueEn,
        sessionCancelled: row.sessionCancelled,
        calendarMethod: row.calendarMethod,
        sequence: row.sequence,
        answer: row.answer,
      },
    ]),
  );
}
