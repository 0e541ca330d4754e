import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MessageStatus } from '../messaging/message-status';
import { JobQueue } from '../queue/job-queue';
import { JobName, QueueName } from '../queue/jobs';
import { OnJob } from '../queue/on-job.decorator';
import { SendQueue } from './send-queue';
import { isBoundToSchedule, StepStatus } from './step-kind';
import { Step } from './step.entity';

const RECONCILE_SCHEDULER_ID = 'reconcile';

/**
 * Makes Redis agree with PostgreSQL again after Redis lost its data (ours
 * keeps nothing on disk), a job was removed, or a process died between a
 * commit and its enqueue. Every step still to run and every message still
 * queued gets its job back; deterministic step job ids, and the send queue
 * skipping messages a job still holds, make this a no-op for the ones that
 * still have theirs.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Reconciler.name);
  /** Redis that lost its data lost the job scheduler too; this local timer puts it back. */
  private watchdog?: NodeJS.Timeout;

  constructor(
    private readonly orm: MikroORM,
    private readonly jobs: JobQueue,
    private readonly sendQueue: SendQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    await this.ensureScheduler();
    await this.reconcile();
    this.watchdog = setInterval(() => {
      this.ensureScheduler()
        .then((recreated) => (recreated ? this.reconcile() : undefined))
        .catch((error: Error) => this.logger.warn(`Reconciler watchdog: ${error.message}`));
    }, this.config.reconcileEveryMs);
  }

  /** Before the queues close, so the timer cannot fire against closed connections. */
  onModuleDestroy(): void {
    clearInterval(this.watchdog);
  }

  /** True when the schedule was missing: Redis lost its data, so reconcile at once. */
  private async ensureScheduler(): Promise<boolean> {
    const queue = this.jobs.queue(QueueName.Workflow);
    if (await queue.getJobScheduler(RECONCILE_SCHEDULER_ID)) return false;
    await queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: this.config.reconcileEveryMs },
      { name: JobName.Reconcile, data: {} },
    );
    return true;
  }

  @OnJob(JobName.Reconcile)
  async reconcile(): Promise<void> {
    const em = this.orm.em.fork();
    const now = Date.now();
    const steps = await em.find(
      Step,
      { status: { $in: [StepStatus.Pending, StepStatus.Running] } },
      { populate: ['round'] },
    );
    const current = steps.filter(
      (step) => !isBoundToSchedule(step.kind) || step.version === step.round.scheduleVersion,
    );
    for (const step of current) {
      await this.jobs.add(
        { name: JobName.RunStep, data: { stepId: step.id, version: step.version } },
        step.dueAt.getTime() - now,
      );
    }
    const queued = await em
      .getConnection()
      .execute<{ id: string }[]>(`select id from message where status = ?`, [MessageStatus.Queued]);
    await this.sendQueue.enqueue(queued.map(({ id }) => id));
    if (current.length > 0 || queued.length > 0) {
      this.logger.debug(
        `Reconciled ${current.length} step(s) and ${queued.length} queued message(s)`,
      );
    }
  }
}
