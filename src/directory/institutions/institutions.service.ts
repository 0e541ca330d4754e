import { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Page } from '../../common/list-query.dto';
import { RequestError } from '../../common/request-error';
import { toSearchKey } from '../../common/search-key';
import { CountiesService } from '../counties/counties.service';
import {
  CreateInstitutionDto,
  InstitutionListQueryDto,
  UpdateInstitutionDto,
} from './dto/institution.dto';
import { Institution } from './institution.entity';

@Injectable()
export class InstitutionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly counties: CountiesService,
  ) {}

  async list(query: InstitutionListQueryDto): Promise<Page<Institution>> {
    const where: FilterQuery<Institution> = {};
    if (!query.archived) where.archivedAt = null;
    if (query.countyId) where.county = query.countyId;
    if (query.national === 'true') where.county = null;
    if (query.kind) where.kind = query.kind;
    if (query.q) where.searchKey = { $like: `%${escapeLike(toSearchKey(query.q))}%` };
    const [items, total] = await this.em.findAndCount(Institution, where, {
      populate: ['county'],
      orderBy: { [query.sort]: query.order, id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Institution> {
    const institution = await this.em.findOne(Institution, { id }, { populate: ['county'] });
    if (!institution) throw RequestError.notFound('institution');
    return institution;
  }

  /** The institution a request refers to by id, or a 422 naming the field. */
  async resolve(
    id: string | null | undefined,
    field = 'institutionId',
  ): Promise<Institution | null> {
    if (id === null || id === undefined) return null;
    const institution = await this.em.findOne(Institution, { id, archivedAt: null });
    if (!institution) throw RequestError.unprocessable(field, 'no active institution with this id');
    return institution;
  }

  async create(input: CreateInstitutionDto): Promise<Institution> {
    const institution = this.em.create(Institution, {
      name: input.name,
      kind: input.kind,
      county: await this.counties.resolve(input.countyId),
      email: input.email ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
    });
    await this.em.flush();
    return institution;
  }

  async update(id: string, input: UpdateInstitutionDto): Promise<Institution> {
    const institution = await this.get(id);
    if (input.countyId !== undefined)
      institution.county = await this.counties.resolve(input.countyId);
    if (input.name !== undefined) institution.name = input.name;
    if (input.kind !== undefined) institution.kind = input.kind;
    if (input.email !== undefined) institution.email = input.email;
    if (input.phone !== undefined) institution.phone = input.phone;
    if (input.address !== undefined) institution.address = input.address;
    await this.em.flush();
    return institution;
  }

  async setArchived(id: string, archived: boolean): Promise<Institution> {
    const institution = await this.get(id);
    institution.archivedAt = archived ? (institution.archivedAt ?? new Date()) : null;
    await this.em.flush();
    return institution;
  }
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
