import { Injectable } from '@nestjs/common';
import { AttendanceService } from '../attendance/attendance.service';
import { MaterialsService } from '../attendance/materials.service';
import { RecommendationsService } from '../attendance/recommendations.service';
import { User } from '../auth/entities/user.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DEFAULT_WORKFLOW_POLICY } from '../campaigns/workflow-policy';
import { Round } from '../rounds/round.entity';
import { RoundsService } from '../rounds/rounds.service';
import { RoundScheduler } from '../workflow/round-scheduler';
import { DEMO_CAMPAIGN, DemoRound } from './demo-data';
import { intoComingWeeks, localTimeOn } from './demo-dates';
import { CountyDirectory } from './demo-directory';

/**
 * Enters the demo campaign and its rounds through the domain services, as
 * the office would through the API: Elbasan recorded as held with what it
 * counted and concluded, the next three rounds planned in the coming weeks.
 */
@Injectable()
export class DemoRounds {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly rounds: RoundsService,
    private readonly scheduler: RoundScheduler,
    private readonly attendance: AttendanceService,
    private readonly materials: MaterialsService,
    private readonly recommendations: RecommendationsService,
  ) {}

  /**
   * The default offsets, with the send window open at all hours: the demo's
   * invitations must reach the inbox as it loads, on a Sunday night too.
   */
  campaign(): Promise<Campaign> {
    return this.campaigns.create({
      ...DEMO_CAMPAIGN.campaign,
      policy: {
        ...DEFAULT_WORKFLOW_POLICY,
        sendWindow: { ...DEFAULT_WORKFLOW_POLICY.sendWindow, enabled: false },
      },
    });
  }

  /** Elbasan, 22 November 2017: held before it was planned here, so nothing is sent. */
  async enterHeldRound(
    campaign: Campaign,
    directory: Map<string, CountyDirectory>,
    staff: User,
  ): Promise<Round> {
    const held = DEMO_CAMPAIGN.heldRound;
    const { round, sessionIds } = await this.draft(campaign, held, directory, staff);
    await this.scheduler.recordHeld(round.id);
    for (const [index, { headCount }] of held.sessions.entries()) {
      if (!headCount) continue;
      await this.attendance.record(
        sessionIds[index],
        { invitees: [], walkIns: [], headCount },
        staff,
      );
    }
    for (const material of held.materials) await this.materials.create(round.id, material);
    await this.recommendations.replace(round.id, { items: held.recommendations });
    return round;
  }

  /** Kukës, Shkodër and Korçë as drafts, moved from December 2017 into the coming weeks. */
  async draftNextRounds(
    campaign: Campaign,
    directory: Map<string, CountyDirectory>,
    staff: User,
    today: string,
  ): Promise<Round[]> {
    const drafted: Round[] = [];
    for (const next of intoComingWeeks(DEMO_CAMPAIGN.nextRounds, today)) {
      drafted.push((await this.draft(campaign, next, directory, staff)).round);
    }
    return drafted;
  }

  /** Each in a transaction of its own that queues its steps after the commit. */
  async schedule(rounds: Round[]): Promise<void> {
    for (const round of rounds) await this.scheduler.schedule(round.id);
  }

  private async draft(
    campaign: Campaign,
    data: DemoRound,
    directory: Map<string, CountyDirectory>,
    staff: User,
  ): Promise<{ round: Round; sessionIds: string[] }> {
    const county = directory.get(data.county);
    if (!county) throw new Error(`Demo data: no directory for ${data.county}`);
    const round = await this.rounds.create({
      campaignId: campaign.id,
      countyId: county.countyId,
      startsOn: data.startsOn,
      endsOn: data.endsOn,
      staffUserId: staff.id,
    });
    const sessionIds: string[] = [];
    for (const session of data.sessions) {
      const at = (time: string) => localTimeOn(data.startsOn, session.day, time, campaign.timeZone);
      const created = await this.scheduler.addSession(round.id, {
        titleSq: session.titleSq,
        titleEn: session.titleEn,
        kind: session.kind,
        startsAt: at(session.from),
        endsAt: at(session.to),
        venueSq: session.venueSq ?? null,
        venueEn: session.venueEn ?? null,
        topicsSq: session.topicsSq ?? [],
        topicsEn: session.topicsEn ?? [],
        walkInsCounted: session.walkInsCounted ?? false,
        audience: county.audience(session.audience),
      });
      sessionIds.push(created.id);
    }
    return { round, sessionIds };
  }
}
