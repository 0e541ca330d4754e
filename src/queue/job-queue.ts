import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { JobItem, jobIdOf, QUEUE_OF_JOB, QueueName } from './jobs';
import { bullConnection, bullPrefix } from './redis-connection';

/** addBulk in chunks: one round trip per chunk, without one huge Redis command. */
const BULK_CHUNK = 1000;

/** Puts jobs on the queues. Used by the API and the workers alike. */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {
    for (const name of Object.values(QueueName)) {
      this.queues.set(
        name,
        new Queue(name, {
          connection: bullConnection(config.redisUrl),
          prefix: bullPrefix(config.redisPrefix),
        }),
      );
    }
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name) as Queue;
  }

  async add(item: JobItem, delayMs = 0): Promise<void> {
    await this.queue(QUEUE_OF_JOB[item.name]).add(
      item.name,
      item.data,
      this.options(item, delayMs),
    );
  }

  async addBulk(items: JobItem[]): Promise<void> {
    for (let start = 0; start < items.length; start += BULK_CHUNK) {
      const chunk = items.slice(start, start + BULK_CHUNK);
      const byQueue = new Map<QueueName, JobItem[]>();
      for (const item of chunk) {
        const name = QUEUE_OF_JOB[item.name];
        byQueue.set(name, [...(byQueue.get(name) ?? []), item]);
      }
      for (const [name, queued] of byQueue) {
        await this.queue(name).addBulk(
          queued.map((item) => ({ name: item.name, data: item.data, opts: this.options(item, 0) })),
        );
      }
    }
  }

  /** Whether BullMQ still holds this job (waiting, delayed, active or failed). */
  async has(item: JobItem): Promise<boolean> {
    const id = jobIdOf(item);
    return !!id && !!(await this.queue(QUEUE_OF_JOB[item.name]).getJob(id));
  }

  /** Removes a job that is no longer wanted; an active one finishes and finds its row changed. */
  async remove(item: JobItem): Promise<void> {
    const id = jobIdOf(item);
    if (!id) return;
    await this.queue(QUEUE_OF_JOB[item.name])
      .remove(id)
      .catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  private options(item: JobItem, delayMs: number): JobsOptions {
    return {
      jobId: jobIdOf(item),
      delay: Math.max(0, Math.round(delayMs)),
      // A finished job's row in PostgreSQL is the record; Redis keeps only what is still to do.
      // A failed job goes too: one BullMQ failed on its own (caught by two worker deaths in a
      // row: "job stalled more than allowable limit") would otherwise hold its id, and the
      // reconciler could never give the step or message still to do a job again.
      removeOnComplete: true,
      removeOnFail: true,
      // A send job retries only when the whole batch failed (PostgreSQL away); an e-mail the SMTP
      // server refused for now is retried on its own, with the back-off its message row counts.
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
    };
  }
}
