import { raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CommitteeMembership } from '../directory/committees/committee-membership.entity';
import { currentMembershipFilter, officeToday } from '../directory/committees/current-membership';
import { Contact } from '../directory/contacts/contact.entity';
import { RoundSession } from './round-session.entity';
import { AudienceIds, audienceIdsOf } from './session-audience';

/** Keeps each query's parameter list well under PostgreSQL's limit of 65,535. */
const ID_CHUNK = 10_000;
const BY_NAME = new Intl.Collator('sq');

/** Reachable, and has not asked to be left alone. */
const INVITABLE = { archivedAt: null, optedOut: false } as const;

/**
 * Turns session audiences into people: a committee's current members, an
 * institution's active contacts, single contacts. Archived and opted-out
 * contacts, archived committees and archived institutions never yield anyone.
 * The work is a handful of set-based queries whatever the number of people.
 */
@Injectable()
export class AudienceResolver {
  constructor(private readonly em: EntityManager) {}

  /**
   * The contacts each session invites, once each, in name order; every
   * session asked for has an entry. Committee seats count as of today in the
   * office's calendar, as invitations go out today.
   *
   * The work runs in a fork of its own, inside the caller's transaction if
   * there is one: it needs no request context (a queue job has none), and
   * thousands of contacts do not land in the caller's identity map. The
   * contacts returned are for reading; refer to them by id when writing.
   */
  async resolve(sessionIds: string[]): Promise<Map<string, Contact[]>> {
    if (sessionIds.length === 0) return new Map();
    const em = this.em.fork({ keepTransactionContext: true });
    const sessions = await em.find(
      RoundSession,
      { id: { $in: sessionIds } },
      { populate: ['audienceCommittees:ref', 'audienceInstitutions:ref', 'audienceContacts:ref'] },
    );
    const audiences = new Map(sessions.map((session) => [session.id, audienceIdsOf(session)]));
    const resolved = await this.people(em, audiences);
    // Every session asked for has an entry, even one that was not found.
    return new Map(sessionIds.map((id) => [id, resolved.get(id) ?? []]));
  }

  /**
   * The same for audiences not saved yet (a planning form being filled in),
   * by a key of the caller's choice: the count a planner sees is the count
   * the invitations will have.
   */
  resolveAudiences(audiences: Map<string, AudienceIds>): Promise<Map<string, Contact[]>> {
    if (audiences.size === 0) return Promise.resolve(new Map());
    return this.people(this.em.fork({ keepTransactionContext: true }), audiences);
  }

  private async people(
    em: EntityManager,
    audiences: Map<string, AudienceIds>,
  ): Promise<Map<string, Contact[]>> {
    const all = [...audiences.values()];
    const committeeIds = unique(all.flatMap((audience) => audience.committeeIds));
    const institutionIds = unique(all.flatMap((audience) => audience.institutionIds));

    const members = await currentMembers(em, committeeIds);
    const byInstitution = await contactsOfInstitutions(em, institutionIds);
    const named = unique([
      ...all.flatMap((audience) => audience.contactIds),
      ...[...members.values()].flat(),
    ]);
    const invitable = new Map<string, Contact>();
    for (const contacts of byInstitution.values()) {
      for (const contact of contacts) invitable.set(contact.id, contact);
    }
    const others = await invitableContacts(
      em,
      named.filter((id) => !invitable.has(id)),
    );
    for (const contact of others) invitable.set(contact.id, contact);

    const result = new Map<string, Contact[]>();
    for (const [id, audience] of audiences) {
      const chosen = new Map<string, Contact>();
      const add = (contactId: string) => {
        const contact = invitable.get(contactId);
        if (contact) chosen.set(contact.id, contact);
      };
      for (const committeeId of audience.committeeIds) {
        (members.get(committeeId) ?? []).forEach(add);
      }
      for (const institutionId of audience.institutionIds) {
        (byInstitution.get(institutionId) ?? []).forEach((contact) => add(contact.id));
      }
      audience.contactIds.forEach(add);
      result.set(id, [...chosen.values()].sort(byName));
    }
    return result;
  }
}

/**
 * Contact ids of the current members, per active committee. The columns
 * are named raw: the filter joins contact and committee, and a relation
 * named in select would then come back under the join's alias.
 */
async function currentMembers(
  em: EntityManager,
  committeeIds: string[],
): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  if (committeeIds.length === 0) return members;
  const rows = await em
    .createQueryBuilder(CommitteeMembership, 'm')
    .select([raw('m.committee_id'), raw('m.contact_id')])
    .where({
      ...currentMembershipFilter(officeToday()),
      committee: { id: { $in: committeeIds }, archivedAt: null },
    })
    .execute<{ committee_id: string; contact_id: string }[]>('all', false);
  for (const row of rows) listIn(members, row.committee_id).push(row.contact_id);
  return members;
}

/** The invitable contacts of each active institution. */
async function contactsOfInstitutions(
  em: EntityManager,
  institutionIds: string[],
): Promise<Map<string, Contact[]>> {
  const byInstitution = new Map<string, Contact[]>();
  if (institutionIds.length === 0) return byInstitution;
  const contacts = await em.find(Contact, {
    ...INVITABLE,
    institution: { id: { $in: institutionIds }, archivedAt: null },
  });
  for (const contact of contacts) {
    listIn(byInstitution, (contact.institution as { id: string }).id).push(contact);
  }
  return byInstitution;
}

async function invitableContacts(em: EntityManager, ids: string[]): Promise<Contact[]> {
  const contacts: Contact[] = [];
  for (let start = 0; start < ids.length; start += ID_CHUNK) {
    const chunk = ids.slice(start, start + ID_CHUNK);
    contacts.push(...(await em.find(Contact, { ...INVITABLE, id: { $in: chunk } })));
  }
  return contacts;
}

function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function byName(a: Contact, b: Contact): number {
  return BY_NAME.compare(a.fullName, b.fullName) || a.id.localeCompare(b.id);
}
