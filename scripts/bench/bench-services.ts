import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig } from '../../src/config/app-config';
import { SmtpSink } from '../../test/support/smtp-sink';
import { TestApp } from '../../test/support/test-app';
import { WorkerProcess } from '../../test/support/worker-process';
import { describeMachine, Machine } from './machine';

export interface BenchNames {
  database: string;
  redisPrefix: string;
}

/** A database and a Redis prefix of the benchmark's own, so it can run beside tests and other runs. */
export function benchNames(kind: string): BenchNames {
  const suffix = randomBytes(6).toString('hex');
  return { database: `fushata_bench_${suffix}`, redisPrefix: `fushata-bench-${kind}-${suffix}` };
}

/**
 * The real application, in this process, against its own freshly created and
 * migrated database: the end-to-end tests' TestApp, pointed at the
 * benchmark's database and Redis prefix. `close()` drops the database.
 */
export function startBenchApp(names: BenchNames, env: Record<string, string>): Promise<TestApp> {
  return TestApp.start({
    DATABASE_URL: databaseUrl(names.database),
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: names.redisPrefix,
    LOG_LEVEL: 'warn',
    ...env,
  });
}

/** The server the benchmark's database lives on: BENCH_DATABASE_URL, or local PostgreSQL. */
function databaseUrl(database: string): string {
  const url = new URL(
    process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = `/${database}`;
  return url.toString();
}

export function redisUrl(): string {
  return process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
}

/** Drops the benchmark's database if it is still there (the app drops it on a clean close). */
export async function dropDatabase(database: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await client.end();
  }
}

/** Worker processes (PROCESS_ROLE=worker) sharing the app's database and Redis prefix. */
export async function startWorkers(
  config: AppConfig,
  count: number,
  env: Record<string, string>,
  nodeFlags: string[],
): Promise<WorkerProcess[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => WorkerProcess.start(config, env, nodeFlags)),
  );
  const workers = started.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    // One that did not start leaves none behind.
    await Promise.all(workers.map((worker) => worker.stop()));
    throw failure.reason;
  }
  return workers;
}

/**
 * Deletes every Redis key of one prefix: BullMQ's `{prefix}:…` and the login
 * throttler's `prefix:…`. Only this prefix: the Redis server is shared.
 */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let deleted = 0;
  try {
    for (const pattern of [`{${prefix}}*`, `${prefix}:*`]) {
      for await (const keys of redis.scanStream({ match: pattern, count: 1000 })) {
        if ((keys as string[]).length > 0) deleted += await redis.unlink(...(keys as string[]));
      }
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * Closes the app, which drops its database, and the SMTP sink; then drops
 * the database again (for a start that failed half-way) and deletes the
 * Redis keys, once every process using them has stopped.
 */
export async function cleanUpBench(
  names: BenchNames,
  app: TestApp | undefined,
  sink?: SmtpSink,
): Promise<void> {
  await app?.close().catch((error: Error) => console.error(`closing the app: ${error.message}`));
  await sink?.stop();
  await dropDatabase(names.database);
  await deleteRedisKeys(redisUrl(), names.redisPrefix);
}

/** What a benchmark works with: see withBenchApp. */
export interface BenchContext {
  app: TestApp;
  names: BenchNames;
  /** Where the app sends its e-mail (SMTP_URL): it only counts what it accepts, and when. */
  sink: SmtpSink;
  machine: Machine;
}

/**
 * Runs `body` against the real application, started in this process on a
 * database and Redis prefix of its own (`kind` names them), with a local
 * SMTP sink as its mail server; describes the machine with the versions of
 * `packages`. Drops the database and the Redis keys afterwards, whatever
 * happened.
 */
export async function withBenchApp(
  kind: string,
  env: Record<string, string>,
  packages: string[],
  body: (context: BenchContext) => Promise<void>,
): Promise<void> {
  const names = benchNames(kind);
  const sink = await SmtpSink.start({ parse: false });
  let app: TestApp | undefined;
  try {
    app = await startBenchApp(names, { SMTP_URL: sink.url, ...env });
    const machine = await describeMachine(app.config.databaseUrl, app.config.redisUrl, packages);
    await body({ app, names, sink, machine });
  } finally {
    await cleanUpBench(names, app, sink);
  }
}

/** Runs a benchmark: exit code 0 once it is done, 1 with the error printed when it fails. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
