import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AudienceResolver } from '../rounds/audience-resolver';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundSession } from '../rounds/round-session.entity';

/**
 * These invitations and those of the colleagues sent in their place (and a
 * colleague's colleague), who stood in for a seat that is no longer there:
 * the withdrawal and its preview read the one same set.
 */
const SEATS = `with recursive seat as (
    select id from invitation where id = any(?::uuid[])
    union
    select i.id from invitation i join seat on i.substitute_for_id = seat.id
  )`;

const idList = (ids: string[]) => `{${ids.join(',')}}`;

/** The invitations, not withdrawn yet, that withdrawing these would withdraw. */
export async function seatsOf(em: EntityManager, invitationIds: string[]): Promise<string[]> {
  if (invitationIds.length === 0) return [];
  const rows = await em
    .getConnection()
    .execute<{ id: string }[]>(
      `${SEATS} select i.id from invitation i join seat on seat.id = i.id where i.status <> ?`,
      [idList(invitationIds), InvitationStatus.Withdrawn],
    );
  return rows.map((row) => row.id);
}

/**
 * Withdraws these invitations and their seats (see seatsOf). Rows stay,
 * with their answers' history; each is withdrawn once. The ids withdrawn now.
 */
export async function withdrawInvitations(
  em: EntityManager,
  invitationIds: string[],
  now: Date,
): Promise<string[]> {
  if (invitationIds.length === 0) return [];
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `${SEATS}
     update invitation set status = ?, withdrawn_at = ?
      where id in (select id from seat) and status <> ?
     returning id`,
    [idList(invitationIds), InvitationStatus.Withdrawn, now, InvitationStatus.Withdrawn],
  );
  return rows.map((row) => row.id);
}

/**
 * The invitations to the session of people an audience of these contacts no
 * longer names. A colleague invited in someone's place is no audience
 * member: they go with the person who sent them (see seatsOf). Contacts who
 * opted out or were archived are left as they are: the audience no longer
 * yields them, but nobody took them off it.
 */
export async function leavingInvitations(
  em: EntityManager,
  sessionId: string,
  audienceContactIds: string[],
): Promise<string[]> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `select i.id
       from invitation i
       join contact c on c.id = i.contact_id
      where i.session_id = ? and i.substitute_for_id is null and i.status <> ?
        and not c.opted_out and c.archived_at is null
        and i.contact_id <> all(?::uuid[])`,
    [sessionId, InvitationStatus.Withdrawn, idList(audienceContactIds)],
  );
  return rows.map((row) => row.id);
}

/** Takes back the invitations of people a session's audience no longer names. */
@Injectable()
export class AudienceWithdrawals {
  constructor(private readonly audience: AudienceResolver) {}

  /** Run in the transaction that changed the audience, after its flush. */
  async withdrawLeavers(em: EntityManager, session: RoundSession, now: Date): Promise<string[]> {
    const audience = (await this.audience.resolve([session.id])).get(session.id) ?? [];
    const leaving = await leavingInvitations(
      em,
      session.id,
      audience.map((contact) => contact.id),
    );
    return withdrawInvitations(em, leaving, now);
  }
}
