import { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { User } from '../auth/entities/user.entity';
import { Role } from '../auth/role';
import { CampaignsService } from '../campaigns/campaigns.service';
import { Page } from '../common/list-query.dto';
import { RequestError } from '../common/request-error';
import { County } from '../directory/counties/county.entity';
import { CountiesService } from '../directory/counties/counties.service';
import { CreateRoundDto, RoundListQueryDto, UpdateRoundDto } from './dto/round.dto';
import { daysBetween, endOfLocalDay, localDateTime, startOfLocalDay } from './local-time';
import { lockRound } from './lock-round';
import { MAX_ROUND_DAYS } from './round-length';
import { RoundSession } from './round-session.entity';
import { RoundStatus } from './round-status';
import { Round } from './round.entity';
import { SessionStatus } from './session-kind';

const STAFF_ROLES = [Role.Admin, Role.Coordinator];

@Injectable()
export class RoundsService {
  constructor(
    private readonly em: EntityManager,
    private readonly campaigns: CampaignsService,
    private readonly counties: CountiesService,
  ) {}

  async list(query: RoundListQueryDto): Promise<Page<Round>> {
    const where: FilterQuery<Round> = {};
    if (query.campaignId) where.campaign = query.campaignId;
    if (query.countyId) where.county = query.countyId;
    if (query.status) where.status = query.status;
    const [items, total] = await this.em.findAndCount(Round, where, {
      populate: ['campaign', 'county', 'staff'],
      orderBy: { [query.sort]: query.order, id: 'asc' },
      limit: query.limit,
      offset: query.offset,
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Round> {
    const round = await this.em.findOne(
      Round,
      { id },
      { populate: ['campaign', 'county', 'staff'] },
    );
    if (!round) throw RequestError.notFound('round');
    return round;
  }

  async create(input: CreateRoundDto): Promise<Round> {
    const campaign = await this.campaigns.resolve(input.campaignId);
    const county = (await this.counties.resolve(input.countyId)) as County;
    const staff = await this.resolveStaff(input.staffUserId);
    assertDates(input.startsOn, input.endsOn, 'endsOn');
    const round = this.em.create(Round, {
      campaign,
      county,
      staff,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    });
    await this.em.flush();
    return round;
  }

  /** Dates, county and staff of a draft; a scheduled round changes through the workflow. */
  async update(id: string, input: UpdateRoundDto): Promise<Round> {
    return this.em.transactional(async (em) => {
      const round = await lockRound(em, id);
      if (round.status !== RoundStatus.Draft) {
        throw RequestError.conflict('status', `round is ${round.status}; use the schedule routes`);
      }
      const county =
        input.countyId !== undefined
          ? ((await this.counties.resolve(input.countyId)) as County)
          : round.county;
      const staff =
        input.staffUserId !== undefined ? await this.resolveStaff(input.staffUserId) : round.staff;
      const startsOn = input.startsOn ?? round.startsOn;
      const endsOn = input.endsOn ?? round.endsOn;
      if (input.startsOn !== undefined || input.endsOn !== undefined) {
        assertDates(startsOn, endsOn, input.endsOn !== undefined ? 'endsOn' : 'startsOn');
        await this.assertSessionsFit(em, round, { startsOn, endsOn });
      }

      round.county = county;
      round.staff = staff;
      round.startsOn = startsOn;
      round.endsOn = endsOn;
      return round;
    });
  }

  /** The staff member in charge answers the e-mails, so it is office staff who can still sign in. */
  private async resolveStaff(id: string | null | undefined): Promise<User | null> {
    if (id === null || id === undefined) return null;
    const user = await this.em.findOne(User, {
      id,
      disabledAt: null,
      role: { $in: STAFF_ROLES },
    });
    if (!user) {
      throw RequestError.unprocessable(
        'staffUserId',
        'no active admin or coordinator with this id',
      );
    }
    return user;
  }

  /** Moving a draft's dates must not strand one of its sessions outside them. */
  private async assertSessionsFit(
    em: EntityManager,
    round: Round,
    dates: { startsOn: string; endsOn: string },
  ): Promise<void> {
    const timeZone = round.campaign.timeZone;
    const opens = startOfLocalDay(dates.startsOn, timeZone);
    const closes = endOfLocalDay(dates.endsOn, timeZone);
    const sessions = await em.find(
      RoundSession,
      { round, status: SessionStatus.Planned },
      { orderBy: { startsAt: 'asc' } },
    );
    for (const session of sessions) {
      const field =
        session.startsAt < opens ? 'startsOn' : session.endsAt > closes ? 'endsOn' : null;
      if (!field) continue;
      throw RequestError.unprocessable(
        field,
        `would leave the session "${session.titleEn}" (${localDateTime(session.startsAt, timeZone)}) outside the round; move or cancel it first`,
      );
    }
  }
}

function assertDates(startsOn: string, endsOn: string, field: 'startsOn' | 'endsOn'): void {
  const days = daysBetween(startsOn, endsOn);
  if (days < 0) {
    throw RequestError.unprocessable(
      field,
      field === 'endsOn'
        ? `must be on or after startsOn (${startsOn})`
        : `must be on or before endsOn (${endsOn})`,
    );
  }
  if (days >= MAX_ROUND_DAYS) {
    throw RequestError.unprocessable(
      field,
      `a round lasts at most ${MAX_ROUND_DAYS} days; ${startsOn} to ${endsOn} is ${days + 1}`,
    );
  }
}
