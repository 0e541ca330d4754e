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
 * Counts an attempt on one counter unless the counter is at its limit, in
 * one step so that guesses sent all at once cannot all pass the check before
 * any of them is counted. Returns the count, or minus the milliseconds left
 * when the limit is reached. The first count opens the window; the one that
 * reaches the limit starts the full wait.
 */
const CLAIM = `
local limit = tonumber(ARGV[2])
if tonumber(redis.call('GET', KEYS[1]) or '0') >= limit then
  return -math.max(redis.call('PTTL', KEYS[1]), 1)
end
local count = redis.call('INCR', KEYS[1])
if count == 1 or count == limit then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return count`;

/** Takes a claim back; a counter that ran out meanwhile stays gone. */
const GIVE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('DECR', KEYS[1])
end
return 0`;

interface Counter {
  key: string;
  limit: number;
}

/**
 * The sign-in limits: failed sign-ins are counted per e-mail from one client
 * address and per client address, in Redis so that every API process shares
 * them. An attempt counts from its start and a success gives its count back,
 * so in the end only failures count and an office signing in often from one
 * shared computer is never refused; a success also forgets that e-mail's
 * failures from that address. While a limit is reached every attempt is
 * refused, a right password too, or the limit would protect nothing.
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

  /** Counts the attempt as a failure until it succeeds; throws SignInLockedException while a limit is reached. */
  async claim(attempt: SignInAttempt): Promise<void> {
    const { account, address } = this.counters(attempt);
    const accountClaim = await this.claimOn(account);
    if (accountClaim < 0) throw new SignInLockedException(Math.ceil(-accountClaim / 1000));
    const addressClaim = await this.claimOn(address);
    if (addressClaim < 0) {
      await this.giveBack(account);
      throw new SignInLockedException(Math.ceil(-addressClaim / 1000));
    }
  }

  /** After a success: that e-mail from that address starts afresh, and the address's count loses this attempt. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    const { account, address } = this.counters(attempt);
    await Promise.all([this.redis.del(account.key), this.giveBack(address)]);
  }

  /** After an error of ours rather than wrong credentials: the attempt does not count. */
  async release(attempt: SignInAttempt): Promise<void> {
    const { account, address } = this.counters(attempt);
    await Promise.all([this.giveBack(account), this.giveBack(address)]);
  }

  private async claimOn({ key, limit }: Counter): Promise<number> {
    return Number(await this.redis.eval(CLAIM, 1, key, this.windowMs, limit));
  }

  private async giveBack({ key }: Counter): Promise<void> {
    await this.redis.eval(GIVE_BACK, 1, key);
  }

  private counters(attempt: SignInAttempt): { account: Counter; address: Counter } {
    const email = attempt.email.toLowerCase();
    return {
      account: {
        key: `${this.prefix}:account:${digest(`${attempt.clientAddress}|${email}`)}`,
        limit: this.config.signInFailuresPerAccount,
      },
      address: {
        key: `${this.prefix}:address:${digest(attempt.clientAddress)}`,
        limit: this.config.signInFailuresPerAddress,
      },
    };
  }
}

/** Keys of a bounded length that keep no e-mail or address in clear in Redis. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
