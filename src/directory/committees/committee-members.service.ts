import { LockMode, raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestError } from '../../common/request-error';
import { Contact } from '../contacts/contact.entity';
import { CommitteeMembership } from './committee-membership.entity';
import { CommitteeRole } from './committee-role';
import { Committee } from './committee.entity';
import { CommitteesService } from './committees.service';
import { currentMembershipFilter } from './current-membership';
import { AddMemberDto, MemberListQueryDto, UpdateMembershipDto } from './dto/membership.dto';

const roleRank = (role: CommitteeRole) => (role === CommitteeRole.Chair ? 0 : 1);
const BY_NAME = new Intl.Collator('sq');

/** Chair first, then by name in Albanian alphabetical order (ç after c, ë after e), latest seat first. */
function compareMemberships(a: CommitteeMembership, b: CommitteeMembership): number {
  return (
    roleRank(a.role) - roleRank(b.role) ||
    BY_NAME.compare(a.contact.fullName, b.contact.fullName) ||
    (b.startsOn ?? '').localeCompare(a.startsOn ?? '')
  );
}

interface Period {
  startsOn: string | null;
  endsOn: string | null;
}

/** Periods are [startsOn, endsOn): a null start is "long ago", a null end is "until further notice". */
function overlaps(a: Period, b: Period): boolean {
  const startsBeforeEnd = (x: Period, y: Period) =>
    x.startsOn === null || y.endsOn === null || x.startsOn < y.endsOn;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

@Injectable()
export class CommitteeMembersService {
  constructor(
    private readonly em: EntityManager,
    private readonly committees: CommitteesService,
  ) {}

  async list(
    committeeId: string,
    query: MemberListQueryDto,
    today: string,
  ): Promise<CommitteeMembership[]> {
    await this.committees.get(committeeId);
    const memberships = await this.em.find(
      CommitteeMembership,
      { committee: committeeId, ...(query.all ? {} : currentMembershipFilter(today)) },
      { populate: ['contact.institution'] },
    );
    return memberships.sort(compareMemberships);
  }

  /** Current members per committee; committees without any are absent from the map. */
  async countCurrent(committeeIds: string[], today: string): Promise<Map<string, number>> {
    if (committeeIds.length === 0) return new Map();
    const rows = await this.em
      .createQueryBuilder(CommitteeMembership, 'm')
      .select(['m.committee', raw('count(*)::int as member_count')])
      .where({ committee: { $in: committeeIds }, ...currentMembershipFilter(today) })
      .groupBy('m.committee')
      .execute<{ committee_id: string; member_count: number }[]>('all', false);
    return new Map(rows.map((row) => [row.committee_id, row.member_count]));
  }

  async add(committeeId: string, input: AddMemberDto, today: string): Promise<CommitteeMembership> {
    return this.em.transactional(async (em) => {
      const committee = await this.lockCommittee(em, committeeId);
      if (committee.archivedAt) {
        throw RequestError.unprocessable('id', 'the committee is archived; restore it first');
      }
      const contact = await em.findOne(
        Contact,
        { id: input.contactId, archivedAt: null },
        { populate: ['institution'] },
      );
      if (!contact) throw RequestError.unprocessable('contactId', 'no active contact with this id');
      const period = {
        startsOn: input.startsOn === undefined ? today : input.startsOn,
        endsOn: null,
      };
      await this.refuseOverlap(em, committee, contact, period, today, 'contactId');
      return em.create(CommitteeMembership, {
        committee,
        contact,
        role: input.role ?? CommitteeRole.Member,
        ...period,
      });
    });
  }

  async update(
    committeeId: string,
    membershipId: string,
    input: UpdateMembershipDto,
    today: string,
  ): Promise<CommitteeMembership> {
    return this.em.transactional(async (em) => {
      const committee = await this.lockCommittee(em, committeeId);
      const membership = await this.membershipOf(em, committee, membershipId);
      const period = {
        startsOn: input.startsOn === undefined ? membership.startsOn : input.startsOn,
        endsOn: input.endsOn === undefined ? membership.endsOn : input.endsOn,
      };
      const dateField = input.endsOn !== undefined ? 'endsOn' : 'startsOn';
      if (period.startsOn && period.endsOn && period.endsOn < period.startsOn) {
        throw RequestError.unprocessable(
          dateField,
          dateField === 'endsOn'
            ? `must be on or after startsOn (${period.startsOn})`
            : `must be on or before endsOn (${period.endsOn})`,
        );
      }
      if (input.startsOn !== undefined || input.endsOn !== undefined) {
        await this.refuseOverlap(
          em,
          committee,
          membership.contact,
          period,
          today,
          dateField,
          membership,
        );
      }
      if (input.role !== undefined) membership.role = input.role;
      membership.startsOn = period.startsOn;
      membership.endsOn = period.endsOn;
      return membership;
    });
  }

  /** Ends the seat today and keeps the row, so the history shows who sat on the committee when. */
  async end(
    committeeId: string,
    membershipId: string,
    today: string,
  ): Promise<CommitteeMembership> {
    const committee = await this.committees.get(committeeId);
    const membership = await this.membershipOf(this.em, committee, membershipId);
    if (membership.endsOn === null || membership.endsOn > today) {
      // A seat that has not begun yet ends on its first day, so it never counted.
      const startsLater = membership.startsOn !== null && membership.startsOn > today;
      membership.endsOn = startsLater ? membership.startsOn : today;
      await this.em.flush();
    }
    return membership;
  }

  /** Serialises membership changes of one committee, so two requests cannot seat a contact twice. */
  private async lockCommittee(em: EntityManager, id: string): Promise<Committee> {
    const committee = await em.findOne(Committee, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!committee) throw RequestError.notFound('committee');
    return committee;
  }

  private async membershipOf(
    em: EntityManager,
    committee: Committee,
    membershipId: string,
  ): Promise<CommitteeMembership> {
    const membership = await em.findOne(
      CommitteeMembership,
      { id: membershipId, committee },
      { populate: ['contact.institution'] },
    );
    if (!membership) throw RequestError.notFound('membership');
    return membership;
  }

  /** One contact holds at most one seat on a committee at any time. */
  private async refuseOverlap(
    em: EntityManager,
    committee: Committee,
    contact: Contact,
    period: Period,
    today: string,
    field: string,
    except?: CommitteeMembership,
  ): Promise<void> {
    const others = await em.find(CommitteeMembership, {
      committee,
      contact,
      ...(except ? { id: { $ne: except.id } } : {}),
    });
    const clash = others.find((other) => overlaps(other, period));
    if (!clash) return;
    const stillSeated = clash.endsOn === null || clash.endsOn > today;
    throw RequestError.conflict(
      field,
      stillSeated
        ? 'the contact is already a current member of this committee'
        : `overlaps the contact's earlier seat on this committee (${clash.startsOn ?? 'unknown start'} to ${clash.endsOn})`,
    );
  }
}
