/*
 * Counts what this process sends to PostgreSQL and Redis, by wrapping the
 * drivers' own methods: each statement is one call of pg's Client.query
 * (MikroORM sends every statement, BEGIN and COMMIT included, through
 * knex to it), each Redis command one call of ioredis' sendCommand, and a
 * pipeline's commands share the one stream they are written to. Every copy
 * of the drivers loaded in the process is wrapped, so install the counter
 * after the application has started.
 */

export interface RoundTrips {
  postgresStatements: number;
  /** BEGIN … COMMIT once, each statement outside one on its own, as PostgreSQL counts them. */
  postgresTransactions: number;
  redisCommands: number;
  /** Commands sent on their own, plus one per pipeline or transaction (MULTI) sent at once. */
  redisRoundTrips: number;
}

const counts: RoundTrips = {
  postgresStatements: 0,
  postgresTransactions: 0,
  redisCommands: 0,
  redisRoundTrips: 0,
};
let installed = false;

type Method = (this: object, ...args: unknown[]) => unknown;

function wrap(
  prototype: Record<string, Method>,
  name: string,
  count: (self: object, args: unknown[]) => void,
) {
  const original = prototype[name];
  prototype[name] = function (this: object, ...args: unknown[]) {
    count(this, args);
    return original.apply(this, args);
  };
}

/** The connections (pg clients) inside BEGIN … COMMIT. */
const inTransaction = new WeakSet<object>();

function countStatement(client: object, query: unknown): void {
  counts.postgresStatements += 1;
  const text = typeof query === 'string' ? query : ((query as { text?: string })?.text ?? '');
  if (/^\s*(begin|start transaction)\b/i.test(text)) {
    inTransaction.add(client);
    counts.postgresTransactions += 1;
  } else if (/^\s*(commit|rollback)\b(?!\s+to\b)/i.test(text)) {
    inTransaction.delete(client);
  } else if (!inTransaction.has(client)) {
    counts.postgresTransactions += 1;
  }
}

/** Wraps every loaded copy of pg's Client and ioredis' Redis; once per process. */
export function installRoundTripCounter(): void {
  if (installed) return;
  installed = true;
  const pipelines = new WeakSet<object>();
  let wrapped = 0;
  for (const [path, loaded] of Object.entries(require.cache)) {
    if (/[\\/]pg[\\/]lib[\\/]client\.js$/.test(path)) {
      wrap(
        (loaded?.exports as { prototype: Record<string, Method> }).prototype,
        'query',
        (client, [query]) => countStatement(client, query),
      );
      wrapped += 1;
    }
    if (/[\\/]ioredis[\\/]built[\\/]Redis\.js$/.test(path)) {
      const redis = (loaded?.exports as { default: { prototype: Record<string, Method> } }).default;
      wrap(redis.prototype, 'sendCommand', (_redis, [, stream]) => {
        counts.redisCommands += 1;
        if (stream && typeof stream === 'object') {
          if (pipelines.has(stream)) return;
          pipelines.add(stream);
        }
        counts.redisRoundTrips += 1;
      });
      wrapped += 1;
    }
  }
  if (wrapped < 2) throw new Error('pg and ioredis must be loaded before the counter is installed');
}

/** What was sent since `before` (a previous reading), or since the counter was installed. */
export function roundTripsSince(before?: RoundTrips): RoundTrips {
  return {
    postgresStatements: counts.postgresStatements - (before?.postgresStatements ?? 0),
    postgresTransactions: counts.postgresTransactions - (before?.postgresTransactions ?? 0),
    redisCommands: counts.redisCommands - (before?.redisCommands ?? 0),
    redisRoundTrips: counts.redisRoundTrips - (before?.redisRoundTrips ?? 0),
  };
}
