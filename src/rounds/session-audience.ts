import { EntityClass, FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { FieldError } from '../common/error-body';
import { Committee } from '../directory/committees/committee.entity';
import { Contact } from '../directory/contacts/contact.entity';
import { Institution } from '../directory/institutions/institution.entity';
import { SessionAudienceDto } from './dto/session.dto';
import { RoundSession } from './round-session.entity';

/** The ids a session's audience names, list by list. */
export interface AudienceIds {
  committeeIds: string[];
  institutionIds: string[];
  contactIds: string[];
}

export const NO_AUDIENCE: AudienceIds = { committeeIds: [], institutionIds: [], contactIds: [] };

interface Archivable {
  id: string;
  archivedAt: Date | null;
}

const LISTS = [
  { key: 'committeeIds', entity: Committee, what: 'committee' },
  { key: 'institutionIds', entity: Institution, what: 'institution' },
  { key: 'contactIds', entity: Contact, what: 'contact' },
] as const;

/** Needs the audience collections loaded (references are enough). */
export function audienceIdsOf(session: RoundSession): AudienceIds {
  const ids = (items: { id: string }[]) => items.map((item) => item.id);
  return {
    committeeIds: ids(session.audienceCommittees.getItems()),
    institutionIds: ids(session.audienceInstitutions.getItems()),
    contactIds: ids(session.audienceContacts.getItems()),
  };
}

/**
 * One error per id that names nothing active, e.g. `audience.contactIds[2]`.
 * Ids already in the audience stay acceptable after their record is
 * archived, so an unrelated change to the session still goes through; the
 * resolver leaves archived records out when invitations go out anyway.
 * One query per list, whatever its length.
 */
export async function inactiveAudienceIds(
  em: EntityManager,
  audience: SessionAudienceDto,
  current: AudienceIds,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const { key, entity, what } of LISTS) {
    const given = audience[key];
    if (!given?.length) continue;
    const known = new Set(current[key]);
    const unknown = given.filter((id) => !known.has(id));
    const active = await activeIds(em, entity as EntityClass<Archivable>, unknown);
    given.forEach((id, index) => {
      if (!known.has(id) && !active.has(id)) {
        errors.push({
          field: `audience.${key}[${index}]`,
          reason: `no active ${what} with this id`,
        });
      }
    });
  }
  return errors;
}

/** Replaces each list the input gives; the others stay. */
export function setAudience(
  em: EntityManager,
  session: RoundSession,
  audience: SessionAudienceDto,
): void {
  if (audience.committeeIds) {
    session.audienceCommittees.set(
      audience.committeeIds.map((id) => em.getReference(Committee, id)),
    );
  }
  if (audience.institutionIds) {
    session.audienceInstitutions.set(
      audience.institutionIds.map((id) => em.getReference(Institution, id)),
    );
  }
  if (audience.contactIds) {
    session.audienceContacts.set(audience.contactIds.map((id) => em.getReference(Contact, id)));
  }
}

export function sameAudience(a: AudienceIds, b: AudienceIds): boolean {
  const same = (x: string[], y: string[]) => {
    const set = new Set(x);
    return x.length === y.length && y.every((id) => set.has(id));
  };
  return LISTS.every(({ key }) => same(a[key], b[key]));
}

/** Raw ids, not entities: a partly loaded entity in the caller's identity map would mislead it later. */
async function activeIds<T extends Archivable>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await em
    .createQueryBuilder(entity)
    .select('id')
    .where({ id: { $in: ids }, archivedAt: null } as FilterQuery<T>)
    .execute<{ id: string }[]>('all', false);
  return new Set(rows.map((row) => row.id));
}
