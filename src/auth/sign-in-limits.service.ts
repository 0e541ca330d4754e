import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.module';
import { SignInLockedException } from './sign-in-locked.exception';

/** Who is signing in, as the limits tell attempts apart. */
export interface SignInAttempt {
  email: string;
  clientAddress: string;
}

/**
 * Counts one failure on a counter and, when this failure reaches the limit,
 * restarts its expiry: the first failure opens the window, the one that
 * reaches the limit starts the full wait. Atomic, so racing attempts from
 * several API processes all count.
 */
const COUNT_FAILURE = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or count == tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count`;

/**
 * The sign-in limits: failed sign-ins are counted per e-mail from one client
 * address and per client address, in Redis so that every API process shares
 * them. Only failures count, so an office signing in often from one shared
 * computer is never refused; a success forgets that e-mail's failures from
 * that address. While a limit is reached every attempt is refused, a right
 * password too, or the limit would protect nothing.
 */
@Injectable()
export class SignInLimitsService {
  private readonly prefix: string;
  private readonly windowMs: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.prefix = `${config.redisPrefix}:sign-in-failures`;
    this.windowMs = config.signInLockMinutes * 60_000;
  }

  /** Throws SignInLockedException, with the longer of the waits, while either limit is reached. */
  async refuseWhileLocked(attempt: SignInAttempt): Promise<void> {
    const waits = await Promise.all(
      this.counters(attempt).map(async ({ key, limit }) => {
        const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
        return Number(count ?? 0) >= limit ? ttl : 0;
      }),
    );
    const waitMs = Math.max(...waits);
    if (waitMs > 0) throw new SignInLockedException(Math.ceil(waitMs / 1000));
  }

  async countFailure(attempt: SignInAttempt): Promise<void> {
    await Promise.all(
      this.counters(attempt).map(({ key, limit }) =>
        this.redis.eval(COUNT_FAILURE, 1, key, this.windowMs, limit),
      ),
    );
  }

  /** After a success: that e-mail from that address starts afresh; the address's own count stays. */
  async forgetFailures(attempt: SignInAttempt): Promise<void> {
    await this.redis.del(this.counters(attempt)[0].key);
  }

  private counters(attempt: SignInAttempt): Array<{ key: string; limit: number }> {
    return [
      {
        key: `${this.prefix}:account:${digest(`${attempt.clientAddress}|${attempt.email.toLowerCase()}`)}`,
        limit: this.config.signInFailuresPerAccount,
      },
      {
        key: `${this.prefix}:address:${digest(attempt.clientAddress)}`,
        limit: this.config.signInFailuresPerAddress,
      },
    ];
  }
}

/** Keys of a bounded length that keep no e-mail or address in clear in Redis. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
