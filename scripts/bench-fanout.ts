import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { Language } from '../src/common/language';
import { OutgoingMail } from '../src/messaging/mail-transport';
import { Message } from '../src/messaging/message.entity';
import { Round } from '../src/rounds/round.entity';
import { EmailComposer } from '../src/workflow/email-composer';
import { invitationsByContact } from '../src/workflow/message-sessions';
import { Step } from '../src/workflow/step.entity';
import { draftRound, fastCampaign } from '../test/support/round-fixture';
import { SmtpSink } from '../test/support/smtp-sink';
import { TestApp } from '../test/support/test-app';
import { waitFor } from '../test/support/wait-for';
import type { BaselineJob, BaselineResult } from './bench/baseline-sender';
import { runBench, startWorkers, withBenchApp } from './bench/bench-services';
import { createInstitutionAudience } from './bench/audience';
import { CpuMeter } from './bench/cpu-time';
import { ratio, recordResult } from './bench/bench-result';
import { Machine, machineLines } from './bench/machine';
import { processMemory } from './bench/process-memory';
import {
  acceptedAt,
  anyExit,
  countMessages,
  databaseTransactions,
  stepTimeline,
  watchForFailures,
  workflowCpuMeter,
} from './bench/workflow-run';

/**
 * npm run bench:fanout — a round whose audience is 10,000 contacts, from the
 * schedule call to the last e-mail accepted by a local SMTP sink, against
 * plain pooled nodemailer sending the same e-mail 10,000 times to the same
 * sink, in the same run. A benchmark, not a test: it prints figures and
 * asserts only that every e-mail arrived exactly once.
 */

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
/** High enough that the queue's rate limit is never what bounds the pipeline. */
const SEND_RATE_PER_SECOND = '100000';
/** Connections of the SMTP pool (MAX_CONNECTIONS in src/messaging/mail-transport.ts). */
const SMTP_POOL_CONNECTIONS = 5;
const RUN_TIMEOUT_MS = 15 * 60_000;
/** As `npm start`, `npm run start:worker` and the Dockerfile run the workers. */
const PRODUCT_NODE_FLAGS = '--max-old-space-size=256';
const PACKAGES = ['bullmq', 'nodemailer', 'ioredis', '@mikro-orm/core', 'pg', '@nestjs/core'];

interface Audience {
  institutionId: string;
  campaignId: string;
}

interface PipelineRun {
  workers: number;
  stepId: string;
  /** Milliseconds since the epoch. */
  scheduleCalledAt: number;
  scheduleReturnedAt: number;
  stepStartedAt: number;
  invitationsWrittenAt: number;
  messageRowsWrittenAt: number;
  jobsEnqueuedAt: number;
  firstAcceptedAt: number;
  lastAcceptedAt: number;
  accepted: number;
  sent: number;
  idleRssMb: number[];
  /** VmHWM once started, before any work: start-up's own peak. */
  startupPeakRssMb: number[];
  peakRssMb: number[];
  /** The machine's 1-minute load average when the run began: other work on it skews the figures. */
  loadAverage: number;
  cpu: Record<string, number>;
  databaseTransactions: number;
}

interface BaselineRun extends BaselineResult {
  lastAcceptedAt: number;
  loadAverage: number;
  accepted: number;
  mimeBytes: number;
  cpu: Record<string, number>;
}

const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const env = { PROCESS_ROLE: 'api', SEND_RATE_PER_SECOND };
  await withBenchApp('fanout', env, PACKAGES, async ({ app, names, sink, machine }) => {
    print(`Fan-out benchmark: ${CONTACTS} invitations (database ${names.database})`);
    print(`Setting up ${CONTACTS} contacts…`);
    const audience = await createAudience(app, CONTACTS);

    print('Pipeline with 1 worker process…');
    const one = await runPipeline(app, sink, audience, 1);
    print('Pipeline with 2 worker processes…');
    const two = await runPipeline(app, sink, audience, 2);
    print('Baseline: plain pooled nodemailer…');
    const mail = await composeSample(app, one.stepId);
    const baseline = await runBaseline(sink, mail, CONTACTS);

    report(machine, app, one, two, baseline);
    record(machine, one, two, baseline);
  });
}

/** One institution with `count` contacts, and a campaign that invites 2 hours ahead. */
async function createAudience(app: TestApp, count: number): Promise<Audience> {
  const institutionId = await createInstitutionAudience(app, count);
  const campaignId = await fastCampaign(app, { inviteBefore: 'PT2H', reminders: [] });
  return { institutionId, campaignId };
}

/**
 * Schedules a round whose one session, an hour away, invites the whole
 * institution: the invite step is due at once. Measures until the sink has
 * accepted every e-mail, then until every message row says so.
 */
async function runPipeline(
  app: TestApp,
  sink: SmtpSink,
  audience: Audience,
  workerCount: number,
): Promise<PipelineRun> {
  sink.reset();
  const workers = await startWorkers(
    app.config,
    workerCount,
    { SEND_RATE_PER_SECOND },
    (process.env.BENCH_WORKER_NODE_FLAGS ?? PRODUCT_NODE_FLAGS).split(' ').filter(Boolean),
  );
  try {
    // Start-up has a short peak of its own; what a waiting worker holds is read once it settled.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const idle = workers.map((worker) => processMemory(worker.pid));
    const loadAverage = loadavg()[0];
    const { roundId } = await draftRound(app, audience.campaignId, [
      {
        titleSq: 'Takim informues me mësuesit e qarkut',
        titleEn: 'Information meeting with the county’s teachers',
        startInMs: 3600_000,
        audience: { institutionIds: [audience.institutionId] },
      },
    ]);
    const transactionsBefore = await databaseTransactions(app);
    const cpu = workflowCpuMeter(workers);
    const firstAccepted = acceptedAt(sink, 1, RUN_TIMEOUT_MS);
    const lastAccepted = acceptedAt(sink, CONTACTS, RUN_TIMEOUT_MS);

    const scheduleCalledAt = Date.now();
    const scheduled = await app.post(`/api/rounds/${roundId}/schedule`);
    const scheduleReturnedAt = Date.now();
    if (scheduled.status !== 200) throw new Error(`schedule: ${JSON.stringify(scheduled.body)}`);
    const failures = watchForFailures(app, roundId);
    const [firstAcceptedAt, lastAcceptedAt] = await Promise.race([
      Promise.all([firstAccepted, lastAccepted]),
      failures.failed,
      anyExit(workers),
    ]).finally(failures.stop);
    const peakRssMb = workers.map((worker) => processMemory(worker.pid).peakRssMb);
    const cpuUsed = cpu.read();

    // The benchmark's own statements in its database, left out of the count below.
    let lookUps = 0;
    const sent = await waitFor(
      'every message row to say sent',
      async () => {
        lookUps += 1;
        const n = await countMessages(app, roundId, 'sent');
        return n >= CONTACTS ? n : undefined;
      },
      60_000,
    );
    const invite = await stepTimeline(app, roundId, 'invite');
    lookUps += 1;
    // A duplicate would arrive after the last row was recorded; give it a moment to show.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return {
      workers: workerCount,
      stepId: invite.stepId,
      stepStartedAt: invite.startedAt,
      invitationsWrittenAt: invite.invitationsWrittenAt ?? invite.startedAt,
      messageRowsWrittenAt: invite.messageRowsWrittenAt,
      jobsEnqueuedAt: invite.finishedAt,
      scheduleCalledAt,
      scheduleReturnedAt,
      firstAcceptedAt,
      lastAcceptedAt,
      accepted: sink.received,
      sent,
      idleRssMb: idle.map((memory) => memory.rssMb),
      startupPeakRssMb: idle.map((memory) => memory.peakRssMb),
      peakRssMb,
      loadAverage,
      cpu: cpuUsed,
      databaseTransactions:
        (await databaseTransactions(app)) - transactionsBefore - failures.polls() - lookUps,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** One invitation exactly as a worker composed it: the app's templates, RSVP links and ICS. */
async function composeSample(app: TestApp, stepId: string): Promise<OutgoingMail> {
  const em = app.orm.em.fork();
  const message = await em.findOneOrFail(
    Message,
    { stepId, language: Language.Albanian },
    { populate: ['contact'] },
  );
  const step = await em.findOneOrFail(Step, { id: stepId });
  const round = await em.findOneOrFail(
    Round,
    { id: step.round.id },
    { populate: ['campaign', 'county', 'staff'] },
  );
  const contactId = (message.contact as NonNullable<Message['contact']>).id;
  const invitations = await invitationsByContact(em, step, [contactId]);
  return app.app
    .get(EmailComposer)
    .compose({ message, step, round, invitations: invitations.get(contactId) ?? [] }).mail;
}

/** The size on the wire of one e-mail, as nodemailer builds it. */
async function mimeBytes(mail: OutgoingMail): Promise<number> {
  const built = await new MailComposer({
    ...mail,
    icalEvent: mail.icalEvent && { ...mail.icalEvent, filename: 'invitation.ics' },
  })
    .compile()
    .build();
  return built.length;
}

/** Plain pooled nodemailer in a process of its own (see bench/baseline-sender.ts). */
async function runBaseline(
  sink: SmtpSink,
  mail: OutgoingMail,
  count: number,
): Promise<BaselineRun> {
  sink.reset();
  const loadAverage = loadavg()[0];
  const directory = mkdtempSync(join(tmpdir(), 'fushata-bench-baseline-'));
  const jobFile = join(directory, 'job.json');
  const job: BaselineJob = { smtpUrl: sink.url, mail, count, inFlight: SMTP_POOL_CONNECTIONS };
  writeFileSync(jobFile, JSON.stringify(job));
  try {
    const lastAccepted = acceptedAt(sink, count, RUN_TIMEOUT_MS);
    const child = spawn(process.execPath, [join(__dirname, 'bench/baseline-sender.js'), jobFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const cpu = new CpuMeter({
      sender: () => [child.pid as number],
      bench: () => [process.pid],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A sender that fails or dies ends before the sink has them all: stop waiting then.
    const allAccepted = await Promise.race([
      lastAccepted.then(() => true),
      exited.then(() => false),
    ]);
    const lastAcceptedAt = allAccepted ? await lastAccepted : 0;
    const cpuUsed = cpu.read();
    const code = await exited;
    if (code !== 0) throw new Error(`baseline sender exited with ${code}: ${output}`);
    const result = JSON.parse(output) as BaselineResult;
    if (result.failures > 0) {
      throw new Error(`baseline: ${result.failures} sends failed, first: ${result.firstError}`);
    }
    if (!allAccepted) throw new Error(`baseline: the sink accepted ${sink.received} of ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return {
      ...result,
      lastAcceptedAt,
      accepted: sink.received,
      mimeBytes: await mimeBytes(mail),
      cpu: cpuUsed,
      loadAverage,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const perSecond = (ms: number) => Math.round(CONTACTS / (ms / 1000));
/** E-mails a second from the invite step's start until the sink accepted the last one. */
const pipeline = (run: PipelineRun) => perSecond(run.lastAcceptedAt - run.stepStartedAt);
const baselineThroughput = (run: BaselineRun) => perSecond(run.lastAcceptedAt - run.startedAt);

function report(
  machine: Machine,
  app: TestApp,
  one: PipelineRun,
  two: PipelineRun,
  baseline: BaselineRun,
): void {
  const fromSchedule = (run: PipelineRun) => perSecond(run.lastAcceptedAt - run.scheduleCalledAt);
  const baselineRate = baselineThroughput(baseline);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mb = (values: number[]) => values.map((v) => `${Math.round(v)} MB`).join(' / ');
  const load = (value: number) => `load average ${value.toFixed(1)} at the start`;
  const cpu = (used: Record<string, number>) =>
    Object.entries(used)
      .map(([group, s]) => `${group} ${s.toFixed(1)}`)
      .join(', ');

  print();
  print('Machine');
  for (const line of machineLines(machine)) print(`  ${line}`);
  print(
    `  worker: SEND_CONCURRENCY=${app.config.sendConcurrency}, SEND_RATE_PER_SECOND=${SEND_RATE_PER_SECOND}, ` +
      `an SMTP pool of ${SMTP_POOL_CONNECTIONS} connections; the SMTP sink and the API run in the benchmark's process`,
  );
  print(
    `  e-mail: an invitation in Albanian with its ICS part, ${baseline.mimeBytes} bytes as sent`,
  );
  print();
  print(`Throughput: ${CONTACTS} e-mails, until the sink accepted the last one`);
  for (const run of [one, two]) {
    print(
      `  pipeline, ${run.workers} worker${run.workers > 1 ? 's' : ' '}: ${pipeline(run)} msg/s, ` +
        `${seconds(run.lastAcceptedAt - run.stepStartedAt)} from the invite step's started_at ` +
        `(${fromSchedule(run)} msg/s, ${seconds(run.lastAcceptedAt - run.scheduleCalledAt)} from the schedule call; ` +
        `${load(run.loadAverage)})`,
    );
  }
  print(
    `  baseline, plain pooled nodemailer, ${SMTP_POOL_CONNECTIONS} sends in flight: ${baselineRate} msg/s, ` +
      `${seconds(baseline.lastAcceptedAt - baseline.startedAt)} (${load(baseline.loadAverage)})`,
  );
  print(
    `  ratio pipeline (1 worker) / baseline: ${(pipeline(one) / baselineRate).toFixed(2)} (target ≥ 0.8)`,
  );
  print(
    `  scaling efficiency with 2 workers: ${(pipeline(two) / (2 * pipeline(one))).toFixed(2)} ` +
      `(throughput with 2 / (2 × throughput with 1))`,
  );
  print();
  print("Memory: VmHWM, the kernel's record of the highest resident set size");
  for (const run of [one, two]) {
    print(
      `  ${run.workers} worker process${run.workers > 1 ? 'es' : ''}: peak ${mb(run.peakRssMb)}` +
        `${run.workers === 1 ? ' (target < 300 MB)' : ''}; after start-up ${mb(run.startupPeakRssMb)}, ` +
        `waiting ${mb(run.idleRssMb)} resident`,
    );
  }
  print(`  baseline sender: peak ${mb([baseline.peakRssMb])}`);
  print();
  for (const run of [one, two]) {
    print(
      `Fan-out, ${run.workers} worker${run.workers > 1 ? 's' : ''}: milliseconds after the schedule call`,
    );
    const phases: Array<[number, string]> = [
      [run.scheduleReturnedAt, 'schedule call answered'],
      [run.stepStartedAt, 'invite step started (step.started_at)'],
      [run.invitationsWrittenAt, `${CONTACTS} invitations written`],
      [run.messageRowsWrittenAt, `${CONTACTS} message rows written`],
      [run.jobsEnqueuedAt, 'every send job enqueued, step done (step.finished_at)'],
      [run.firstAcceptedAt, 'first e-mail accepted'],
      [run.lastAcceptedAt, 'last e-mail accepted'],
    ];
    for (const [at, what] of phases.sort((a, b) => a[0] - b[0])) {
      print(`  ${String(at - run.scheduleCalledAt).padStart(7)}  ${what}`);
    }
    print(
      `  CPU seconds in ${seconds(run.lastAcceptedAt - run.scheduleCalledAt)}: ${cpu(run.cpu)} ` +
        '(bench: the API and the SMTP sink; postgres, redis: every such process on the machine)',
    );
    print(
      `  PostgreSQL transactions: ${run.databaseTransactions} (${(run.databaseTransactions / CONTACTS).toFixed(1)} per e-mail); ` +
        `accepted by the sink ${run.accepted}, recorded as sent ${run.sent}`,
    );
    print();
  }
  print(`Baseline: CPU seconds ${cpu(baseline.cpu)}; accepted by the sink ${baseline.accepted}`);
  const counts = [one, two, baseline].map((run) => run.accepted);
  if (counts.some((count) => count !== CONTACTS)) {
    throw new Error(`the sink accepted ${counts.join(', ')} e-mails, not ${CONTACTS} each`);
  }
}

/** The figures for BENCHMARKS.md (see bench/bench-result.ts). */
function record(machine: Machine, one: PipelineRun, two: PipelineRun, baseline: BaselineRun): void {
  const baselineRate = baselineThroughput(baseline);
  const against = `${baselineRate} msg/s`;
  const peakMb = Math.round(one.peakRssMb[0]);
  recordResult({
    name: 'fanout',
    title: 'Invitation fan-out',
    summary:
      `A round inviting ${CONTACTS.toLocaleString('en')} contacts, from the invite step's start to the ` +
      'last e-mail a local SMTP sink accepted, with one and two worker processes. Baseline: plain ' +
      'pooled nodemailer sending one pre-rendered invitation as many times, from a process of its own, ' +
      'to the same sink.',
    machine,
    figures: [
      {
        measure: 'pipeline, 1 worker',
        value: `${pipeline(one)} msg/s`,
        baseline: against,
        ratio: ratio(pipeline(one), baselineRate),
        target: 'ratio ≥ 0.8',
        met: pipeline(one) / baselineRate >= 0.8,
        loadAverage: one.loadAverage,
        baselineLoadAverage: baseline.loadAverage,
      },
      {
        measure: 'pipeline, 2 workers',
        value: `${pipeline(two)} msg/s`,
        baseline: against,
        ratio: ratio(pipeline(two), baselineRate),
        loadAverage: two.loadAverage,
        baselineLoadAverage: baseline.loadAverage,
      },
      {
        measure: 'scaling efficiency, 2 workers ÷ (2 × 1 worker)',
        value: (pipeline(two) / (2 * pipeline(one))).toFixed(2),
        loadAverage: two.loadAverage,
      },
      {
        measure: 'worker peak memory (VmHWM), 1 worker',
        value: `${peakMb} MB`,
        baseline: `${Math.round(baseline.peakRssMb)} MB (the sender)`,
        target: '< 300 MB',
        met: peakMb < 300,
        loadAverage: one.loadAverage,
      },
      {
        measure: 'PostgreSQL transactions per e-mail, 1 worker',
        value: (one.databaseTransactions / CONTACTS).toFixed(2),
        loadAverage: one.loadAverage,
      },
    ],
  });
}

runBench(main);
