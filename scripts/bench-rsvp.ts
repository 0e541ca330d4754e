import 'reflect-metadata';
import { linkPath } from '../test/support/invited-round';
import { pageRequest } from '../test/support/page-request';
import { draftRound, fastCampaign } from '../test/support/round-fixture';
import { SmtpSink } from '../test/support/smtp-sink';
import { TestApp } from '../test/support/test-app';
import { createInstitutionAudience } from './bench/audience';
import { ratio, recordResult } from './bench/bench-result';
import { BenchContext, runBench, startWorkers, withBenchApp } from './bench/bench-services';
import type { Rotation } from './bench/load-process';
import { appIdle, loadFigure, Measured, measureLoad } from './bench/load-run';
import { Machine, machineLines } from './bench/machine';
import { scheduleAndInvite } from './bench/workflow-run';

/**
 * npm run bench:rsvp — invitees answering through the RSVP page their
 * e-mail links to (POST /rsvp/:token, the form's "I will attend" and "I
 * cannot attend"), 100 connections from autocannon in a second process on
 * loopback, each request a different invitation of a round of 10,000 with
 * its real signed token. The baseline, in the same run, is the lightest
 * route of the same application: its style sheet, sent from memory. A
 * benchmark, not a test: it fails only when a request does.
 */

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 50;
/** Setting up: the invitations go out through a worker process, as the product sends them. */
const SEND_RATE_PER_SECOND = '100000';
const INVITE_TIMEOUT_MS = 15 * 60_000;
const PACKAGES = [
  'fastify',
  '@nestjs/core',
  '@nestjs/throttler',
  '@mikro-orm/core',
  'pg',
  'bullmq',
  'autocannon',
];

interface Case {
  label: string;
  /** The one path every request asks for, or the invitations' paths in rotation. */
  path?: string;
  rotation?: Rotation;
  /** Every response must have this status. */
  status: number;
}

const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  if (
    !Number.isInteger(CONTACTS) ||
    !Number.isInteger(CONNECTIONS) ||
    CONNECTIONS < 1 ||
    // Each connection answers a different invitation from the others at any moment.
    CONTACTS < 10 * CONNECTIONS ||
    !(DURATION_SECONDS > 0)
  ) {
    throw new Error(
      'BENCH_CONNECTIONS must be a whole number of at least 1, BENCH_CONTACTS at least ten times ' +
        'as many, BENCH_DURATION_SECONDS above 0',
    );
  }
  const env = {
    PROCESS_ROLE: 'api',
    LOG_LEVEL: 'error',
    SEND_RATE_PER_SECOND,
    // The pages' rate limit counts per client address: each invitee answers from their own.
    TRUST_PROXY_HOPS: '1',
  };
  await withBenchApp('rsvp', env, PACKAGES, benchmark);
}

async function benchmark({ app, names, sink, machine }: BenchContext): Promise<void> {
  print(
    `RSVP benchmark: answers to a round of ${CONTACTS} invitations (database ${names.database})`,
  );
  print(`Setting up ${CONTACTS} contacts, and sending their invitations through a worker process…`);
  const roundId = await invitedRound(app, sink);
  const paths = await rsvpPaths(app, roundId);
  await checkAnswer(app, paths[0]);

  const cases: Case[] = [
    { label: 'baseline: style sheet', path: '/app/assets/dashboard.css', status: 200 },
    { label: 'answer page (GET /rsvp/:token)', rotation: { method: 'GET', paths }, status: 200 },
    {
      label: 'answer (POST /rsvp/:token)',
      rotation: {
        method: 'POST',
        paths,
        forms: [{ answer: 'accept' }, { answer: 'decline' }],
      },
      status: 303,
    },
  ];
  print(
    `Measuring from a second process: ${CONNECTIONS} connections, each asking again as soon as it is ` +
      `answered; ${WARM_UP_SECONDS} s warm-up, then ${DURATION_SECONDS} s a case…`,
  );
  const results: Measured[] = [];
  for (const rsvpCase of cases) {
    results.push(
      await measureLoad({
        url: app.baseUrl + (rsvpCase.path ?? ''),
        headers: {},
        connections: CONNECTIONS,
        warmUpSeconds: WARM_UP_SECONDS,
        durationSeconds: DURATION_SECONDS,
        rotation: rsvpCase.rotation,
      }),
    );
    await appIdle();
  }
  const recorded = await answersRecorded(app, roundId);
  report(machine, cases, results, recorded);

  const failed = cases.filter((rsvpCase, index) => {
    const { load } = results[index];
    return load.errors > 0 || (load.statusCodes[rsvpCase.status] ?? 0) !== load.requests;
  });
  if (failed.length > 0) {
    throw new Error(`requests failed: ${failed.map((c) => c.label).join(', ')} (see above)`);
  }
  record(machine, results);
}

/**
 * A round whose one session, three hours away, invites an institution of
 * CONTACTS people, scheduled and invited by the real workflow: a worker
 * process runs the invite step and sends every invitation to the sink; it
 * stops before anything is measured, so that only the API and its
 * databases use the machine then.
 */
async function invitedRound(app: TestApp, sink: SmtpSink): Promise<string> {
  const institutionId = await createInstitutionAudience(app, CONTACTS);
  const campaignId = await fastCampaign(app, { inviteBefore: 'PT4H', reminders: [] });
  const { roundId } = await draftRound(app, campaignId, [
    {
      titleSq: 'Takim informues me mësuesit e qarkut',
      titleEn: 'Information meeting with the county’s teachers',
      startInMs: 3 * 3600_000,
      audience: { institutionIds: [institutionId] },
    },
  ]);
  const workers = await startWorkers(app.config, 1, { SEND_RATE_PER_SECOND }, [
    '--max-old-space-size=256',
  ]);
  try {
    await scheduleAndInvite({ app, sink, workers, roundId }, CONTACTS, INVITE_TIMEOUT_MS);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  // The planner's statistics, as autovacuum would have them on a database in use.
  await app.orm.em.getConnection().execute('analyze');
  return roundId;
}

/** The RSVP link of each invitation of the round, as the invitation e-mails carry them. */
async function rsvpPaths(app: TestApp, roundId: string): Promise<string[]> {
  const invitations = await app.orm.em
    .getConnection()
    .execute<Array<{ id: string }>>(
      'select i.id from invitation i join session s on s.id = i.session_id where s.round_id = ? order by i.id',
      [roundId],
    );
  if (invitations.length !== CONTACTS) {
    throw new Error(`${invitations.length} invitations, not ${CONTACTS}`);
  }
  return invitations.map(({ id }) => linkPath(app, 'rsvp', id));
}

/** An answer as a browser posts it: 303 to the page, which then shows it. */
async function checkAnswer(app: TestApp, path: string): Promise<void> {
  const posted = await pageRequest(app.baseUrl, '10.255.255.1', 'POST', path, {
    answer: 'accept',
  });
  const page = await pageRequest(app.baseUrl, '10.255.255.1', 'GET', `${path}?done=1`);
  if (posted.status !== 303 || page.status !== 200) {
    throw new Error(`answering ${path}: ${posted.status} ${posted.body.slice(0, 500)}`);
  }
}

/** Answers recorded in the round's histories, and the confirmations they queued. */
async function answersRecorded(app: TestApp, roundId: string) {
  const [row] = await app.orm.em
    .getConnection()
    .execute<Array<{ answers: string; confirmations: string }>>(
      `select (select count(*) from invitation_response r
               join invitation i on i.id = r.invitation_id
               join session s on s.id = i.session_id
              where s.round_id = ?) as answers,
            (select count(*) from message where round_id = ? and template = 'answer-confirmation') as confirmations`,
      [roundId, roundId],
    );
  return { answers: Number(row.answers), confirmations: Number(row.confirmations) };
}

function report(
  machine: Machine,
  cases: Case[],
  results: Measured[],
  recorded: { answers: number; confirmations: number },
): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const [baseline] = results;
  print();
  print('Machine');
  for (const line of machineLines(machine)) print(`  ${line}`);
  print(
    `  load average when each case's measuring began: ${results.map((r) => r.loadAverage.toFixed(2)).join(', ')}`,
  );
  print();
  print(
    `${CONNECTIONS} connections from autocannon in a second process, ${DURATION_SECONDS} s each after ` +
      `${WARM_UP_SECONDS} s of warm-up; each invitation from a client address of its own (X-Forwarded-For)`,
  );
  print(
    `  ${'case'.padEnd(34)}${'req/s'.padStart(8)}${'p50'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}` +
      `${'statuses'.padStart(14)}${'errors'.padStart(8)}${'req/s ×'.padStart(9)}`,
  );
  for (const [index, { load }] of results.entries()) {
    const statuses = Object.entries(load.statusCodes)
      .map(([code, n]) => `${n} ${code}`)
      .join(', ');
    print(
      `  ${cases[index].label.padEnd(34)}${load.requestsPerSecond.toFixed(0).padStart(8)}` +
        `${ms(load.latency.p50).padStart(8)}${ms(load.latency.p99).padStart(8)}${ms(load.latency.max).padStart(8)}` +
        `${statuses.padStart(14)}${String(load.errors).padStart(8)}` +
        `${(load.requestsPerSecond / baseline.load.requestsPerSecond).toFixed(3).padStart(9)}`,
    );
  }
  print(
    `  answers recorded in the invitations' histories: ${recorded.answers}; ` +
      `confirmation e-mails queued: ${recorded.confirmations}`,
  );
  print();
  print(
    `Where the CPU went during each measured run, in cores (of ${machine.cores}), and the app's CPU a request`,
  );
  print(
    `  ${'case'.padEnd(34)}${'app'.padStart(7)}${'app loop busy'.padStart(15)}${'load generator'.padStart(16)}` +
      `${'postgres'.padStart(10)}${'redis'.padStart(8)}${'app CPU a request'.padStart(19)}`,
  );
  for (const [index, result] of results.entries()) {
    print(
      `  ${cases[index].label.padEnd(34)}${result.cores.app.toFixed(2).padStart(7)}` +
        `${`${(result.appLoopBusy * 100).toFixed(0)} %`.padStart(15)}` +
        `${result.cores['load generator'].toFixed(2).padStart(16)}${result.cores.postgres.toFixed(2).padStart(10)}` +
        `${result.cores.redis.toFixed(2).padStart(8)}${`${appCpuMs(result).toFixed(2)} ms`.padStart(19)}`,
    );
  }
  print();
  const answers = results[2].load;
  const shareOfBaseline = answers.requestsPerSecond / baseline.load.requestsPerSecond;
  print(
    `Targets for the answers: ≥ ${RATIO_TARGET} × the baseline's requests a second, p99 < ${P99_TARGET_MS} ms`,
  );
  print(
    `  throughput: ${shareOfBaseline >= RATIO_TARGET ? 'met' : 'NOT met'} (${shareOfBaseline.toFixed(3)})`,
  );
  print(
    `  p99: ${answers.latency.p99 < P99_TARGET_MS ? 'met' : 'NOT met'} (${ms(answers.latency.p99)})`,
  );
  // Little's law: with every connection waiting on its answer, latency is connections ÷ throughput.
  print(
    `  (with ${CONNECTIONS} requests always in flight, each takes ${CONNECTIONS} ÷ throughput on average: ` +
      `under ${P99_TARGET_MS} ms takes more than ${Math.ceil(CONNECTIONS / (P99_TARGET_MS / 1000))} answers a second)`,
  );
}

/**
 * Milliseconds of the app's CPU a request: unlike requests a second, it
 * holds when other work on the machine takes the app's core away.
 */
function appCpuMs({ cores, load }: Measured): number {
  return (cores.app * load.seconds * 1000) / load.requests;
}

/** The figures for BENCHMARKS.md (see bench/bench-result.ts). */
function record(machine: Machine, results: Measured[]): void {
  const [baseline, page, answers] = results;
  const met =
    answers.load.requestsPerSecond / baseline.load.requestsPerSecond >= RATIO_TARGET &&
    answers.load.latency.p99 < P99_TARGET_MS;
  recordResult({
    name: 'rsvp',
    title: 'RSVP answers',
    summary:
      'Invitees answering through the page their e-mail links to (POST /rsvp/:token with "I will ' +
      `attend", then "I cannot attend"), ${CONNECTIONS} connections from autocannon in a second ` +
      `process, each request another of a round's ${CONTACTS.toLocaleString('en')} invitations with ` +
      'its signed token, from an address of its own; the API alone runs (no worker). Baseline: the ' +
      "app's lightest route, its style sheet (GET /app/assets/dashboard.css, 14 KB from memory).",
    machine,
    figures: [
      loadFigure('answer (POST /rsvp/:token → 303)', answers, baseline, {
        target: `ratio ≥ ${RATIO_TARGET}, p99 < ${P99_TARGET_MS} ms`,
        met,
      }),
      loadFigure('answer page (GET /rsvp/:token)', page, baseline),
      {
        measure: "the app's CPU an answer (a page)",
        value: `${appCpuMs(answers).toFixed(1)} ms (${appCpuMs(page).toFixed(1)} ms)`,
        baseline: `${appCpuMs(baseline).toFixed(2)} ms`,
        ratio: ratio(appCpuMs(answers), appCpuMs(baseline)),
        loadAverage: answers.loadAverage,
        baselineLoadAverage: baseline.loadAverage,
      },
    ],
  });
}

runBench(main);
