import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, MikroOrmHealthIndicator } from '@nestjs/terminus';
import { RedisHealthIndicator } from '../../health/redis.health';
import { MailTransport } from '../../messaging/mail-transport';

/** An SMTP server that does not answer must not hold the page for nodemailer's two minutes. */
const SMTP_TIMEOUT_MS = 5000;
const DATABASE_TIMEOUT_MS = 3000;

export interface ServiceStatus {
  service: 'postgresql' | 'redis' | 'smtp';
  up: boolean;
  /** Why it is down, in the words of the driver; or how quickly it answered. */
  detail: string;
}

/**
 * PostgreSQL, Redis and the SMTP server as /health sees the first two (the
 * same terminus indicators) and as the sender sees the third (a connection
 * and login to the configured server, without sending anything).
 */
@Injectable()
export class ServiceHealth {
  constructor(
    private readonly database: MikroOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly mail: MailTransport,
  ) {}

  async check(): Promise<ServiceStatus[]> {
    return [
      await timed('postgresql', async () =>
        fromIndicator(await this.database.pingCheck('database', { timeout: DATABASE_TIMEOUT_MS })),
      ),
      await timed('redis', async () => fromIndicator(await this.redis.isHealthy('redis'))),
      await timed('smtp', async () => {
        await withTimeout(this.mail.verify(), SMTP_TIMEOUT_MS);
        return null;
      }),
    ];
  }
}

/** Up, or the reason it is down. */
type Probe = () => Promise<string | null>;

async function timed(service: ServiceStatus['service'], probe: Probe): Promise<ServiceStatus> {
  const started = Date.now();
  try {
    const reason = await probe();
    if (reason !== null) return { service, up: false, detail: reason };
    return { service, up: true, detail: `${Date.now() - started} ms` };
  } catch (error) {
    return { service, up: false, detail: (error as Error).message || String(error) };
  }
}

/** Terminus reports `{ key: { status, message? } }`; only the one key is of interest. */
function fromIndicator(result: HealthIndicatorResult): string | null {
  const [details] = Object.values(result) as Array<{ status: string; message?: unknown }>;
  if (details?.status === 'up') return null;
  return typeof details?.message === 'string' && details.message ? details.message : 'down';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
