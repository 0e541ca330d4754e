import 'reflect-metadata';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { QueueName } from '../src/queue/jobs';
import { bullConnection, bullPrefix } from '../src/queue/redis-connection';
import { draftRound, fastCampaign } from '../test/support/round-fixture';
import { SmtpSink } from '../test/support/smtp-sink';
import { TestApp } from '../test/support/test-app';
import { createInstitutionAudience } from './bench/audience';
import { ratio, recordResult } from './bench/bench-result';
import { BenchNames, redisUrl, runBench, startWorkers, withBenchApp } from './bench/bench-services';
import { Machine, machineLines } from './bench/machine';
import type { NoopWorkerJob, NoopWorkerResult } from './bench/noop-worker';
import { processMemory } from './bench/process-memory';
import { percentile } from './bench/stats';
import {
  messagesWithStatus,
  scheduleAndInvite,
  stepTimeline,
  StepTimeline,
  untilAccepted,
  workflowCpuMeter,
} from './bench/workflow-run';

/**
 * npm run bench:reminders — a round of 10,000 invitees whose reminder step
 * is due at one instant, run by a worker process as the product runs it:
 * how late the step starts, and how late each reminder reaches a local SMTP
 * sink, after its due time. The baseline, in the same run on the same
 * Redis, is a BullMQ worker with a no-op processor given 10,000 delayed jobs
 * due at one instant. Also Redis's memory per pending step. A benchmark, not
 * a test: it prints figures and fails only when an e-mail goes missing or
 * arrives twice.
 */

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
/**
 * From the schedule call to the reminders' due time: the 10,000 invitations
 * go out first (about 40 s on our machine), then the worker idles until the
 * reminders are due, as a production worker would.
 */
const REMINDERS_DUE_IN_MS = Number(process.env.BENCH_REMINDERS_DUE_IN_SECONDS ?? 150) * 1000;
/** The reminder goes this long before the session: far from its attendance opening (1 h before). */
const REMINDER_BEFORE_MS = 3 * 3600_000;
/** High enough that the queue's rate limit is never what bounds the figures (see the notes). */
const SEND_RATE_PER_SECOND = '100000';
const RUN_TIMEOUT_MS = 15 * 60_000;
/** As `npm start`, `npm run start:worker` and the Dockerfile run the workers. */
const PRODUCT_NODE_FLAGS = '--max-old-space-size=256';
/** The concurrency of each of the product's BullMQ workers (src/queue/queue-workers.ts). */
const WORKER_CONCURRENCY = 4;
/** Rounds scheduled, with no worker running, to weigh their pending steps in Redis. */
const MEMORY_ROUNDS = 50;
/** The baseline's jobs are due this long after queuing them starts, which takes about a second. */
const BASELINE_LEAD_MS = 10_000;
const LATENESS_TARGET_MS = 2000;
const PACKAGES = ['bullmq', 'ioredis', 'nodemailer', '@mikro-orm/core', 'pg', '@nestjs/core'];

interface ReminderRun {
  step: StepTimeline;
  /** When the sink accepted each reminder, ms since the epoch, in order. */
  acceptedAt: number[];
  /** When the invitations before them were all recorded as sent. */
  invitedAt: number;
  scheduleCalledAt: number;
  loadAverage: number;
  cpu: Record<string, number>;
  workerPeakRssMb: number;
}

interface BaselineRun extends NoopWorkerResult {
  loadAverage: number;
  /** Milliseconds it took to put the jobs on the queue. */
  queuingMs: number;
}

interface StepMemory {
  rounds: number;
  pendingSteps: number;
  /** MEMORY USAGE of the step jobs' hashes, per job. */
  jobHashBytes: number;
  /** The delayed sorted set's MEMORY USAGE per entry. */
  delayedEntryBytes: number;
  /** Every key of the workflow queue, before and after scheduling, per pending step. */
  queueKeysBytes: number;
  /** INFO's used_memory before and after, per pending step: the whole server, which others share. */
  usedMemoryBytes: number;
  loadAverage: number;
}

const print = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function main(): Promise<void> {
  if (!Number.isInteger(CONTACTS) || CONTACTS < 1 || !(REMINDERS_DUE_IN_MS > 0)) {
    throw new Error(
      'BENCH_CONTACTS must be a whole number of at least 1, BENCH_REMINDERS_DUE_IN_SECONDS above 0',
    );
  }
  const env = { PROCESS_ROLE: 'api', LOG_LEVEL: 'error', SEND_RATE_PER_SECOND };
  await withBenchApp('reminders', env, PACKAGES, async ({ app, names, sink, machine }) => {
    print(
      `Reminder benchmark: ${CONTACTS} reminders due at one instant (database ${names.database})`,
    );
    print(`Setting up ${CONTACTS} contacts…`);
    const institutionId = await createInstitutionAudience(app, CONTACTS);

    print(`Redis memory: scheduling ${MEMORY_ROUNDS} rounds with no worker running…`);
    const memory = await measureStepMemory(app, institutionId);

    print('Reminders, with 1 worker process…');
    const run = await runReminders(app, sink, institutionId);
    print('Baseline: a BullMQ worker with a no-op processor…');
    const baseline = await runBaseline(names);

    const figures: Figures = {
      machine,
      run,
      baseline,
      memory,
      reminders: reminderLateness(run),
      noop: latenessOf(baseline.lateness),
    };
    report(figures);
    record(figures);
  });
}

/**
 * Schedules rounds whose six steps (invitation, two reminders, attendance
 * opening, follow-up, report) all lie ahead, and weighs what their delayed
 * jobs take in Redis; then cancels the rounds, which removes the jobs.
 */
async function measureStepMemory(app: TestApp, institutionId: string): Promise<StepMemory> {
  const campaignId = await fastCampaign(app, {
    inviteBefore: 'PT20H',
    reminders: [
      { before: 'PT12H', audience: 'non_responders' },
      { before: 'PT2H', audience: 'accepted' },
    ],
  });
  const roundIds: string[] = [];
  for (let i = 0; i < MEMORY_ROUNDS; i++) {
    const { roundId } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me mësuesit e qarkut',
        titleEn: 'Meeting with the county’s teachers',
        startInMs: 24 * 3600_000,
        audience: { institutionIds: [institutionId] },
      },
    ]);
    roundIds.push(roundId);
  }
  const queuePrefix = `${bullPrefix(app.config.redisPrefix)}:${QueueName.Workflow}`;
  const redis = new Redis(app.config.redisUrl);
  try {
    const loadAverage = loadavg()[0];
    const usedBefore = await usedMemory(redis);
    const keysBefore = await keysMemory(redis, queuePrefix);
    for (const roundId of roundIds) {
      const scheduled = await app.post(`/api/rounds/${roundId}/schedule`);
      if (scheduled.status !== 200) throw new Error(`schedule: ${JSON.stringify(scheduled.body)}`);
    }
    const usedAfter = await usedMemory(redis);
    const keysAfter = await keysMemory(redis, queuePrefix);
    const steps = await app.orm.em
      .getConnection()
      .execute<Array<{ id: string; version: number }>>(
        `select id, version from step where round_id = any(?::uuid[]) and status = 'pending'`,
        [`{${roundIds.join(',')}}`],
      );
    let jobHashes = 0;
    for (const step of steps) {
      jobHashes += await memoryUsage(redis, `${queuePrefix}:step-${step.id}-v${step.version}`);
    }
    const delayed = await memoryUsage(redis, `${queuePrefix}:delayed`);
    const delayedCount = await redis.zcard(`${queuePrefix}:delayed`);
    if (delayedCount !== steps.length) {
      throw new Error(`${delayedCount} delayed jobs for ${steps.length} pending steps`);
    }
    for (const roundId of roundIds) {
      const cancelled = await app.post(`/api/rounds/${roundId}/cancel`);
      if (cancelled.status !== 200) throw new Error(`cancel: ${JSON.stringify(cancelled.body)}`);
    }
    return {
      rounds: roundIds.length,
      pendingSteps: steps.length,
      jobHashBytes: jobHashes / steps.length,
      delayedEntryBytes: delayed / delayedCount,
      queueKeysBytes: (keysAfter - keysBefore) / steps.length,
      usedMemoryBytes: (usedAfter - usedBefore) / steps.length,
      loadAverage,
    };
  } finally {
    redis.disconnect();
  }
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
}

/** Bytes Redis holds for the key, every element counted (SAMPLES 0). */
async function memoryUsage(redis: Redis, key: string): Promise<number> {
  return Number(await redis.call('memory', 'usage', key, 'samples', '0')) || 0;
}

async function keysMemory(redis: Redis, prefix: string): Promise<number> {
  let bytes = 0;
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
    for (const key of keys as string[]) bytes += await memoryUsage(redis, key);
  }
  return bytes;
}

/**
 * A round whose one session invites the whole institution; its invitations
 * go at once and its reminder to those who have not answered (all of them)
 * REMINDERS_DUE_IN_MS after scheduling. Waits for the invitations to be sent,
 * then measures the reminders from their due time.
 */
async function runReminders(
  app: TestApp,
  sink: SmtpSink,
  institutionId: string,
): Promise<ReminderRun> {
  const campaignId = await fastCampaign(app, {
    inviteBefore: 'P1D',
    reminders: [{ before: `PT${REMINDER_BEFORE_MS / 1000}S`, audience: 'non_responders' }],
  });
  sink.reset();
  const workers = await startWorkers(
    app.config,
    1,
    { SEND_RATE_PER_SECOND },
    (process.env.BENCH_WORKER_NODE_FLAGS ?? PRODUCT_NODE_FLAGS).split(' ').filter(Boolean),
  );
  try {
    const { roundId } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim informues me mësuesit e qarkut',
        titleEn: 'Information meeting with the county’s teachers',
        startInMs: REMINDERS_DUE_IN_MS + REMINDER_BEFORE_MS,
        audience: { institutionIds: [institutionId] },
      },
    ]);
    const roundRun = { app, sink, workers, roundId };
    const scheduleCalledAt = await scheduleAndInvite(roundRun, CONTACTS, RUN_TIMEOUT_MS);
    const invitedAt = Date.now();
    const { dueAt } = await dueReminder(app, roundId);
    print(
      `  invitations sent ${((invitedAt - scheduleCalledAt) / 1000).toFixed(1)} s after the schedule call; ` +
        `the reminders are due ${((dueAt - invitedAt) / 1000).toFixed(1)} s later`,
    );
    if (dueAt - invitedAt < 5000) {
      throw new Error(
        'the invitations were still going out when the reminders fell due: ' +
          'raise BENCH_REMINDERS_DUE_IN_SECONDS',
      );
    }
    sink.reset();
    await sleep(dueAt - 1000 - Date.now());
    const loadAverage = loadavg()[0];
    const cpu = workflowCpuMeter(workers);
    await untilAccepted(roundRun, CONTACTS, RUN_TIMEOUT_MS);
    const accepted = sink.acceptedAt.slice(0, CONTACTS);
    const cpuUsed = cpu.read();
    const workerPeakRssMb = processMemory(workers[0].pid).peakRssMb;
    await messagesWithStatus(app, roundId, 'sent', 2 * CONTACTS);
    // A duplicate would arrive after the last row was recorded; give it a moment to show.
    await sleep(500);
    if (sink.received !== CONTACTS) {
      throw new Error(`the sink accepted ${sink.received} reminders, not ${CONTACTS}`);
    }
    return {
      step: await stepTimeline(app, roundId, 'remind'),
      acceptedAt: accepted,
      invitedAt,
      scheduleCalledAt,
      loadAverage,
      cpu: cpuUsed,
      workerPeakRssMb,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

async function dueReminder(app: TestApp, roundId: string): Promise<{ dueAt: number }> {
  const [row] = await app.orm.em
    .getConnection()
    .execute<Array<{ due_at: Date }>>(
      `select due_at from step where round_id = ? and kind = 'remind'`,
      [roundId],
    );
  return { dueAt: new Date(row.due_at).getTime() };
}

/**
 * CONTACTS delayed jobs due at one instant on a queue of the benchmark's
 * prefix, processed by a no-op BullMQ worker in its own process with the
 * product's worker concurrency (bench/noop-worker.ts).
 */
async function runBaseline(names: BenchNames): Promise<BaselineRun> {
  const job: NoopWorkerJob = {
    redisUrl: redisUrl(),
    prefix: bullPrefix(names.redisPrefix),
    queue: 'baseline-noop',
    count: CONTACTS,
    concurrency: WORKER_CONCURRENCY,
  };
  const child = spawn(
    process.execPath,
    [join(__dirname, 'bench/noop-worker.js'), JSON.stringify(job)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const queue = new Queue(job.queue, {
    connection: bullConnection(job.redisUrl),
    prefix: job.prefix,
  });
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        const ready = () => output.includes('\n') && resolve();
        child.stdout.on('data', ready);
      }),
      closed.then((code) =>
        Promise.reject(new Error(`no-op worker exited with ${code}: ${output}`)),
      ),
    ]);
    const queuingStarted = Date.now();
    const dueAt = queuingStarted + BASELINE_LEAD_MS;
    for (let start = 0; start < CONTACTS; start += 1000) {
      const count = Math.min(1000, CONTACTS - start);
      await queue.addBulk(
        Array.from({ length: count }, () => ({
          name: 'noop',
          data: { dueAt },
          opts: { delay: dueAt - Date.now(), removeOnComplete: true, removeOnFail: true },
        })),
      );
    }
    const queuingMs = Date.now() - queuingStarted;
    if (Date.now() > dueAt) throw new Error(`queuing the baseline's jobs took ${queuingMs} ms`);
    await sleep(dueAt - 1000 - Date.now());
    const loadAverage = loadavg()[0];
    const code = await closed;
    if (code !== 0) throw new Error(`no-op worker exited with ${code}: ${output}`);
    const result = JSON.parse(output.slice(output.indexOf('\n') + 1)) as NoopWorkerResult;
    return { ...result, loadAverage, queuingMs };
  } finally {
    await queue.close();
  }
}

interface Lateness {
  p50: number;
  p99: number;
  max: number;
  first: number;
}

function latenessOf(values: number[]): Lateness {
  return {
    p50: percentile(values, 0.5),
    p99: percentile(values, 0.99),
    max: Math.max(...values),
    first: Math.min(...values),
  };
}

/** Each reminder's lateness: from the step's due time to the sink's acceptance. */
function reminderLateness(run: ReminderRun): Lateness {
  return latenessOf(run.acceptedAt.map((at) => at - run.step.dueAt));
}

/** E-mails a second from the first reminder accepted to the last. */
function sendRate(run: ReminderRun): number {
  const first = run.acceptedAt[0];
  const last = run.acceptedAt[run.acceptedAt.length - 1];
  return (run.acceptedAt.length - 1) / ((last - first) / 1000);
}

const ms = (value: number) =>
  value >= 1000
    ? `${(value / 1000).toFixed(value >= 10_000 ? 1 : 2)} s`
    : `${Math.round(value)} ms`;
const TARGET = `< ${LATENESS_TARGET_MS / 1000} s`;

/** Everything measured, with the reminders' lateness and the baseline's jobs'. */
interface Figures {
  machine: Machine;
  run: ReminderRun;
  baseline: BaselineRun;
  memory: StepMemory;
  reminders: Lateness;
  noop: Lateness;
}

function report({ machine, run, baseline, memory, reminders, noop }: Figures): void {
  const { step } = run;
  const cpu = Object.entries(run.cpu)
    .map(([group, seconds]) => `${group} ${seconds.toFixed(1)}`)
    .join(', ');

  print();
  print('Machine');
  for (const line of machineLines(machine)) print(`  ${line}`);
  print(
    `  worker: 1 process, SEND_RATE_PER_SECOND=${SEND_RATE_PER_SECOND}; the API and the SMTP sink ` +
      "run in the benchmark's process",
  );
  print(
    `  load average ${run.loadAverage.toFixed(2)} when the reminders fell due, ` +
      `${baseline.loadAverage.toFixed(2)} when the baseline's jobs did, ` +
      `${memory.loadAverage.toFixed(2)} when weighing the steps`,
  );
  print();
  print(`Reminder step, ${CONTACTS} recipients: milliseconds after its due time`);
  const phases: Array<[number, string]> = [
    [step.startedAt, 'step started (step.started_at)'],
    [step.messageRowsWrittenAt, `${CONTACTS} message rows written`],
    [step.finishedAt, 'every send job enqueued, step done (step.finished_at)'],
    [run.acceptedAt[0], 'first reminder accepted by the SMTP sink'],
    [run.acceptedAt[run.acceptedAt.length - 1], 'last reminder accepted'],
  ];
  for (const [at, what] of phases.sort((a, b) => a[0] - b[0])) {
    print(`  ${String(at - step.dueAt).padStart(7)}  ${what}`);
  }
  print(
    `  sending: ${sendRate(run).toFixed(0)} msg/s from the first acceptance to the last; ` +
      `CPU seconds: ${cpu}; worker peak ${Math.round(run.workerPeakRssMb)} MB`,
  );
  print();
  print('Lateness after the due time');
  print(
    `  ${''.padEnd(44)}${'first'.padStart(9)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}`,
  );
  const row = (label: string, l: Lateness) =>
    print(
      `  ${label.padEnd(44)}${ms(l.first).padStart(9)}${ms(l.p50).padStart(9)}${ms(l.p99).padStart(9)}${ms(l.max).padStart(9)}`,
    );
  row(`reminders, until the SMTP sink accepted each`, reminders);
  row(`baseline: no-op BullMQ jobs, until processed`, noop);
  print(
    `  baseline: ${CONTACTS} delayed jobs queued in ${baseline.queuingMs} ms, ${BASELINE_LEAD_MS} ms ` +
      `before they fell due; worker concurrency ${WORKER_CONCURRENCY}, ` +
      `${baseline.cpuSeconds.toFixed(1)} CPU seconds`,
  );
  print(
    `  the k-th of ${CONTACTS} reminders cannot be accepted before k ÷ the send rate: ` +
      `${ms((0.5 * CONTACTS * 1000) / sendRate(run))} for the median, ` +
      `${ms((0.99 * CONTACTS * 1000) / sendRate(run))} for p99 at ${sendRate(run).toFixed(0)} msg/s`,
  );
  print();
  print(
    `Redis memory per pending step: ${memory.pendingSteps} steps of ${memory.rounds} scheduled rounds, ` +
      'delayed jobs with no worker running',
  );
  print(`  job hash (MEMORY USAGE)                 ${Math.round(memory.jobHashBytes)} bytes`);
  print(`  its entry in the delayed sorted set      ${Math.round(memory.delayedEntryBytes)} bytes`);
  print(
    `  every key of the queue, before → after   ${Math.round(memory.queueKeysBytes)} bytes ` +
      "(with the queue's event stream, capped at 10,000 events)",
  );
  print(
    `  INFO used_memory, before → after         ${Math.round(memory.usedMemoryBytes)} bytes ` +
      '(the whole server, which others share)',
  );
  print();
  print(`Target: reminder lateness p99 ${TARGET}`);
  print(
    `  the step's start: ${step.startedAt - step.dueAt < LATENESS_TARGET_MS ? 'met' : 'NOT met'} ` +
      `(${ms(step.startedAt - step.dueAt)})`,
  );
  print(
    `  each reminder's acceptance, p99: ${reminders.p99 < LATENESS_TARGET_MS ? 'met' : 'NOT met'} ` +
      `(${ms(reminders.p99)})`,
  );
}

/** The figures for BENCHMARKS.md (see bench/bench-result.ts). */
function record({ machine, run, baseline, memory, reminders, noop }: Figures): void {
  const start = run.step.startedAt - run.step.dueAt;
  const load = { loadAverage: run.loadAverage, baselineLoadAverage: baseline.loadAverage };
  const compared = (measure: string, value: number, against: number) => ({
    measure,
    value: ms(value),
    baseline: ms(against),
    ratio: ratio(value, against),
    ...load,
  });
  recordResult({
    name: 'reminders',
    title: 'Reminder punctuality',
    summary:
      `A round's reminder step due at one instant for ${CONTACTS.toLocaleString('en')} invitees who ` +
      "have not answered, run by one worker process: lateness from the due time to the step's start " +
      "and to each reminder's acceptance by a local SMTP sink. Baseline: a BullMQ worker with a no-op " +
      `processor (concurrency ${WORKER_CONCURRENCY}, its own process, the same Redis) given as many ` +
      'delayed jobs due at one instant, lateness until each is processed.',
    machine,
    figures: [
      {
        ...compared('step start (due → step.started_at)', start, noop.first),
        baseline: `${ms(noop.first)} (first job)`,
        target: TARGET,
        met: start < LATENESS_TARGET_MS,
      },
      {
        ...compared('first reminder accepted', reminders.first, noop.first),
        baseline: `${ms(noop.first)} (first job)`,
      },
      compared('reminders accepted, p50 lateness', reminders.p50, noop.p50),
      {
        ...compared('reminders accepted, p99 lateness', reminders.p99, noop.p99),
        target: TARGET,
        met: reminders.p99 < LATENESS_TARGET_MS,
      },
      compared('last reminder accepted', reminders.max, noop.max),
      {
        measure: 'send rate, first to last reminder',
        value: `${sendRate(run).toFixed(0)} msg/s`,
        loadAverage: run.loadAverage,
      },
      {
        measure: 'Redis per pending step: job hash + delayed entry',
        value: `${Math.round(memory.jobHashBytes + memory.delayedEntryBytes)} bytes`,
        loadAverage: memory.loadAverage,
      },
      {
        measure: 'Redis per pending step: queue keys with event stream',
        value: `${Math.round(memory.queueKeysBytes)} bytes`,
        loadAverage: memory.loadAverage,
      },
    ],
  });
}

runBench(main);
