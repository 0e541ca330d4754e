import autocannon from 'autocannon';

/** What a benchmark hands this process, as JSON on its standard input. */
export interface LoadJob {
  /** The page every request asks for, or, with `rotation`, the server the paths are on. */
  url: string;
  headers: Record<string, string>;
  connections: number;
  /** A first run whose figures are dropped: JIT, caches and the database's pool warm up. */
  warmUpSeconds: number;
  durationSeconds: number;
  rotation?: Rotation;
}

/**
 * Requests that differ, as people's do: all connections take the next path
 * of `paths` in turn, so no two ask for the same one at once; each pass
 * through the paths posts the next of `forms` (an answer, then another).
 * Each path has a client address of its own, sent as X-Forwarded-For for an
 * app that trusts one proxy hop: a rate limit per address then counts one
 * person's requests, as it would behind a proxy.
 */
export interface Rotation {
  method: 'GET' | 'POST';
  paths: string[];
  /** Fields of a form posted urlencoded; none for a GET. */
  forms?: Array<Record<string, string>>;
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
  /** Responses by HTTP status: a form answered with a redirect is a 303, not an error. */
  statusCodes: Record<string, number>;
  bytesPerRequest: number;
  /** CPU seconds this process used during the measured run: the load generator's own cost. */
  cpuSeconds: number;
  seconds: number;
}

/** 10.x.y.z for the n-th path: 16 million people before two share an address. */
function clientAddress(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** autocannon's `requests`: one request whose path, headers and body come from the rotation. */
function rotatingRequests(rotation: Rotation) {
  // Shared by every connection, and by the warm-up and the measured run.
  let next = 0;
  return [
    {
      setupRequest: (request: autocannon.Request) => {
        const n = next++;
        const index = n % rotation.paths.length;
        const form =
          rotation.forms?.[Math.floor(n / rotation.paths.length) % rotation.forms.length];
        return {
          ...request,
          method: rotation.method,
          path: rotation.paths[index],
          headers: {
            ...request.headers,
            'x-forwarded-for': clientAddress(index),
            ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
          },
          body: form && new URLSearchParams(form).toString(),
        };
      },
    },
  ];
}

async function readJob(): Promise<LoadJob> {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  return JSON.parse(input) as LoadJob;
}

/**
 * The load generator of the request benchmarks (bench:pages, bench:rsvp):
 * autocannon in a process of its own, so that sending requests and reading
 * answers never waits on the application's event loop, nor the application
 * on it.
 */
async function main(): Promise<void> {
  const job = await readJob();
  const options = {
    url: job.url,
    headers: job.headers,
    connections: job.connections,
    ...(job.rotation && { requests: rotatingRequests(job.rotation) }),
  };
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
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count ?? 0]),
    ),
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
