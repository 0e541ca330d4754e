import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { draftRound, fastCampaign } from '../test/support/round-fixture';
import { TestApp } from '../test/support/test-app';
import { createInstitutionAudience } from './bench/audience';
import { ratio, recordResult } from './bench/bench-result';
import { runBench, withBenchApp } from './bench/bench-services';
import { Machine, machineLines } from './bench/machine';
import { installRoundTripCounter, RoundTrips, roundTripsSince } from './bench/round-trips';
import { median } from './bench/stats';
import { databaseTransactions } from './bench/workflow-run';

/**
 * npm run bench:schedule — POST /api/rounds/:id/schedule for a round whose
 * session invites an institution of 10,000 contacts: the HTTP call's wall
 * time, and the statements and transactions that reach PostgreSQL during
 * it, against a round of 10 contacts and against one plain INSERT … SELECT
 * of the 10,000 invitations through pg, in the same run. A benchmark, not a
 * test: it fails only when a call does.
 */

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 10_000);
const SMALL_AUDIENCE = 10;
/** Timed calls per audience, after one untimed warm-up. */
const RUNS = 5;
const TARGET_MS = 3000;
/** Until every backend reported its transactions (see databaseTransactions): 10 s idle, and a margin. */
const STATISTICS_SETTLE_MS = 12_000;
const PACKAGES = ['@mikro-orm/core', 'pg', 'bullmq', 'ioredis', '@nestjs/core', 'fastify'];

interface Audience {
  label: string;
  institutionId: string;
  contacts: number;
}

interface Calls {
  audience: Audience;
  /** Wall time of each timed call, from sending the request to reading the answer. */
  wallMs: number[];
  /** What each call sent, counted in this process (the API runs here). */
  roundTrips: RoundTrips[];
  /**
   * pg_stat_database's transactions over all the timed calls, per call: the
   * server's count, which also has autovacuum's, as a check of the one above.
   */
  serverTransactionsPerCall: number;
  loadAverage: number;
}

interface Baseline {
  ms: number[];
  rows: number;
  loadAverage: number;
}

const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  if (!Number.isInteger(CONTACTS) || CONTACTS < 1) {
    throw new Error('BENCH_CONTACTS must be a whole number of at least 1');
  }
  // No worker: the steps stay on the queue, which the benchmark's prefix keeps apart.
  const env = { PROCESS_ROLE: 'api', LOG_LEVEL: 'error' };
  await withBenchApp('schedule', env, PACKAGES, async ({ app, names, machine }) => {
    print(`Schedule benchmark: a round for ${CONTACTS} contacts (database ${names.database})`);
    print(`Setting up ${CONTACTS} and ${SMALL_AUDIENCE} contacts…`);
    const large: Audience = {
      label: `${CONTACTS.toLocaleString('en')} contacts`,
      institutionId: await createInstitutionAudience(app, CONTACTS),
      contacts: CONTACTS,
    };
    const small: Audience = {
      label: `${SMALL_AUDIENCE} contacts`,
      institutionId: await createInstitutionAudience(app, SMALL_AUDIENCE, {
        name: 'Shkolla 9-vjeçare “Naim Frashëri”, Elbasan',
        emailDomain: 'naim-frasheri.example.al',
      }),
      contacts: SMALL_AUDIENCE,
    };
    // Invitation, two reminders, attendance opening, follow-up and report: all ahead, all pending.
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'PT20H',
      reminders: [
        { before: 'PT12H', audience: 'non_responders' },
        { before: 'PT2H', audience: 'accepted' },
      ],
    });
    installRoundTripCounter();
    print('Measuring…');
    const calls = [
      await scheduleCalls(app, campaignId, large),
      await scheduleCalls(app, campaignId, small),
    ];
    const baseline = await measureBaseline(app, campaignId, large);
    report(machine, calls, baseline);
    record(machine, calls, baseline);
  });
}

/**
 * Drafts 1 + RUNS rounds whose one session, a day away, invites the
 * audience; schedules the first untimed, then the others one after the
 * other with nothing else reaching the database in between.
 */
async function scheduleCalls(app: TestApp, campaignId: string, audience: Audience): Promise<Calls> {
  const roundIds: string[] = [];
  for (let i = 0; i <= RUNS; i++) roundIds.push(await draftFor(app, campaignId, audience));
  await schedule(app, roundIds[0]);

  const transactionsBefore = await databaseTransactions(app, STATISTICS_SETTLE_MS);
  const loadAverage = loadavg()[0];
  const wallMs: number[] = [];
  const roundTrips: RoundTrips[] = [];
  for (const roundId of roundIds.slice(1)) {
    const before = roundTripsSince();
    const started = performance.now();
    await schedule(app, roundId);
    wallMs.push(performance.now() - started);
    roundTrips.push(roundTripsSince(before));
  }
  const transactions = (await databaseTransactions(app, STATISTICS_SETTLE_MS)) - transactionsBefore;
  return {
    audience,
    wallMs,
    roundTrips,
    serverTransactionsPerCall: transactions / RUNS,
    loadAverage,
  };
}

async function draftFor(app: TestApp, campaignId: string, audience: Audience): Promise<string> {
  const { roundId } = await draftRound(app, campaignId, [
    {
      titleSq: 'Takim informues me mësuesit e qarkut',
      titleEn: 'Information meeting with the county’s teachers',
      startInMs: 24 * 3600_000,
      audience: { institutionIds: [audience.institutionId] },
    },
  ]);
  const preview = await app.get(`/api/rounds/${roundId}/audience-preview`);
  if (preview.body.totalContacts !== audience.contacts) {
    throw new Error(`audience preview: ${JSON.stringify(preview.body)}`);
  }
  return roundId;
}

async function schedule(app: TestApp, roundId: string): Promise<void> {
  const response = await app.post(`/api/rounds/${roundId}/schedule`);
  if (response.status !== 200) {
    throw new Error(`schedule: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/**
 * The least it takes PostgreSQL to write a round's invitations: one INSERT
 * … SELECT of a session's invitation for each of the institution's contacts,
 * from a plain pg client on an open connection, rolled back each time. The
 * schedule call writes none (the invite step does, when it is due), so this
 * is what scheduling would cost if it resolved the audience itself.
 */
async function measureBaseline(
  app: TestApp,
  campaignId: string,
  audience: Audience,
): Promise<Baseline> {
  const roundId = await draftFor(app, campaignId, audience);
  const pg = new Client({ connectionString: app.config.databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ id: string }>('select id from session where round_id = $1', [
      roundId,
    ]);
    const loadAverage = loadavg()[0];
    const times: number[] = [];
    let inserted = 0;
    for (let i = 0; i <= RUNS; i++) {
      await pg.query('begin');
      const started = performance.now();
      const result = await pg.query(
        `insert into invitation (id, session_id, contact_id, status, created_at)
         select gen_random_uuid(), $1, c.id, 'pending', now()
           from contact c
          where c.institution_id = $2 and not c.opted_out and c.archived_at is null`,
        [rows[0].id, audience.institutionId],
      );
      const ms = performance.now() - started;
      await pg.query('rollback');
      inserted = result.rowCount ?? 0;
      // The first is a warm-up.
      if (i > 0) times.push(ms);
    }
    if (inserted !== audience.contacts) throw new Error(`the baseline inserted ${inserted} rows`);
    return { ms: times, rows: inserted, loadAverage };
  } finally {
    await pg.end();
  }
}

/** "12" when every call sent as many, "12–14" when they differed. */
function range(values: number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function report(machine: Machine, calls: Calls[], baseline: Baseline): void {
  const baselineMs = median(baseline.ms);
  print();
  print('Machine');
  for (const line of machineLines(machine)) print(`  ${line}`);
  print(
    `  load average when measuring began: ${calls.map((c) => c.loadAverage.toFixed(2)).join(', ')}, ` +
      `${baseline.loadAverage.toFixed(2)} (baseline)`,
  );
  print();
  print(
    `POST /api/rounds/:id/schedule over HTTP, a round of one session a day away with six steps to plan: ` +
      `${RUNS} calls each after one warm-up`,
  );
  print(
    `  ${'audience'.padEnd(18)}${'median'.padStart(10)}${'max'.padStart(10)}${'× baseline'.padStart(12)}` +
      `${'pg statements'.padStart(15)}${'transactions'.padStart(14)}${'(server)'.padStart(10)}` +
      `${'Redis commands'.padStart(16)}${'round trips'.padStart(13)}`,
  );
  for (const call of calls) {
    const trips = call.roundTrips;
    print(
      `  ${call.audience.label.padEnd(18)}${ms(median(call.wallMs)).padStart(10)}${ms(Math.max(...call.wallMs)).padStart(10)}` +
        `${ratio(median(call.wallMs), baselineMs).padStart(12)}` +
        `${range(trips.map((t) => t.postgresStatements)).padStart(15)}` +
        `${range(trips.map((t) => t.postgresTransactions)).padStart(14)}` +
        `${call.serverTransactionsPerCall.toFixed(1).padStart(10)}` +
        `${range(trips.map((t) => t.redisCommands)).padStart(16)}${range(trips.map((t) => t.redisRoundTrips)).padStart(13)}`,
    );
  }
  print(
    '  (statements, transactions and Redis commands counted in the drivers of the process the API ' +
      "runs in; (server): pg_stat_database's transactions over the timed calls, a call, autovacuum's included)",
  );
  print();
  print(
    `Baseline: one INSERT … SELECT of ${baseline.rows} invitations through pg, rolled back: ` +
      `median ${ms(baselineMs)}, max ${ms(Math.max(...baseline.ms))}`,
  );
  print();
  const taken = median(calls[0].wallMs);
  print(
    `Target: under ${TARGET_MS} ms for ${calls[0].audience.label}: ` +
      `${Math.max(...calls[0].wallMs) < TARGET_MS ? 'met' : 'NOT met'} (median ${ms(taken)}, max ${ms(Math.max(...calls[0].wallMs))})`,
  );
}

/** The figures for BENCHMARKS.md (see bench/bench-result.ts). */
function record(machine: Machine, calls: Calls[], baseline: Baseline): void {
  const baselineMs = median(baseline.ms);
  const [large] = calls;
  recordResult({
    name: 'schedule',
    title: 'Scheduling a round',
    summary:
      `POST /api/rounds/:id/schedule over HTTP for a round whose session invites ` +
      `${large.audience.label} (and, for comparison, ${SMALL_AUDIENCE}), ${RUNS} calls after a warm-up; ` +
      "PostgreSQL statements and Redis commands counted in the API process's drivers. Baseline: one " +
      `plain INSERT … SELECT of the ${baseline.rows.toLocaleString('en')} invitations through pg, rolled back.`,
    machine,
    figures: calls.flatMap((call) => {
      const wall = median(call.wallMs);
      const max = Math.max(...call.wallMs);
      const target = call === large;
      const against = {
        baseline: ms(baselineMs),
        loadAverage: call.loadAverage,
        baselineLoadAverage: baseline.loadAverage,
      };
      return [
        {
          measure: `schedule call, ${call.audience.label}: median (max)`,
          value: `${ms(wall)} (${ms(max)})`,
          ratio: ratio(wall, baselineMs),
          ...against,
          ...(target ? { target: `< ${TARGET_MS / 1000} s`, met: max < TARGET_MS } : {}),
        },
        {
          measure: `PostgreSQL statements (transactions) a call, ${call.audience.label}`,
          value: `${range(call.roundTrips.map((t) => t.postgresStatements))} (${range(call.roundTrips.map((t) => t.postgresTransactions))})`,
          baseline: '1',
          loadAverage: call.loadAverage,
        },
        {
          measure: `Redis commands (round trips) a call, ${call.audience.label}`,
          value: `${range(call.roundTrips.map((t) => t.redisCommands))} (${range(call.roundTrips.map((t) => t.redisRoundTrips))})`,
          loadAverage: call.loadAverage,
        },
      ];
    }),
  });
}

runBench(main);
