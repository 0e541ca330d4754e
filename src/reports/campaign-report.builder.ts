import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Campaign } from '../campaigns/campaign.entity';
import { Language } from '../common/language';
import { RequestError } from '../common/request-error';
import { Material } from '../attendance/material.entity';
import { Recommendation } from '../attendance/recommendation.entity';
import { County } from '../directory/counties/county.entity';
import { localDate } from '../rounds/local-time';
import { Round } from '../rounds/round.entity';
import { RoundSession } from '../rounds/round-session.entity';
import { RoundStatus } from '../rounds/round-status';
import { SessionStatus } from '../rounds/session-kind';
import { institutionReach } from './institution-reach';
import { inLanguage } from './localised';
import { reportLabels } from './report-labels';
import { CampaignReport, CampaignReportRound } from './report-model';
import { campaignPart, materialPart, roundRef } from './report-parts';
import { addCounts, sessionCounts } from './session-counts';

/** Gathers a campaign's progress: every round's numbers, the counties covered, the institutions reached. */
@Injectable()
export class CampaignReportBuilder {
  /** In the language asked for, else the campaign's first. @throws RequestError 404 when there is no such campaign. */
  async build(
    em: EntityManager,
    campaignId: string,
    requested?: Language,
  ): Promise<CampaignReport> {
    const campaign = await em.findOne(Campaign, { id: campaignId });
    if (!campaign) throw RequestError.notFound('campaign');
    const language = requested ?? campaign.languages[0];
    const labels = reportLabels(language);
    // Drafts are the office's working copies: no report counts or lists them.
    const rounds = await em.find(
      Round,
      { campaign, status: { $ne: RoundStatus.Draft } },
      { populate: ['county'], orderBy: { startsOn: 'asc', id: 'asc' } },
    );
    const [sessions, counts, materials, recommendations, counties, institutions] =
      await Promise.all([
        em.find(RoundSession, { round: { $in: rounds } }, { orderBy: { startsAt: 'asc' } }),
        sessionCounts(
          em,
          rounds.map((round) => round.id),
        ),
        em.find(
          Material,
          { round: { $in: rounds } },
          { populate: ['session'], orderBy: { createdAt: 'asc' } },
        ),
        em.find(Recommendation, { round: { $in: rounds } }, { orderBy: { position: 'asc' } }),
        em.find(County, {}, { orderBy: { name: 'asc' } }),
        institutionReach(em, campaign.id),
      ]);

    const now = new Date();
    const today = localDate(now, campaign.timeZone);
    const reportRounds = rounds.map((round): CampaignReportRound => {
      const held = sessions.filter(
        (session) =>
          session.round.id === round.id &&
          session.status === SessionStatus.Planned &&
          session.startsAt <= now,
      );
      return {
        ...roundRef(round, language, labels),
        sessionsHeld: round.status === RoundStatus.Cancelled ? 0 : held.length,
        counts: addCounts(
          sessions
            .filter((s) => s.round.id === round.id && s.status === SessionStatus.Planned)
            .map((s) => counts.get(s.id))
            .filter((c) => c !== undefined),
        ),
        materials: materials
          .filter((material) => material.round.id === round.id)
          .map((material) => materialPart(material, language)),
        recommendations: recommendations
          .filter((recommendation) => recommendation.round.id === round.id)
          .map((r) => inLanguage(language, r.textSq, r.textEn) ?? ''),
      };
    });
    const live = reportRounds.filter((round) => round.status !== RoundStatus.Cancelled);
    const visited = new Set(live.filter((round) => tookPlace(round, today)).map((r) => r.county));
    const planned = new Set(live.map((round) => round.county).filter((c) => !visited.has(c)));

    return {
      kind: 'campaign',
      language,
      generatedAt: now.toISOString(),
      campaign: campaignPart(campaign, language),
      rounds: reportRounds,
      totals: {
        ...addCounts(live.map((round) => round.counts)),
        rounds: live.length,
        sessionsHeld: live.reduce((sum, round) => sum + round.sessionsHeld, 0),
        materials: live.reduce(
          (sum, round) => sum + round.materials.reduce((s, m) => s + m.quantity, 0),
          0,
        ),
      },
      counties: {
        visited: [...visited],
        planned: [...planned],
        notYet: counties
          .map((county) => county.name)
          .filter((name) => !visited.has(name) && !planned.has(name)),
      },
      institutions: {
        invited: institutions.length,
        represented: institutions.filter((row) => row.represented).length,
        rows: institutions,
      },
    };
  }
}

/** A round counts as a visit once it has begun: by its status, or by its first day having come. */
function tookPlace(round: CampaignReportRound, today: string): boolean {
  if (round.status === RoundStatus.InProgress || round.status === RoundStatus.Completed) {
    return true;
  }
  return round.status === RoundStatus.Scheduled && round.startsOn <= today;
}
