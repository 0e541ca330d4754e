import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { officeToday } from '../../directory/committees/current-membership';
import { Committee } from '../../directory/committees/committee.entity';
import { CommitteeMembersService } from '../../directory/committees/committee-members.service';
import { CommitteesService } from '../../directory/committees/committees.service';
import { CommitteeListQueryDto } from '../../directory/committees/dto/committee.dto';
import { Contact } from '../../directory/contacts/contact.entity';
import { ContactsService } from '../../directory/contacts/contacts.service';
import { ContactListQueryDto } from '../../directory/contacts/dto/contact.dto';
import { InstitutionListQueryDto } from '../../directory/institutions/dto/institution.dto';
import { Institution } from '../../directory/institutions/institution.entity';
import { InstitutionsService } from '../../directory/institutions/institutions.service';
import { Round } from '../../rounds/round.entity';
import { AudienceIds } from '../../rounds/session-audience';
import { FormInput } from './form-input';

/** Which institutions the picker lists: the round's county (the usual case), national ones, or all. */
export type InstitutionScope = 'county' | 'national' | 'all';

export interface PickerFilters {
  institutionScope: InstitutionScope;
  /** Text filter on the institutions' names. */
  institutionQ: string;
  /** Search for single contacts. */
  q: string;
}

export interface PickerOption {
  id: string;
  label: string;
  /** County name, institution or e-mail: what tells two similar names apart. */
  detail: string | null;
  checked: boolean;
}

export interface AudiencePickerView {
  committees: Array<PickerOption & { memberCount: number }>;
  institutions: PickerOption[];
  /** More institutions match than are listed: narrow the filter. */
  moreInstitutions: boolean;
  contacts: PickerOption[];
  searched: boolean;
  filters: PickerFilters;
}

/** Long enough for a county's institutions; a longer list is a search, not a choice. */
const LISTED = 200;
const FOUND_CONTACTS = 25;

export function pickerFilters(input: FormInput): PickerFilters {
  const scope = input.text('institutionScope');
  return {
    institutionScope: scope === 'national' || scope === 'all' ? scope : 'county',
    institutionQ: input.text('institutionQ').slice(0, 200),
    q: input.text('q').slice(0, 200),
  };
}

/**
 * The choices of the audience picker: every active committee with its
 * current member count (the round's county first), the institutions of the
 * round's county or as filtered, contacts found by a search, and whatever
 * is ticked already, listed whether or not the filters would show it, so
 * that filtering never drops a choice.
 */
@Injectable()
export class AudiencePicker {
  constructor(
    private readonly em: EntityManager,
    private readonly committees: CommitteesService,
    private readonly members: CommitteeMembersService,
    private readonly institutions: InstitutionsService,
    private readonly contacts: ContactsService,
  ) {}

  async options(
    round: Round,
    selected: AudienceIds,
    filters: PickerFilters,
  ): Promise<AudiencePickerView> {
    // One after the other: the queries share the request's EntityManager.
    const committees = await this.committeeOptions(round, selected);
    const institutions = await this.institutionOptions(round, selected, filters);
    const contacts = await this.contactOptions(selected, filters);
    return {
      committees,
      ...institutions,
      contacts,
      searched: filters.q !== '',
      filters,
    };
  }

  private async committeeOptions(
    round: Round,
    selected: AudienceIds,
  ): Promise<AudiencePickerView['committees']> {
    const query = Object.assign(new CommitteeListQueryDto(), { limit: LISTED });
    const { items } = await this.committees.list(query);
    const counts = await this.members.countCurrent(
      items.map((committee) => committee.id),
      officeToday(),
    );
    // The round's county first, then national committees, then the other counties'.
    const rank = (committee: Committee) =>
      committee.county === null ? 1 : committee.county.id === round.county.id ? 0 : 2;
    return [...items]
      .sort((a, b) => rank(a) - rank(b))
      .map((committee) => ({
        id: committee.id,
        label: committee.name,
        detail: committee.county?.name ?? null,
        checked: selected.committeeIds.includes(committee.id),
        memberCount: counts.get(committee.id) ?? 0,
      }));
  }

  private async institutionOptions(
    round: Round,
    selected: AudienceIds,
    filters: PickerFilters,
  ): Promise<Pick<AudiencePickerView, 'institutions' | 'moreInstitutions'>> {
    const query = Object.assign(new InstitutionListQueryDto(), {
      limit: LISTED,
      ...(filters.institutionScope === 'county' ? { countyId: round.county.id } : {}),
      ...(filters.institutionScope === 'national' ? { national: 'true' } : {}),
      ...(filters.institutionQ ? { q: filters.institutionQ } : {}),
    });
    const found = await this.institutions.list(query);
    const ticked = await this.tickedInstitutions(selected.institutionIds, found.items);
    const option = (institution: Institution): PickerOption => ({
      id: institution.id,
      label: institution.name,
      detail: institution.county?.name ?? null,
      checked: selected.institutionIds.includes(institution.id),
    });
    return {
      institutions: [...ticked, ...found.items].map(option),
      moreInstitutions: found.total > found.items.length,
    };
  }

  private async contactOptions(
    selected: AudienceIds,
    filters: PickerFilters,
  ): Promise<PickerOption[]> {
    const found = filters.q
      ? (
          await this.contacts.list(
            Object.assign(new ContactListQueryDto(), {
              q: filters.q,
              optedOut: false,
              limit: FOUND_CONTACTS,
            }),
          )
        ).items
      : [];
    const ticked = await this.tickedContacts(selected.contactIds, found);
    return [...ticked, ...found].map((contact) => ({
      id: contact.id,
      label: contact.fullName,
      detail: [contact.institution?.name, contact.email].filter(Boolean).join(' · '),
      checked: selected.contactIds.includes(contact.id),
    }));
  }

  /** Ticked institutions the filtered list does not show. */
  private tickedInstitutions(ids: string[], shown: Institution[]): Promise<Institution[]> {
    const absent = notShown(ids, shown);
    if (absent.length === 0) return Promise.resolve([]);
    return this.em.find(Institution, { id: { $in: absent } }, { populate: ['county'] });
  }

  /** Ticked contacts the search results do not show. */
  private tickedContacts(ids: string[], shown: Contact[]): Promise<Contact[]> {
    const absent = notShown(ids, shown);
    if (absent.length === 0) return Promise.resolve([]);
    return this.em.find(Contact, { id: { $in: absent } }, { populate: ['institution'] });
  }
}

/** Ids that name nothing are left out here; the form's validation reports them. */
function notShown(ids: string[], shown: Array<{ id: string }>): string[] {
  return ids.filter((id) => isUuid(id) && !shown.some((item) => item.id === id));
}

/** Only a UUID may reach a query on a uuid column; the form's validation reports the others. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
