import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchFigure, ratio } from './bench-result';
import { CpuMeter, pidsNamed } from './cpu-time';
import type { LoadJob, LoadResult } from './load-process';

/** How long an app may take to finish the requests a load run left it with. */
const IDLE_TIMEOUT_MS = 60_000;

/** One load run's figures, and where the CPU went during it. */
export interface Measured {
  load: LoadResult;
  /** CPU cores in use on average during the measured run, by process group. */
  cores: Record<'app' | 'load generator' | 'postgres' | 'redis', number>;
  /** The share of the measured run the app's event loop was busy. */
  appLoopBusy: number;
  /** The 1-minute load average when the measured run began. */
  loadAverage: number;
}

/**
 * Load on the app, which runs in this process: autocannon in its own node
 * process (bench/load-process.ts) warms up, says so on a line, runs for the
 * job's duration and prints its figures as JSON. The app's, PostgreSQL's and
 * Redis's CPU, and the app's event loop, are metered from the warm-up's end
 * until the load process is done.
 */
export async function measureLoad(job: LoadJob): Promise<Measured> {
  const child = spawn(process.execPath, [join(__dirname, 'load-process.js')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(JSON.stringify(job));
  let output = '';
  let meters: ReturnType<typeof startMeters> | undefined;
  let profiler: Promise<Session | undefined> | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    meters ??= output.includes('\n') ? startMeters() : undefined;
    profiler ??= meters && startProfiler();
  });
  // 'close', not 'exit': it comes once stdout has been read to its end.
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  await stopProfiler(await profiler, job.url);
  if (code !== 0 || !meters) {
    throw new Error(`load process for ${job.url} exited with ${code}: ${output}`);
  }
  const seconds = (performance.now() - meters.startedAt) / 1000;
  const cpu = meters.cpu.read();
  const load = JSON.parse(output.slice(output.indexOf('\n') + 1)) as LoadResult;
  return {
    load,
    cores: {
      app: cpu.app / seconds,
      'load generator': load.cpuSeconds / load.seconds,
      postgres: cpu.postgres / seconds,
      redis: cpu.redis / seconds,
    },
    appLoopBusy: performance.eventLoopUtilization(meters.loop).utilization,
    loadAverage: meters.loadAverage,
  };
}

/**
 * Waits until the app's event loop is all but idle: when the load process
 * stops, the app still works through the requests it had accepted, and
 * those would count against the next run.
 */
export async function appIdle(): Promise<void> {
  const deadline = Date.now() + IDLE_TIMEOUT_MS;
  for (;;) {
    const before = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (performance.eventLoopUtilization(before).utilization < 0.05) return;
    if (Date.now() > deadline)
      throw new Error(`the app was still busy after ${IDLE_TIMEOUT_MS} ms`);
  }
}

/**
 * With BENCH_APP_CPU_PROFILE=<directory>, the app's CPU profile during each
 * measured run (not the warm-up, not the set-up) is written there, one
 * .cpuprofile a run, for Chrome's DevTools or speedscope.
 */
async function startProfiler(): Promise<Session | undefined> {
  if (!process.env.BENCH_APP_CPU_PROFILE) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfiler(session: Session | undefined, url: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${new URL(url).pathname.split('/')[1] || 'root'}`;
  const file = join(process.env.BENCH_APP_CPU_PROFILE as string, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  process.stdout.write(`  CPU profile of the app: ${file}\n`);
}

/** The app runs in this process: its CPU and event loop are this process's. */
function startMeters() {
  return {
    cpu: new CpuMeter({
      app: () => [process.pid],
      postgres: () => pidsNamed('postgres'),
      redis: () => pidsNamed('redis-server'),
    }),
    loop: performance.eventLoopUtilization(),
    startedAt: performance.now(),
    loadAverage: loadavg()[0],
  };
}

/** A row of BENCHMARKS.md for one load run: throughput and latency, against the baseline's. */
export function loadFigure(
  measure: string,
  run: Measured,
  baseline: Measured,
  target?: { target: string; met: boolean },
): BenchFigure {
  const figures = ({ load }: Measured) =>
    `${load.requestsPerSecond.toFixed(0)} req/s, p99 ${load.latency.p99.toFixed(0)} ms`;
  return {
    measure,
    // A run in which no request was answered in time has no latency figures at all.
    value:
      run.load.requests > 0
        ? `${figures(run)} (p50 ${run.load.latency.p50.toFixed(0)} ms)`
        : 'no request answered in time',
    baseline: figures(baseline),
    ratio: ratio(run.load.requestsPerSecond, baseline.load.requestsPerSecond),
    ...target,
    loadAverage: run.loadAverage,
    baselineLoadAverage: baseline.loadAverage,
  };
}
