import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Language } from '../common/language';
import { RequestError } from '../common/request-error';
import { Material } from '../attendance/material.entity';
import { Recommendation } from '../attendance/recommendation.entity';
import { Round } from '../rounds/round.entity';
import { RoundSession } from '../rounds/round-session.entity';
import { RoundStatus } from '../rounds/round-status';
import { inLanguage } from './localised';
import { NarrativeWriter } from './narrative-writer';
import { reportLabels } from './report-labels';
import { RoundReport } from './report-model';
import { campaignPart, materialPart, roundRef, sessionPart } from './report-parts';
import { roundParticipants } from './round-participants';
import { addCounts, sessionCounts } from './session-counts';

/** Gathers what a round's report says from what was planned, answered and recorded. */
@Injectable()
export class RoundReportBuilder {
  constructor(private readonly narrative: NarrativeWriter) {}

  /** In the language asked for, else the campaign's first. @throws RequestError 404 when there is no such round. */
  async build(em: EntityManager, roundId: string, requested?: Language): Promise<RoundReport> {
    const round = await em.findOne(
      Round,
      { id: roundId },
      { populate: ['campaign', 'county', 'staff'] },
    );
    if (!round) throw RequestError.notFound('round');
    const language = requested ?? round.campaign.languages[0];
    const labels = reportLabels(language);
    const [sessions, counts, participants, materials, recommendations, later] = await Promise.all([
      em.find(RoundSession, { round }, { orderBy: { startsAt: 'asc', id: 'asc' } }),
      sessionCounts(em, [round.id]),
      roundParticipants(em, round.id, language, labels),
      em.find(Material, { round }, { populate: ['session'], orderBy: { createdAt: 'asc' } }),
      em.find(Recommendation, { round }, { orderBy: { position: 'asc' } }),
      em.find(
        Round,
        {
          campaign: round.campaign,
          startsOn: { $gt: round.endsOn },
          // A draft is the office's working copy, not a round it has announced.
          status: { $nin: [RoundStatus.Cancelled, RoundStatus.Draft] },
        },
        { populate: ['county'], orderBy: { startsOn: 'asc', id: 'asc' } },
      ),
    ]);
    const timeZone = round.campaign.timeZone;
    const reportSessions = sessions.map((session) =>
      sessionPart(session, counts.get(session.id), language, labels, timeZone),
    );
    const report: Omit<RoundReport, 'narrative'> = {
      kind: 'round',
      language,
      generatedAt: new Date().toISOString(),
      campaign: campaignPart(round.campaign, language),
      round: { ...roundRef(round, language, labels), staff: round.staff?.name ?? null },
      sessions: reportSessions,
      funnel: addCounts(reportSessions.filter((s) => s.status === 'planned').map((s) => s.counts)),
      participants,
      recommendations: recommendations.map(
        (recommendation) =>
          inLanguage(language, recommendation.textSq, recommendation.textEn) ?? '',
      ),
      materials: materials.map((material) => materialPart(material, language)),
      nextRounds: later.map((next) => roundRef(next, language, labels)),
    };
    return { ...report, narrative: this.narrative.write(report) };
  }
}
