import { sql } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { toSearchKey } from '../../common/search-key';
import { Contact } from '../contacts/contact.entity';
import { County } from '../counties/county.entity';
import { Institution } from '../institutions/institution.entity';
import { escapeLike } from '../institutions/institutions.service';
import { CountyLookup } from './contact-csv-row';

/*
 * One query per kind of record for the whole file, however many rows it has:
 * a 5,000-row import must not ask the database 5,000 times.
 */

export async function loadCountyLookup(em: EntityManager): Promise<CountyLookup> {
  const counties = await em.find(County, {});
  return new Map(counties.map((county) => [toSearchKey(county.name), county]));
}

/** Active contacts by lower-cased e-mail, as the unique index compares them. */
export async function findActiveContactsByEmail(
  em: EntityManager,
  emails: string[],
): Promise<Map<string, Contact>> {
  const lowered = [...new Set(emails.map((email) => email.toLowerCase()))];
  if (!lowered.length) return new Map();
  const contacts = await em.find(Contact, {
    archivedAt: null,
    [sql.lower('email')]: { $in: lowered },
  });
  return new Map(contacts.map((contact) => [contact.email.toLowerCase(), contact]));
}

/**
 * Active institutions whose folded name is one of `names`, grouped by folded
 * name, oldest first: a name can exist in several counties.
 */
export async function findActiveInstitutionsByName(
  em: EntityManager,
  names: string[],
): Promise<Map<string, Institution[]>> {
  const folded = [...new Set(names.map((name) => toSearchKey(name)))];
  if (!folded.length) return new Map();
  // The stored search key is the folded name followed by the folded e-mail, if any.
  const institutions = await em.find(
    Institution,
    {
      archivedAt: null,
      $or: [
        { searchKey: { $in: folded } },
        ...folded.map((name) => ({ searchKey: { $like: `${escapeLike(name)} %` } })),
      ],
    },
    { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['county'] },
  );
  const wanted = new Set(folded);
  const byName = new Map<string, Institution[]>();
  for (const institution of institutions) {
    const name = toSearchKey(institution.name);
    if (wanted.has(name)) byName.set(name, [...(byName.get(name) ?? []), institution]);
  }
  return byName;
}
