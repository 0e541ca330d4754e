import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { TestApp } from '../test/support/test-app';
import {
  benchNames,
  BenchNames,
  cleanUpBench,
  runBench,
  startBenchApp,
} from './bench/bench-services';
import { describeMachine, Machine, machineLines } from './bench/machine';
import { ratio, recordResult } from './bench/bench-result';
import { ReportData, seedReportData } from './bench/report-data';
import { median } from './bench/stats';

/**
 * npm run bench:report — the campaign report of a campaign of 12 rounds,
 * each of 6 sessions and 1,000 invitations, in every format, and one held
 * round's report, timed over HTTP against the app in this process. The
 * baseline, in the same run on the same data, is PostgreSQL handing over
 * the rows the campaign report sums up. A benchmark, not a test: it says
 * whether the targets are met and fails only when a request does.
 */

const INVITATIONS_PER_ROUND = Number(process.env.BENCH_INVITATIONS_PER_ROUND ?? 1000);
/** Timed runs per figure, after one untimed warm-up. */
const RUNS = 5;
const JSON_TARGET_MS = 200;
const PDF_TARGET_MS = 2000;
const RAW_ROWS = `
  select i.id, i.status, i.responded_at, i.substitute_for_id,
         s.id as session_id, s.title_sq, s.title_en, s.starts_at, s.status as session_status,
         r.id as round_id, r.starts_on, r.status as round_status,
         c.full_name, c.position, inst.name as institution, m.present
    from invitation i
    join session s on s.id = i.session_id
    join round r on r.id = s.round_id
    join contact c on c.id = i.contact_id
    left join institution inst on inst.id = c.institution_id
    left join session_attendance sa on sa.session_id = s.id
    left join attendance_mark m on m.attendance_id = sa.id and m.invitation_id = i.id
   where r.campaign_id = $1`;
const PACKAGES = ['pdfkit', 'handlebars', 'csv-stringify', 'fflate', '@mikro-orm/core', 'pg'];

/** One timed run: milliseconds until the last byte arrived, and how many bytes. */
interface Run {
  ms: number;
  bytes: number;
}

/** The baseline's run: milliseconds until the last row arrived, and how many rows. */
interface BaselineRun {
  ms: number;
  rows: number;
}

interface Figure<T extends { ms: number } = Run> {
  label: string;
  runs: T[];
}

interface Case {
  label: string;
  path: string;
  targetMs?: number;
}

const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  if (!Number.isInteger(INVITATIONS_PER_ROUND) || INVITATIONS_PER_ROUND < 1) {
    throw new Error('BENCH_INVITATIONS_PER_ROUND must be a whole number of at least 1');
  }
  const names = benchNames('report');
  let app: TestApp | undefined;
  try {
    // Nothing is sent here, so the warning that no SMTP server is set would only clutter the figures.
    app = await startBenchApp(names, { PROCESS_ROLE: 'api', LOG_LEVEL: 'error' });
    await benchmark(app, names, loadAtStart);
  } finally {
    await cleanUpBench(names, app);
  }
}

async function benchmark(app: TestApp, names: BenchNames, loadAtStart: number): Promise<void> {
  const machine = await describeMachine(app.config.databaseUrl, app.config.redisUrl, PACKAGES);
  print(
    `Report benchmark: 12 rounds × 6 sessions, ${INVITATIONS_PER_ROUND} invitations a round ` +
      `(database ${names.database})`,
  );
  print('Seeding…');
  const seedingStarted = performance.now();
  const data = await seedReportData(app, INVITATIONS_PER_ROUND);
  const seedingMs = performance.now() - seedingStarted;

  const loadAtMeasuring = loadavg()[0];
  print('Measuring…');
  const baseline = await measureBaseline(app, data.campaignId);
  const cases = reportCases(data);
  const figures: Figure[] = [];
  for (const reportCase of cases) {
    figures.push(await measure(reportCase.label, () => fetchReport(app, reportCase.path)));
  }
  report(machine, data, seedingMs, [loadAtStart, loadAtMeasuring], baseline, cases, figures);
  record(machine, data, loadAtMeasuring, baseline, cases, figures);
}

/** The figures for BENCHMARKS.md (see bench/bench-result.ts). */
function record(
  machine: Machine,
  data: ReportData,
  loadAverage: number,
  baseline: Figure<BaselineRun>,
  cases: Case[],
  figures: Figure[],
): void {
  const baselineMs = median(baseline.runs.map((run) => run.ms));
  recordResult({
    name: 'report',
    title: 'Reports',
    summary:
      `The campaign report of ${data.rounds} rounds (${data.invitations.toLocaleString('en')} invitations) ` +
      "in every format, and a held round's report, over HTTP to the last byte: medians of " +
      `${RUNS} runs after a warm-up. Baseline: PostgreSQL handing a plain pg client the ` +
      `campaign's ${baseline.runs[0].rows.toLocaleString('en')} invitation rows joined to session, round, ` +
      'contact, institution and attendance mark.',
    machine,
    figures: cases.map((reportCase, index) => {
      const taken = median(figures[index].runs.map((run) => run.ms));
      return {
        measure: reportCase.label,
        value: `${taken.toFixed(0)} ms`,
        baseline: `${baselineMs.toFixed(0)} ms`,
        ratio: ratio(taken, baselineMs),
        ...(reportCase.targetMs !== undefined && {
          target: `< ${reportCase.targetMs >= 1000 ? `${reportCase.targetMs / 1000} s` : `${reportCase.targetMs} ms`}`,
          met: taken < reportCase.targetMs,
        }),
        loadAverage,
      };
    }),
  });
}

/** The campaign report in every format, then the last held round's, in Albanian. */
function reportCases(data: ReportData): Case[] {
  const campaign = `/api/campaigns/${data.campaignId}/report?lang=sq&format=`;
  const round = `/api/rounds/${data.heldRoundIds[data.heldRoundIds.length - 1]}/report?lang=sq&format=`;
  return [
    { label: 'campaign report, json', path: `${campaign}json`, targetMs: JSON_TARGET_MS },
    { label: 'campaign report, csv (zip)', path: `${campaign}csv` },
    { label: 'campaign report, html', path: `${campaign}html` },
    { label: 'campaign report, pdf', path: `${campaign}pdf`, targetMs: PDF_TARGET_MS },
    { label: 'round report, json', path: `${round}json` },
    { label: 'round report, pdf', path: `${round}pdf`, targetMs: PDF_TARGET_MS },
  ];
}

/** One warm-up, whose figure is dropped (first compilation, cold caches), then RUNS timed runs. */
async function measure<T extends { ms: number }>(
  label: string,
  once: () => Promise<T>,
): Promise<Figure<T>> {
  await once();
  const runs: T[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  return { label, runs };
}

/** A report as a client gets it: from the request until its last byte is read. */
async function fetchReport(app: TestApp, path: string): Promise<Run> {
  const started = performance.now();
  const response = await fetch(app.baseUrl + path, {
    headers: { authorization: `Bearer ${app.adminToken}` },
  });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) {
    throw new Error(`GET ${path}: ${response.status} ${Buffer.from(body).toString('utf8')}`);
  }
  return { ms, bytes: body.byteLength };
}

/**
 * What the campaign report sums up, in the raw: every invitation of the
 * campaign with its session, round, contact, institution and attendance
 * mark, handed over by PostgreSQL to a plain pg client on an open
 * connection, as the app's pool has one.
 */
async function measureBaseline(app: TestApp, campaignId: string): Promise<Figure<BaselineRun>> {
  const pg = new Client({ connectionString: app.config.databaseUrl });
  await pg.connect();
  try {
    return await measure('baseline', async () => {
      const started = performance.now();
      const result = await pg.query(RAW_ROWS, [campaignId]);
      return { ms: performance.now() - started, rows: result.rows.length };
    });
  } finally {
    await pg.end();
  }
}

function report(
  machine: Machine,
  data: ReportData,
  seedingMs: number,
  [loadAtStart, loadAtMeasuring]: [number, number],
  baseline: Figure<BaselineRun>,
  cases: Case[],
  figures: Figure[],
): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 2 ** 20).toFixed(2)} MiB`;
  const baselineMs = median(baseline.runs.map((run) => run.ms));

  print();
  print('Machine');
  for (const line of machineLines(machine)) print(`  ${line}`);
  print(
    `  load average ${loadAtStart.toFixed(2)} at the start, ${loadAtMeasuring.toFixed(2)} when measuring began`,
  );
  print();
  print(
    `Data: ${data.rounds} rounds (${data.heldRoundIds.length} held, the others drafts to come), ` +
      `${data.invitations} invitations of ${data.contacts} contacts, ${data.attendanceMarks} attendance marks, ` +
      `${data.walkIns} walk-ins`,
  );
  print(
    `  seeded in ${(seedingMs / 1000).toFixed(1)} s: ${data.apiCalls} API calls, the rest in set-based inserts`,
  );
  print();
  print(
    `Baseline: PostgreSQL hands over the campaign's ${baseline.runs[0].rows} invitation rows, joined to ` +
      `session, round, contact, institution and attendance mark`,
  );
  print(
    `  median ${ms(baselineMs)}, min ${ms(Math.min(...baseline.runs.map((run) => run.ms)))} (${RUNS} runs after one warm-up)`,
  );
  print(
    '  (the reports count in PostgreSQL rather than fetch these rows, so a ratio below 1 is possible)',
  );
  print();
  print(`Reports over HTTP, lang=sq: ${RUNS} runs after one warm-up, until the last byte was read`);
  print(
    `  ${'report'.padEnd(28)}${'median'.padStart(11)}${'min'.padStart(11)}${'size'.padStart(12)}${'× baseline'.padStart(12)}`,
  );
  for (const figure of figures) {
    const times = figure.runs.map((run) => run.ms);
    print(
      `  ${figure.label.padEnd(28)}${ms(median(times)).padStart(11)}${ms(Math.min(...times)).padStart(11)}` +
        `${size(figure.runs[0].bytes).padStart(12)}${(median(times) / baselineMs).toFixed(1).padStart(12)}`,
    );
  }
  print();
  print('Targets (median)');
  for (const [index, reportCase] of cases.entries()) {
    if (reportCase.targetMs === undefined) continue;
    const taken = median(figures[index].runs.map((run) => run.ms));
    const met = taken < reportCase.targetMs;
    print(
      `  ${reportCase.label} under ${reportCase.targetMs} ms: ${met ? 'met' : 'NOT met'} (${ms(taken)})`,
    );
  }
}

runBench(main);
