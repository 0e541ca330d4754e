import { Injectable } from '@nestjs/common';
import { CampaignListQueryDto } from '../../campaigns/dto/campaign.dto';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { Language } from '../../common/language';
import { inLanguage } from '../../reports/localised';
import { RoundListQueryDto } from '../../rounds/dto/round.dto';
import { RoundsService } from '../../rounds/rounds.service';
import { pageLink, Pager, pager } from './page-links';

const DEFAULT_LIMIT = new CampaignListQueryDto().limit;

export interface CampaignListItem {
  id: string;
  name: string;
  slogan: string | null;
  rounds: number;
  archived: boolean;
}

export interface CampaignListView {
  campaigns: CampaignListItem[];
  pager: Pager;
  q: string;
  archived: boolean;
}

/** The campaigns page: each campaign in the reader's language with how many rounds it has. */
@Injectable()
export class CampaignList {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly rounds: RoundsService,
  ) {}

  async build(query: CampaignListQueryDto, language: Language): Promise<CampaignListView> {
    const page = await this.campaigns.list(query);
    const campaigns: CampaignListItem[] = [];
    // An office runs a handful of campaigns a year: one count each is cheap.
    for (const campaign of page.items) {
      const rounds = await this.rounds.list(
        Object.assign(new RoundListQueryDto(), { campaignId: campaign.id, limit: 1 }),
      );
      campaigns.push({
        id: campaign.id,
        name: inLanguage(language, campaign.nameSq, campaign.nameEn) ?? '',
        slogan: inLanguage(language, campaign.sloganSq, campaign.sloganEn),
        rounds: rounds.total,
        archived: campaign.archivedAt !== null,
      });
    }
    const filters = {
      q: query.q,
      archived: query.archived ? 'true' : undefined,
      limit: query.limit === DEFAULT_LIMIT ? undefined : query.limit,
    };
    return {
      campaigns,
      pager: pager(page, (offset) =>
        pageLink('/app/campaigns', { ...filters, offset: offset || undefined }),
      ),
      q: query.q ?? '',
      archived: query.archived,
    };
  }
}
