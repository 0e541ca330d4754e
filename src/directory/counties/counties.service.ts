import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestError } from '../../common/request-error';
import { County } from './county.entity';

@Injectable()
export class CountiesService {
  constructor(private readonly em: EntityManager) {}

  list(): Promise<County[]> {
    return this.em.find(County, {}, { orderBy: { country: 'asc', name: 'asc' } });
  }

  /** The county a request refers to by id, or a 422 naming the field. */
  async resolve(id: string | null | undefined, field = 'countyId'): Promise<County | null> {
    if (id === null || id === undefined) return null;
    const county = await this.em.findOne(County, { id });
    if (!county) throw RequestError.unprocessable(field, 'no county with this id');
    return county;
  }
}
