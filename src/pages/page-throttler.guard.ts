import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Counts requests to the public pages per client address, in one budget for
 * all of them rather than one per route: the tokens cannot be guessed, but a
 * client trying should be slowed down wherever it tries.
 */
@Injectable()
export class PageThrottlerGuard extends ThrottlerGuard {
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    throttler: string,
  ): string {
    return `pages:${throttler}:${tracker}`;
  }
}
