import { Campaign } from './campaign.entity';
import { CampaignView } from './dto/campaign.view';

export function toCampaignView(campaign: Campaign): CampaignView {
  return {
    id: campaign.id,
    nameSq: campaign.nameSq,
    nameEn: campaign.nameEn,
    sloganSq: campaign.sloganSq,
    sloganEn: campaign.sloganEn,
    organiserSq: campaign.organiserSq,
    organiserEn: campaign.organiserEn,
    partners: campaign.partners.map(({ nameSq, nameEn }) => ({ nameSq, nameEn })),
    languages: campaign.languages,
    timeZone: campaign.timeZone,
    senderName: campaign.senderName,
    senderEmail: campaign.senderEmail,
    reportRecipients: campaign.reportRecipients,
    policy: campaign.policy,
    createdAt: campaign.createdAt,
    updatedAt: campaign.updatedAt,
    archivedAt: campaign.archivedAt,
  };
}
