import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { csrfIn } from '../test/support/dashboard-session';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from '../test/support/test-app';
import {
  benchNames,
  BenchNames,
  cleanUpBench,
  runBench,
  startBenchApp,
} from './bench/bench-services';
import { recordResult } from './bench/bench-result';
import { appIdle, loadFigure, Measured, measureLoad } from './bench/load-run';
import { describeMachine, Machine, machineLines } from './bench/machine';
import { PagesData, seedPagesData } from './bench/pages-data';

/**
 * npm run bench:pages — the round page of a round with 1,000 invitations,
 * and its invitations table filtered and paged, under 50 concurrent
 * connections from autocannon in a second process on loopback. The baseline,
 * in the same run, is the sign-in page: the same app, framework, renderer and
 * layout, no session and no database. A benchmark, not a test: it says
 * whether the target is met and fails only when a request does.
 */

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const WARM_UP_SECONDS = 3;
const P99_TARGET_MS = 100;
const PACKAGES = ['fastify', '@nestjs/core', 'handlebars', '@mikro-orm/core', 'pg', 'autocannon'];

interface Case {
  label: string;
  path: string;
  /** Checked before measuring: the page itself, not a redirect or an error page. */
  marker: string;
  /** Rows of the invitations table the page must show. */
  invitationRows?: number;
  /** The round's pages are what the target is about; the baseline is not. */
  target: boolean;
}

const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  if (!Number.isInteger(CONNECTIONS) || CONNECTIONS < 1 || !(DURATION_SECONDS > 0)) {
    throw new Error(
      'BENCH_CONNECTIONS must be a whole number of at least 1, BENCH_DURATION_SECONDS above 0',
    );
  }
  const names = benchNames('pages');
  let app: TestApp | undefined;
  try {
    // No worker in this process: the invite step runs in a worker process during seeding only.
    app = await startBenchApp(names, { PROCESS_ROLE: 'api', LOG_LEVEL: 'error' });
    await benchmark(app, names, loadAtStart);
  } finally {
    await cleanUpBench(names, app);
  }
}

async function benchmark(app: TestApp, names: BenchNames, loadAtStart: number): Promise<void> {
  const machine = await describeMachine(app.config.databaseUrl, app.config.redisUrl, PACKAGES);
  print(
    `Page benchmark: the round page of a round with 1,000 invitations (database ${names.database})`,
  );
  print('Seeding…');
  const seedingStarted = performance.now();
  const data = await seedPagesData(app);
  const seedingMs = performance.now() - seedingStarted;

  const cookie = await signIn(app);
  const cases = pageCases(data);
  for (const pageCase of cases) await checkPage(app, cookie, pageCase);

  print(
    `Measuring from a second process: ${loadDescription()}; ${WARM_UP_SECONDS} s warm-up, then ${DURATION_SECONDS} s a page…`,
  );
  const results: Measured[] = [];
  for (const pageCase of cases) {
    results.push(await measure(app, cookie, pageCase));
    await appIdle();
  }
  report(machine, data, seedingMs, loadAtStart, cases, results);

  const failed = results.filter(({ load }) => load.errors + load.non2xx > 0);
  if (failed.length > 0) {
    throw new Error(`requests failed on ${failed.length} page(s): see errors and non-2xx above`);
  }
  record(machine, cases, results);
}

/** The figures for BENCHMARKS.md (see bench/bench-result.ts). */
function record(machine: Machine, cases: Case[], results: Measured[]): void {
  const [baseline] = results;
  recordResult({
    name: 'pages',
    title: 'Dashboard pages',
    summary:
      'The round page of a scheduled round with 1,000 invitations (and its invitations table ' +
      `filtered and paged), signed in, under ${loadDescription()}, from autocannon in a second ` +
      `process, ${DURATION_SECONDS} s after ${WARM_UP_SECONDS} s of warm-up. Baseline: the sign-in page, the ` +
      'same app, renderer and layout with no session and no query.',
    machine,
    figures: cases.flatMap((pageCase, index) => {
      if (!pageCase.target) return [];
      const p99 = results[index].load.latency.p99;
      const met = results[index].load.requests > 0 && p99 < P99_TARGET_MS;
      return [
        loadFigure(pageCase.label, results[index], baseline, {
          target: `p99 < ${P99_TARGET_MS} ms`,
          met,
        }),
      ];
    }),
  });
}

/** The baseline first, then the round page as a coordinator opens it, then its invitations table at work. */
function pageCases(data: PagesData): Case[] {
  const round = `/app/rounds/${data.roundId}`;
  const rows = (count: number) => ({ marker: 'id="invitations-heading"', invitationRows: count });
  return [
    {
      label: 'baseline: sign-in page',
      path: '/app/sign-in',
      marker: 'name="password"',
      target: false,
    },
    { label: 'round page', path: round, ...rows(25), target: true },
    {
      label: 'one session, accepted, page 2',
      path: `${round}?sessionId=${data.sessionIds[1]}&answer=accepted&invitationsOffset=25`,
      ...rows(25),
      target: true,
    },
    {
      label: 'invitations, 200 a page',
      path: `${round}?invitationsLimit=200`,
      ...rows(200),
      target: true,
    },
  ];
}

/**
 * Signs in through the dashboard's form, as a browser does: the sign-in
 * page sets the CSRF cookie, the form post sets the session cookie.
 * Returns the Cookie header that carries both.
 */
async function signIn(app: TestApp): Promise<string> {
  const page = await fetch(`${app.baseUrl}/app/sign-in`);
  let cookies = cookiesAfter(page, new Map());
  const form = new URLSearchParams({
    _csrf: csrfIn(await page.text()),
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
    next: '/app',
  });
  const signedIn = await fetch(`${app.baseUrl}/app/sign-in`, {
    method: 'POST',
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(cookies) },
    redirect: 'manual',
  });
  if (signedIn.status !== 303) {
    throw new Error(`sign-in: ${signedIn.status} ${await signedIn.text()}`);
  }
  cookies = cookiesAfter(signedIn, cookies);
  return cookieHeader(cookies);
}

function cookiesAfter(response: Response, previous: Map<string, string>): Map<string, string> {
  const jar = new Map(previous);
  for (const header of response.headers.getSetCookie()) {
    const [name, value] = header.split(';')[0].split(/=(.*)/s);
    jar.set(name, value);
  }
  return jar;
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** A 200 with the page's own content and, for the round's pages, as many invitation rows as asked. */
async function checkPage(app: TestApp, cookie: string, pageCase: Case): Promise<void> {
  const response = await fetch(app.baseUrl + pageCase.path, {
    headers: { cookie },
    redirect: 'manual',
  });
  const html = await response.text();
  const problem =
    response.status !== 200
      ? `${response.status} ${response.headers.get('location') ?? html.slice(0, 500)}`
      : !html.includes(pageCase.marker)
        ? `no ${pageCase.marker} in the page`
        : pageCase.invitationRows !== undefined && invitationRows(html) !== pageCase.invitationRows
          ? `${invitationRows(html)} invitation rows instead of ${pageCase.invitationRows}`
          : null;
  if (problem) throw new Error(`GET ${pageCase.path}: ${problem}`);
}

/** Rows of the invitations section's table: one row header each. */
function invitationRows(html: string): number {
  const start = html.indexOf('<section id="invitations"');
  const section = html.slice(start, html.indexOf('</section>', start));
  return section.split('<th scope="row">').length - 1;
}

/** One page under load, as the signed-in admin (see bench/load-run.ts). */
function measure(app: TestApp, cookie: string, pageCase: Case): Promise<Measured> {
  return measureLoad({
    url: app.baseUrl + pageCase.path,
    headers: { cookie },
    connections: CONNECTIONS,
    warmUpSeconds: WARM_UP_SECONDS,
    durationSeconds: DURATION_SECONDS,
  });
}

function report(
  machine: Machine,
  data: PagesData,
  seedingMs: number,
  loadAtStart: number,
  cases: Case[],
  results: Measured[],
): void {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const [baseline] = results;

  print();
  print('Machine');
  for (const line of machineLines(machine)) print(`  ${line}`);
  print(
    `  load average ${loadAtStart.toFixed(2)} at the start; when each page's measuring began: ` +
      results.map((result) => result.loadAverage.toFixed(2)).join(', '),
  );
  print();
  print(
    `Data: one scheduled round, ${data.sessionIds.length} sessions, ${data.invitations} invitations ` +
      `(people of ${data.institutions} institutions, and the colleagues some sent instead), ` +
      `${data.answered} answered (${data.answers} answers), ${data.messages} e-mails sent ` +
      '(invitations, answer confirmations)',
  );
  print(
    `  seeded in ${(seedingMs / 1000).toFixed(1)} s: ${data.apiCalls} API calls, the contacts in one insert, ` +
      'the invitations and e-mails by the workflow in a worker process (stopped before measuring)',
  );
  print();
  print(
    `Pages over HTTP as the signed-in admin (Albanian): ${loadDescription()}, from autocannon in a ` +
      `second process, ${DURATION_SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up`,
  );
  print(
    `  ${'page'.padEnd(32)}${'req/s'.padStart(8)}${'p50'.padStart(9)}${'p99'.padStart(9)}${'max'.padStart(9)}` +
      `${'size'.padStart(10)}${'errors'.padStart(8)}${'non-2xx'.padStart(9)}${'req/s ×'.padStart(9)}${'p99 ×'.padStart(7)}`,
  );
  for (const [index, { load }] of results.entries()) {
    print(
      `  ${cases[index].label.padEnd(32)}${load.requestsPerSecond.toFixed(0).padStart(8)}` +
        `${ms(load.latency.p50).padStart(9)}${ms(load.latency.p99).padStart(9)}${ms(load.latency.max).padStart(9)}` +
        `${`${(load.bytesPerRequest / 1024).toFixed(1)} KiB`.padStart(10)}` +
        `${String(load.errors).padStart(8)}${String(load.non2xx).padStart(9)}` +
        `${(load.requestsPerSecond / baseline.load.requestsPerSecond).toFixed(3).padStart(9)}` +
        `${(load.latency.p99 / baseline.load.latency.p99).toFixed(1).padStart(7)}`,
    );
  }
  print('  (× is against the baseline: its requests per second, its p99)');
  print();
  print('Where the CPU went during each measured run, in cores (of ' + `${machine.cores})`);
  print(
    `  ${'page'.padEnd(32)}${'app'.padStart(7)}${'app loop busy'.padStart(15)}${'load generator'.padStart(16)}${'postgres'.padStart(10)}`,
  );
  for (const [index, result] of results.entries()) {
    print(
      `  ${cases[index].label.padEnd(32)}${result.cores.app.toFixed(2).padStart(7)}` +
        `${`${(result.appLoopBusy * 100).toFixed(0)} %`.padStart(15)}` +
        `${result.cores['load generator'].toFixed(2).padStart(16)}${result.cores.postgres.toFixed(2).padStart(10)}`,
    );
  }
  print();
  print(`Target: p99 under ${P99_TARGET_MS} ms, here at ${loadDescription()}`);
  for (const [index, pageCase] of cases.entries()) {
    if (!pageCase.target) continue;
    const { requests, latency } = results[index].load;
    // A run in which every request timed out has no latency figures at all, only errors.
    const figure = requests > 0 ? ms(latency.p99) : 'no request answered in time';
    print(
      `  ${pageCase.label}: ${requests > 0 && latency.p99 < P99_TARGET_MS ? 'met' : 'NOT met'} (${figure})`,
    );
  }
  // Little's law: with every connection waiting on its answer, latency is connections ÷ throughput.
  const needed = Math.ceil(CONNECTIONS / (P99_TARGET_MS / 1000));
  print(
    `  (with ${CONNECTIONS === 1 ? 'one request' : `${CONNECTIONS} requests`} always in flight, ` +
      `each takes ${CONNECTIONS} ÷ throughput on ` +
      `average: under ${P99_TARGET_MS} ms takes more than ${needed} pages a second)`,
  );
}

function loadDescription(): string {
  return CONNECTIONS === 1
    ? '1 connection, asking again as soon as it is answered'
    : `${CONNECTIONS} connections, each asking again as soon as it is answered`;
}

runBench(main);
