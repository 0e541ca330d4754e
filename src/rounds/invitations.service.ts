import { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Page } from '../common/list-query.dto';
import { InvitationListQueryDto } from './dto/invitation.dto';
import { Invitation } from './invitation.entity';
import { Round } from './round.entity';

/** Reads invitations: the workflow creates them, the RSVP module records their answers. */
@Injectable()
export class InvitationsService {
  constructor(private readonly em: EntityManager) {}

  async list(round: Round, query: InvitationListQueryDto): Promise<Page<Invitation>> {
    const where: FilterQuery<Invitation> = {
      session: query.sessionId ? { id: query.sessionId, round } : { round },
    };
    if (query.status) where.status = query.status;
    if (query.institutionId) where.contact = { institution: query.institutionId };
    const [items, total] = await this.em.findAndCount(Invitation, where, {
      populate: ['session', 'contact.institution'],
      // The folded search key sorts Çlirim among the Cs whatever the database collation.
      orderBy: { session: { startsAt: 'asc' }, contact: { searchKey: 'asc' }, id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
