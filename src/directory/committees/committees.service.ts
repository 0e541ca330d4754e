import { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Page } from '../../common/list-query.dto';
import { RequestError } from '../../common/request-error';
import { toSearchKey } from '../../common/search-key';
import { CountiesService } from '../counties/counties.service';
import { escapeLike } from '../institutions/institutions.service';
import { Committee } from './committee.entity';
import { CommitteeListQueryDto, CreateCommitteeDto, UpdateCommitteeDto } from './dto/committee.dto';

@Injectable()
export class CommitteesService {
  constructor(
    private readonly em: EntityManager,
    private readonly counties: CountiesService,
  ) {}

  async list(query: CommitteeListQueryDto): Promise<Page<Committee>> {
    const where: FilterQuery<Committee> = {};
    if (!query.archived) where.archivedAt = null;
    if (query.countyId) where.county = query.countyId;
    if (query.national === 'true') where.county = null;
    if (query.q) where.searchKey = { $like: `%${escapeLike(toSearchKey(query.q))}%` };
    const [items, total] = await this.em.findAndCount(Committee, where, {
      populate: ['county'],
      orderBy: { [query.sort]: query.order, id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Committee> {
    const committee = await this.em.findOne(Committee, { id }, { populate: ['county'] });
    if (!committee) throw RequestError.notFound('committee');
    return committee;
  }

  async create(input: CreateCommitteeDto): Promise<Committee> {
    const committee = this.em.create(Committee, {
      name: input.name,
      county: await this.counties.resolve(input.countyId),
      description: input.description ?? null,
    });
    await this.em.flush();
    return committee;
  }

  async update(id: string, input: UpdateCommitteeDto): Promise<Committee> {
    const committee = await this.get(id);
    if (input.countyId !== undefined)
      committee.county = await this.counties.resolve(input.countyId);
    if (input.name !== undefined) committee.name = input.name;
    if (input.description !== undefined) committee.description = input.description;
    await this.em.flush();
    return committee;
  }

  async setArchived(id: string, archived: boolean): Promise<Committee> {
    const committee = await this.get(id);
    committee.archivedAt = archived ? (committee.archivedAt ?? new Date()) : null;
    await this.em.flush();
    return committee;
  }
}
