import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { User } from '../auth/entities/user.entity';
import { Role } from '../auth/role';
import { UsersService } from '../auth/users.service';
import { CommitteeMembersService } from '../directory/committees/committee-members.service';
import { CommitteesService } from '../directory/committees/committees.service';
import { officeToday } from '../directory/committees/current-membership';
import { ContactsService } from '../directory/contacts/contacts.service';
import { CountiesService } from '../directory/counties/counties.service';
import { InstitutionsService } from '../directory/institutions/institutions.service';
import { DEMO_DIRECTORY, DemoAudience, DemoCountyDirectory } from './demo-data';

/** What the rounds of a county need of the directory: ids, by the keys the demo data uses. */
export class CountyDirectory {
  constructor(
    readonly county: string,
    readonly countyId: string,
    readonly committeeId: string,
    private readonly institutionIds: Map<string, string>,
  ) {}

  /** A session's audience as the sessions service takes it. */
  audience(audience: DemoAudience = {}): { committeeIds: string[]; institutionIds: string[] } {
    return {
      committeeIds: audience.committee ? [this.committeeId] : [],
      institutionIds: (audience.institutions ?? []).map((key) => {
        const id = this.institutionIds.get(key);
        if (!id) throw new Error(`Demo data: ${this.county} has no institution "${key}"`);
        return id;
      }),
    };
  }
}

/**
 * Enters the demo's invented directory through the directory services, as
 * the office would through the API: the coordinator in charge of the rounds,
 * and for each county its Technical Table, institutions and people.
 */
@Injectable()
export class DemoDirectory {
  constructor(
    private readonly users: UsersService,
    private readonly counties: CountiesService,
    private readonly institutions: InstitutionsService,
    private readonly contacts: ContactsService,
    private readonly committees: CommitteesService,
    private readonly members: CommitteeMembersService,
  ) {}

  /**
   * Nobody signs in as the coordinator in the demo, so the password is
   * random rather than one printed in a log; an admin can set one.
   */
  coordinator(): Promise<User> {
    const { name, email, language } = DEMO_DIRECTORY.staff;
    return this.users.create({
      name,
      email,
      language,
      role: Role.Coordinator,
      password: randomBytes(24).toString('base64url'),
    });
  }

  /** Every county's directory, by county name. */
  async enter(): Promise<Map<string, CountyDirectory>> {
    const countyIds = new Map((await this.counties.list()).map((c) => [c.name, c.id]));
    const entered = new Map<string, CountyDirectory>();
    for (const county of DEMO_DIRECTORY.counties) {
      const countyId = countyIds.get(county.county);
      if (!countyId) throw new Error(`Demo data: there is no county named ${county.county}`);
      entered.set(county.county, await this.enterCounty(county, countyId));
    }
    return entered;
  }

  private async enterCounty(data: DemoCountyDirectory, countyId: string): Promise<CountyDirectory> {
    const committee = await this.committees.create({ countyId, ...data.committee });
    const institutionIds = new Map<string, string>();
    for (const { key, name, kind, contacts } of data.institutions) {
      const institution = await this.institutions.create({ name, kind, countyId });
      institutionIds.set(key, institution.id);
      for (const { seat, ...person } of contacts) {
        const contact = await this.contacts.create({ ...person, institutionId: institution.id });
        if (!seat) continue;
        // The Tables sat before the Elbasan round of 2017: when each seat began is not known.
        await this.members.add(
          committee.id,
          { contactId: contact.id, role: seat, startsOn: null },
          officeToday(),
        );
      }
    }
    return new CountyDirectory(data.county, countyId, committee.id, institutionIds);
  }
}
