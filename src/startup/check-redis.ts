import Redis from 'ioredis';
import { redactUrl } from './redact-url';
import { StartupError } from './startup-error';

const HOW_TO_START =
  'Start it with `docker compose up -d redis`, or the system service (`sudo systemctl start redis-server`).';

export interface RedisCheck {
  /** Set when Redis may evict keys: BullMQ then loses jobs silently under memory pressure. */
  evictionWarning?: string;
}

/**
 * Pings REDIS_URL once before the application starts, and reads its eviction
 * policy: BullMQ needs `noeviction`, so production refuses anything else.
 */
export async function checkRedis(redisUrl: string, isProduction: boolean): Promise<RedisCheck> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
  });
  // connect() only rejects with "Connection is closed."; the reason a person can act on
  // (ECONNREFUSED, ENOTFOUND, NOAUTH) arrives as an 'error' event.
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new StartupError(
      `Cannot reach Redis at ${redactUrl(redisUrl)} (${(cause ?? (error as Error)).message}). ${HOW_TO_START}`,
    );
  }
  try {
    const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy && policy !== 'noeviction') {
      const message = `Redis at ${redactUrl(redisUrl)} has maxmemory-policy "${policy}"; queued e-mails can be evicted and lost. Set \`maxmemory-policy noeviction\`.`;
      if (isProduction) throw new StartupError(message);
      return { evictionWarning: message };
    }
  } catch (error) {
    // Managed Redis services often forbid CONFIG; that is not a reason to refuse to start.
    if (error instanceof StartupError) throw error;
  } finally {
    client.disconnect();
  }
  return {};
}
