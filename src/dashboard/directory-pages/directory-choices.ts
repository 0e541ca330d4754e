import { Injectable } from '@nestjs/common';
import { Page } from '../../common/list-query.dto';
import { CommitteeListQueryDto } from '../../directory/committees/dto/committee.dto';
import { CommitteesService } from '../../directory/committees/committees.service';
import { CountiesService } from '../../directory/counties/counties.service';
import { InstitutionListQueryDto } from '../../directory/institutions/dto/institution.dto';
import { InstitutionsService } from '../../directory/institutions/institutions.service';

/** The API's largest page: the choice lists read every active record in as few queries as it allows. */
const LARGEST_PAGE = 200;

export interface Choice {
  id: string;
  name: string;
}

/** Institutions grouped for a <select>: the national ones first, then county by county. */
export interface InstitutionGroup {
  county: string | null;
  institutions: Choice[];
}

/** What the filters and forms offer to pick from: counties, active institutions and committees. */
@Injectable()
export class DirectoryChoices {
  constructor(
    private readonly counties: CountiesService,
    private readonly institutions: InstitutionsService,
    private readonly committees: CommitteesService,
  ) {}

  async countyChoices(): Promise<Choice[]> {
    const counties = await this.counties.list();
    return counties.map(({ id, name }) => ({ id, name }));
  }

  async institutionGroups(): Promise<InstitutionGroup[]> {
    const institutions = await readAll((offset) =>
      this.institutions.list(Object.assign(new InstitutionListQueryDto(), pageAt(offset))),
    );
    const groups = new Map<string | null, Choice[]>();
    for (const institution of institutions) {
      const county = institution.county?.name ?? null;
      groups.set(county, [
        ...(groups.get(county) ?? []),
        { id: institution.id, name: institution.name },
      ]);
    }
    return [...groups]
      .map(([county, choices]) => ({ county, institutions: choices }))
      .sort((a, b) =>
        a.county === null ? -1 : b.county === null ? 1 : a.county.localeCompare(b.county, 'sq'),
      );
  }

  async committeeChoices(): Promise<Choice[]> {
    const committees = await readAll((offset) =>
      this.committees.list(Object.assign(new CommitteeListQueryDto(), pageAt(offset))),
    );
    return committees.map(({ id, name }) => ({ id, name }));
  }
}

function pageAt(offset: number) {
  return { limit: LARGEST_PAGE, offset };
}

async function readAll<T>(read: (offset: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (;;) {
    const page = await read(items.length);
    items.push(...page.items);
    if (!page.items.length || items.length >= page.total) return items;
  }
}
