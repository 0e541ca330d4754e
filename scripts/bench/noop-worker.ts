import { Worker } from 'bullmq';
import { bullConnection } from '../../src/queue/redis-connection';
import { processMemory } from './process-memory';

/** What the reminder benchmark hands this process, as JSON on the command line. */
export interface NoopWorkerJob {
  redisUrl: string;
  /** BullMQ's key prefix, braces included: the benchmark's own. */
  prefix: string;
  queue: string;
  /** Jobs to wait for; each carries its due time as `data.dueAt`. */
  count: number;
  concurrency: number;
}

export interface NoopWorkerResult {
  /** For each job, milliseconds from its due time until the processor was called, in that order. */
  lateness: number[];
  cpuSeconds: number;
  peakRssMb: number;
}

/**
 * The reminder benchmark's baseline: a BullMQ worker whose processor does
 * nothing, in a process of its own like Fushata's workers, with their
 * concurrency. It prints "ready" once it listens, then, when `count` jobs
 * have been processed, their lateness as one line of JSON.
 */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as NoopWorkerJob;
  const lateness: number[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const cpuBefore = process.cpuUsage();
  const worker = new Worker(
    job.queue,
    async (queued) => {
      lateness.push(Date.now() - (queued.data as { dueAt: number }).dueAt);
      if (lateness.length === job.count) done();
    },
    { connection: bullConnection(job.redisUrl), prefix: job.prefix, concurrency: job.concurrency },
  );
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  await finished;
  const cpu = process.cpuUsage(cpuBefore);
  await worker.close();
  const result: NoopWorkerResult = {
    lateness,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: processMemory('self').peakRssMb,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
