import { FilterQuery, raw } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Page } from '../common/list-query.dto';
import { RequestError } from '../common/request-error';
import { toSearchKey } from '../common/search-key';
import { escapeLike } from '../directory/institutions/institutions.service';
import { RoundSession } from '../rounds/round-session.entity';
import { Campaign, CampaignPartner } from './campaign.entity';
import {
  CampaignListQueryDto,
  CampaignPartnerDto,
  CreateCampaignDto,
  UpdateCampaignDto,
} from './dto/campaign.dto';
import { WorkflowPolicyDto } from './dto/workflow-policy.dto';
import { parseIsoDuration } from './iso-duration';
import { canonicalTimeZone } from './time-zone';
import { DEFAULT_FOLLOW_UP_TO, DEFAULT_WORKFLOW_POLICY, WorkflowPolicy } from './workflow-policy';

/**
 * Campaigns are few and have no stored search key, so the text search folds
 * the accented letters of Albanian and its neighbours in SQL, the way
 * toSearchKey folds the query. A function: a raw key is consumed by the query using it.
 */
const searchableText = () =>
  raw(
    `translate(lower(name_sq || ' ' || name_en || ' ' || coalesce(slogan_sq, '') || ' ' || coalesce(slogan_en, '')), 'áàâäãåçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy')`,
  );

@Injectable()
export class CampaignsService {
  constructor(private readonly em: EntityManager) {}

  async list(query: CampaignListQueryDto): Promise<Page<Campaign>> {
    const where: FilterQuery<Campaign>[] = [];
    if (!query.archived) where.push({ archivedAt: null });
    if (query.q) {
      where.push({ [searchableText()]: { $like: `%${escapeLike(toSearchKey(query.q))}%` } });
    }
    const [items, total] = await this.em.findAndCount(
      Campaign,
      { $and: where },
      {
        orderBy: { [query.sort]: query.order, id: 'asc' },
        limit: query.limit,
        offset: query.offset,
      },
    );
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<Campaign> {
    const campaign = await this.em.findOne(Campaign, { id });
    if (!campaign) throw RequestError.notFound('campaign');
    return campaign;
  }

  /** The campaign a request refers to by id, or a 422 naming the field. */
  async resolve(id: string, field = 'campaignId'): Promise<Campaign> {
    const campaign = await this.em.findOne(Campaign, { id, archivedAt: null });
    if (!campaign) throw RequestError.unprocessable(field, 'no active campaign with this id');
    return campaign;
  }

  async create(input: CreateCampaignDto): Promise<Campaign> {
    const policy = input.policy ? toPolicy(input.policy) : structuredClone(DEFAULT_WORKFLOW_POLICY);
    const campaign = this.em.create(Campaign, {
      nameSq: input.nameSq,
      nameEn: input.nameEn,
      sloganSq: input.sloganSq ?? null,
      sloganEn: input.sloganEn ?? null,
      organiserSq: input.organiserSq ?? null,
      organiserEn: input.organiserEn ?? null,
      senderName: input.senderName,
      senderEmail: input.senderEmail,
      policy,
      ...(input.languages && { languages: input.languages }),
      ...(input.timeZone && { timeZone: canonicalTimeZone(input.timeZone) as string }),
      ...(input.reportRecipients && { reportRecipients: input.reportRecipients }),
      ...(input.partners && { partners: partnersOf(input.partners) }),
    });
    await this.em.flush();
    return campaign;
  }

  async update(id: string, input: UpdateCampaignDto): Promise<Campaign> {
    const campaign = await this.get(id);
    // Every check runs before the first change: a query after a change would flush it.
    const policy = input.policy && toPolicy(input.policy);
    const timeZone = input.timeZone && (canonicalTimeZone(input.timeZone) as string);
    if (timeZone && timeZone !== campaign.timeZone) await this.assertNoSessions(campaign);

    if (input.nameSq !== undefined) campaign.nameSq = input.nameSq;
    if (input.nameEn !== undefined) campaign.nameEn = input.nameEn;
    if (input.sloganSq !== undefined) campaign.sloganSq = input.sloganSq;
    if (input.sloganEn !== undefined) campaign.sloganEn = input.sloganEn;
    if (input.organiserSq !== undefined) campaign.organiserSq = input.organiserSq;
    if (input.organiserEn !== undefined) campaign.organiserEn = input.organiserEn;
    if (input.languages !== undefined) campaign.languages = input.languages;
    if (input.senderName !== undefined) campaign.senderName = input.senderName;
    if (input.senderEmail !== undefined) campaign.senderEmail = input.senderEmail;
    if (input.reportRecipients !== undefined) campaign.reportRecipients = input.reportRecipients;
    if (input.partners !== undefined) campaign.partners = partnersOf(input.partners);
    if (timeZone) campaign.timeZone = timeZone;
    if (policy) campaign.policy = policy;
    await this.em.flush();
    return campaign;
  }

  async setArchived(id: string, archived: boolean): Promise<Campaign> {
    const campaign = await this.get(id);
    campaign.archivedAt = archived ? (campaign.archivedAt ?? new Date()) : null;
    await this.em.flush();
    return campaign;
  }

  /**
   * Sessions are stored in UTC but were planned in local time, and a round's
   * dates are read in the campaign's zone: moving the zone would silently move them.
   */
  private async assertNoSessions(campaign: Campaign): Promise<void> {
    if (await this.em.count(RoundSession, { round: { campaign } })) {
      throw RequestError.conflict(
        'timeZone',
        'the campaign already has sessions planned in its time zone; it can no longer change',
      );
    }
  }
}

/** A plain copy for the jsonb column, with the reminder order checked against the invitation. */
function toPolicy(input: WorkflowPolicyDto): WorkflowPolicy {
  const inviteBefore = parseIsoDuration(input.inviteBefore);
  input.reminders.forEach((reminder, index) => {
    if (parseIsoDuration(reminder.before) >= inviteBefore) {
      throw RequestError.unprocessable(
        `policy.reminders[${index}].before`,
        `must be shorter than policy.inviteBefore (${input.inviteBefore}): a reminder cannot come before the invitation`,
      );
    }
  });
  const { enabled, opensAt, closesAt, days } = input.sendWindow;
  return {
    inviteBefore: input.inviteBefore,
    reminders: input.reminders.map(({ before, audience }) => ({ before, audience })),
    followUpAfter: input.followUpAfter,
    followUpTo: input.followUpTo ?? DEFAULT_FOLLOW_UP_TO,
    reportAfter: input.reportAfter,
    sendWindow: { enabled, opensAt, closesAt, days: [...days].sort((a, b) => a - b) },
  };
}

/** Plain objects for the jsonb column, whatever class the validator built. */
function partnersOf(partners: CampaignPartnerDto[]): CampaignPartner[] {
  return partners.map(({ nameSq, nameEn }) => ({ nameSq: nameSq.trim(), nameEn: nameEn.trim() }));
}
