import autocannon from 'autocannon';

/** What the page benchmark hands this process, as JSON on the command line. */
export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** A first run whose figures are dropped: JIT, caches and the database's pool warm up. */
  warmUpSeconds: number;
  durationSeconds: number;
}

/**
 * The measured run's figures, printed to stdout as one line of JSON after a
 * first line that says the warm-up is over (the caller starts its meters then).
 */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** Milliseconds from sending a request to its last byte. */
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerRequest: number;
  /** CPU seconds this process used during the measured run: the load generator's own cost. */
  cpuSeconds: number;
  seconds: number;
}

/**
 * The load generator of `npm run bench:pages`: autocannon in a process of
 * its own, so that sending requests and reading answers never waits on the
 * application's event loop, nor the application on it.
 */
async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as LoadJob;
  const options = { url: job.url, headers: job.headers, connections: job.connections };
  await autocannon({ ...options, duration: job.warmUpSeconds });
  process.stdout.write('warmed up\n');
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({ ...options, duration: job.durationSeconds });
  const cpu = process.cpuUsage(cpuBefore);
  const output: LoadResult = {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerRequest: result.requests.total ? result.throughput.total / result.requests.total : 0,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    seconds: result.duration,
  };
  process.stdout.write(JSON.stringify(output));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
