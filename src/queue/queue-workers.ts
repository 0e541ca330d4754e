import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { JobDispatcher } from './job-dispatcher';
import { messagesPerSendJob, QueueName } from './jobs';
import { bullConnection, bullPrefix } from './redis-connection';

/** Batches overlap: others send while one is claimed and read, so the SMTP pool never idles. */
export const SEND_JOBS_AT_ONCE = 4;

/**
 * The BullMQ workers of this process (worker role only). Several processes on
 * several machines may run them against one Redis: BullMQ hands each job to
 * one worker. On shutdown a worker finishes its active jobs before it exits.
 */
@Injectable()
export class QueueWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly dispatcher: JobDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    const common = {
      connection: bullConnection(this.config.redisUrl),
      prefix: bullPrefix(this.config.redisPrefix),
      lockDuration: this.config.jobLockMs,
      stalledInterval: this.config.jobLockMs,
    };
    this.workers.push(
      new Worker(QueueName.Workflow, (job) => this.dispatcher.dispatch(job), {
        ...common,
        concurrency: 4,
      }),
      new Worker(QueueName.Messages, (job) => this.dispatcher.dispatch(job), {
        ...common,
        concurrency: SEND_JOBS_AT_ONCE,
        // BullMQ limits jobs; one job a full batch's time keeps e-mails within SEND_RATE_PER_SECOND.
        limiter: { max: 1, duration: sendJobInterval(this.config.sendRatePerSecond) },
      }),
    );
    for (const worker of this.workers) {
      worker.on('failed', (job, error) =>
        this.logger.warn(`${worker.name} job ${job?.id ?? '?'} failed: ${error.message}`),
      );
      worker.on('error', (error) => this.logger.error(`${worker.name} worker: ${error.message}`));
    }
  }

  /**
   * Stops taking jobs and waits for the active ones, before any other module
   * lets go of what they need: Nest runs every onModuleDestroy (the SMTP pool,
   * the producer queues) before any onApplicationShutdown, and this module,
   * imported by the root, is destroyed before the modules deeper down.
   */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}

/** Milliseconds between two send jobs, so that a full batch each time stays within the rate. */
function sendJobInterval(sendRatePerSecond: number): number {
  return Math.max(1, Math.ceil((1000 * messagesPerSendJob(sendRatePerSecond)) / sendRatePerSecond));
}
