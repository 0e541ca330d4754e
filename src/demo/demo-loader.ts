import { RequestContext } from '@mikro-orm/core';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Campaign } from '../campaigns/campaign.entity';
import { AppConfig } from '../config/app-config';
import { Round } from '../rounds/round.entity';
import { DEMO_CAMPAIGN } from './demo-data';
import { todayIn } from './demo-dates';
import { DemoDirectory } from './demo-directory';
import { demoGuide } from './demo-guide';
import { DemoRounds } from './demo-rounds';

/** Any constant will do; it only has to be the same in every Fushata process (and not the migrations'). */
const DEMO_LOCK_KEY = 4_672_002;

/**
 * Loads the demo at start when DEMO_DATA says so: the Elbasan round of 2017
 * as held, with its report ready to read, and the next three rounds
 * scheduled in the coming weeks, so their invitations reach the inbox. The
 * demo's campaign marks it as loaded: when it is there, nothing changes.
 */
@Injectable()
export class DemoLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoLoader.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly directory: DemoDirectory,
    private readonly rounds: DemoRounds,
  ) {}

  /** After every module's init, so the migrations have run and the first admin exists. */
  async onApplicationBootstrap(): Promise<void> {
    // A worker process serves nothing to look at; the API (or all-in-one) process loads it.
    if (!this.config.runsApi || !this.config.loadsDemoData) return;
    let loaded: boolean;
    try {
      loaded = await this.load();
    } catch (error) {
      // The product works without its demo; one line says why there is none.
      this.logger.error(`Demo data could not be loaded: ${(error as Error).message}`);
      return;
    }
    const rounds = await this.demoRounds();
    this.logger.log(
      loaded
        ? `Demo data loaded: ${rounds.map((r) => `${r.county.name} ${r.startsOn} ${r.status}`).join(', ')}`
        : `Demo data is already there (campaign "${DEMO_CAMPAIGN.campaign.nameSq}"): nothing changed`,
    );
    const held = rounds.find((round) => round.county.name === DEMO_CAMPAIGN.heldRound.county);
    for (const line of demoGuide(this.config, held?.id ?? null)) this.logger.log(line);
  }

  /**
   * Loads the demo unless its campaign exists; true when it did. The lock,
   * held by a transaction on a connection of its own until the demo is in,
   * makes processes that start together load it one after the other: the
   * second finds the campaign and does nothing.
   */
  async load(): Promise<boolean> {
    const connection = this.orm.em.getConnection();
    return connection.transactional(async (trx) => {
      await connection.execute('select pg_advisory_xact_lock(?)', [DEMO_LOCK_KEY], 'all', trx);
      return RequestContext.create(this.orm.em, () => this.loadUnlessThere());
    });
  }

  private async loadUnlessThere(): Promise<boolean> {
    const { nameSq, timeZone } = DEMO_CAMPAIGN.campaign;
    if ((await this.em.count(Campaign, { nameSq })) > 0) return false;
    // One transaction: a load that fails half-way leaves nothing behind, and the next start tries again.
    const nextRounds = await this.em.transactional(async () => {
      const coordinator = await this.directory.coordinator();
      const counties = await this.directory.enter();
      const campaign = await this.rounds.campaign();
      await this.rounds.enterHeldRound(campaign, counties, coordinator);
      return this.rounds.draftNextRounds(campaign, counties, coordinator, todayIn(timeZone));
    });
    // Scheduling queues jobs, which must find their steps committed.
    await this.rounds.schedule(nextRounds);
    return true;
  }

  private demoRounds(): Promise<Round[]> {
    return this.orm.em
      .fork()
      .find(
        Round,
        { campaign: { nameSq: DEMO_CAMPAIGN.campaign.nameSq } },
        { populate: ['county'], orderBy: { startsOn: 'asc' } },
      );
  }
}
