import { EntityManager } from '@mikro-orm/postgresql';
import { Language } from '../../common/language';
import { reportLabels } from '../../reports/report-labels';
import { ReportRoundRef } from '../../reports/report-model';
import { roundRef } from '../../reports/report-parts';
import { RoundStatus } from '../../rounds/round-status';
import { Round } from '../../rounds/round.entity';

/**
 * The campaign's draft rounds, for its page alone: the office's working
 * copies, which no report counts or lists until they are scheduled.
 */
export async function campaignDrafts(
  em: EntityManager,
  campaignId: string,
  language: Language,
): Promise<ReportRoundRef[]> {
  const drafts = await em.find(
    Round,
    { campaign: campaignId, status: RoundStatus.Draft },
    { populate: ['county'], orderBy: { startsOn: 'asc', id: 'asc' } },
  );
  const labels = reportLabels(language);
  return drafts.map((round) => roundRef(round, language, labels));
}
