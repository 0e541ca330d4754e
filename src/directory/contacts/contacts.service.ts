import { FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Language } from '../../common/language';
import { Page } from '../../common/list-query.dto';
import { RequestError } from '../../common/request-error';
import { indefinitePlaceNames, toSearchKey } from '../../common/search-key';
import { CommitteeMembership } from '../committees/committee-membership.entity';
import { currentMembershipFilter, officeToday } from '../committees/current-membership';
import { Institution } from '../institutions/institution.entity';
import { escapeLike, InstitutionsService } from '../institutions/institutions.service';
import { Contact } from './contact.entity';
import { ContactListQueryDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto';

/** Stored when staff record an opt-out without saying why, so an opt-out always has a reason. */
const OPT_OUT_REASON_BY_STAFF = 'recorded by staff';

@Injectable()
export class ContactsService {
  constructor(
    private readonly em: EntityManager,
    private readonly institutions: InstitutionsService,
  ) {}

  async list(query: ContactListQueryDto): Promise<Page<Contact>> {
    const where: FilterQuery<Contact> = {};
    if (!query.archived) where.archivedAt = null;
    if (query.institutionId || query.countyId) {
      const institution: FilterQuery<Institution> = {};
      if (query.institutionId) institution.id = query.institutionId;
      if (query.countyId) institution.county = query.countyId;
      where.institution = institution;
    }
    if (query.committeeId) where.id = { $in: await this.currentMemberIds(query.committeeId) };
    if (query.language) where.language = query.language;
    if (query.optedOut !== undefined) where.optedOut = query.optedOut;
    if (query.q) {
      const key = toSearchKey(query.q);
      const like = { $like: `%${escapeLike(key)}%` };
      // A contact is found by their own fields, their institution's name, or its county's name
      // in either form people type it (`korce` or `korca`).
      where.$or = [
        { searchKey: like },
        { institution: { searchKey: like } },
        { institution: { county: { searchKey: like } } },
        { institution: { county: { searchKey: { $in: indefinitePlaceNames(key) } } } },
      ];
    }
    const [items, total] = await this.em.findAndCount(Contact, where, {
      populate: ['institution.county'],
      orderBy: { [query.sort]: query.order, id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Contact> {
    const contact = await this.em.findOne(Contact, { id }, { populate: ['institution.county'] });
    if (!contact) throw RequestError.notFound('contact');
    return contact;
  }

  async create(input: CreateContactDto): Promise<Contact> {
    const institution = await this.institutions.resolve(input.institutionId);
    await this.assertEmailFree(input.email);
    const contact = this.em.create(Contact, {
      fullName: input.fullName,
      email: input.email,
      institution,
      position: input.position ?? null,
      phone: input.phone ?? null,
      language: input.language ?? Language.Albanian,
      notes: input.notes ?? null,
    });
    await this.flush();
    return this.withInstitution(contact);
  }

  async update(id: string, input: UpdateContactDto): Promise<Contact> {
    const contact = await this.get(id);
    // Every check runs before the first change: a query after a change would flush it.
    const institution =
      input.institutionId !== undefined
        ? await this.institutions.resolve(input.institutionId)
        : contact.institution;
    if (input.email !== undefined) await this.assertEmailFree(input.email, contact.id);
    const optedOut = input.optedOut ?? contact.optedOut;
    if (input.optOutReason !== undefined && !optedOut) {
      throw RequestError.unprocessable('optOutReason', 'can only be given with optedOut: true');
    }

    contact.institution = institution;
    if (input.fullName !== undefined) contact.fullName = input.fullName;
    if (input.email !== undefined) contact.email = input.email;
    if (input.position !== undefined) contact.position = input.position;
    if (input.phone !== undefined) contact.phone = input.phone;
    if (input.language !== undefined) contact.language = input.language;
    if (input.notes !== undefined) contact.notes = input.notes;
    this.applyOptOut(contact, input);
    await this.flush();
    return this.withInstitution(contact);
  }

  async setArchived(id: string, archived: boolean): Promise<Contact> {
    const contact = await this.get(id);
    if (!archived && contact.archivedAt) await this.assertEmailFree(contact.email, contact.id);
    contact.archivedAt = archived ? (contact.archivedAt ?? new Date()) : null;
    await this.flush();
    return contact;
  }

  /** Opting out keeps its first date; repeating it only updates the reason. */
  private applyOptOut(contact: Contact, input: UpdateContactDto): void {
    if (input.optedOut === false) {
      contact.optedOut = false;
      contact.optedOutAt = null;
      contact.optOutReason = null;
    } else if (input.optedOut === true && !contact.optedOut) {
      contact.optedOut = true;
      contact.optedOutAt = new Date();
      contact.optOutReason = input.optOutReason ?? OPT_OUT_REASON_BY_STAFF;
    } else if (input.optOutReason !== undefined) {
      contact.optOutReason = input.optOutReason ?? OPT_OUT_REASON_BY_STAFF;
    }
  }

  private async assertEmailFree(email: string, exceptId?: string): Promise<void> {
    const where: FilterQuery<Contact> = { email: { $ilike: escapeLike(email) }, archivedAt: null };
    if (exceptId) where.id = { $ne: exceptId };
    if (await this.em.count(Contact, where)) throw emailTaken();
  }

  private async currentMemberIds(committeeId: string): Promise<string[]> {
    const memberships = await this.em.find(
      CommitteeMembership,
      { committee: committeeId, ...currentMembershipFilter(officeToday()) },
      { fields: ['contact'] },
    );
    return memberships.map((membership) => membership.contact.id);
  }

  /** The institution passed in by id was loaded without its county, which the view shows. */
  private async withInstitution(contact: Contact): Promise<Contact> {
    await this.em.populate(contact, ['institution.county']);
    return contact;
  }

  private async flush(): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      // Two requests can both pass assertEmailFree; the unique index lets only one through.
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
  }
}

function emailTaken(): RequestError {
  return RequestError.conflict('email', 'another active contact already has this e-mail');
}
