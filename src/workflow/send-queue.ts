import { Injectable } from '@nestjs/common';
import type { JobType } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { JobQueue } from '../queue/job-queue';
import { JobName, messagesPerSendJob, QueueName } from '../queue/jobs';
import { Retry } from './message-outcomes';

/** Every state in which a job still has work ahead of it ("wait" covers a paused queue too). */
const UNFINISHED: JobType[] = ['active', 'wait', 'delayed', 'prioritized', 'waiting-children'];

/** Puts queued messages on send jobs, in batches, once each. */
@Injectable()
export class SendQueue {
  private readonly batchSize: number;

  constructor(
    private readonly jobs: JobQueue,
    config: AppConfig,
  ) {
    this.batchSize = messagesPerSendJob(config.sendRatePerSecond);
  }

  /**
   * Batches the messages that no unfinished job holds yet: a step run again
   * after a crash, or the reconciler, adds jobs only for what lost its own.
   */
  async enqueue(messageIds: string[]): Promise<void> {
    if (messageIds.length === 0) return;
    const held = await this.heldMessageIds();
    await this.enqueueFresh(messageIds.filter((id) => !held.has(id)));
  }

  /** Batches messages just written, which no job can hold yet: nothing to look up in Redis. */
  async enqueueFresh(messageIds: string[]): Promise<void> {
    const batches: string[][] = [];
    for (let start = 0; start < messageIds.length; start += this.batchSize) {
      batches.push(messageIds.slice(start, start + this.batchSize));
    }
    await this.jobs.addBulk(
      batches.map((ids) => ({ name: JobName.SendMessages, data: { messageIds: ids } })),
    );
  }

  async retry(retries: Retry[]): Promise<void> {
    for (const { messageId, delayMs } of retries) {
      await this.jobs.add(
        { name: JobName.SendMessages, data: { messageIds: [messageId] } },
        delayMs,
      );
    }
  }

  private async heldMessageIds(): Promise<Set<string>> {
    const jobs = await this.jobs.queue(QueueName.Messages).getJobs(UNFINISHED);
    return new Set(
      jobs.flatMap((job) =>
        job?.name === JobName.SendMessages ? (job.data as { messageIds: string[] }).messageIds : [],
      ),
    );
  }
}
