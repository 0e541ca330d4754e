import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * A sign-in refused before its password was looked at, because too many
 * failed ones came before it; says how long to wait, in the API's shape of
 * a 4xx that names the field.
 */
export class SignInLockedException extends HttpException {
  readonly minutesToWait: number;

  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    const reason = `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`;
    super(
      { message: `email: ${reason}`, errors: [{ field: 'email', reason }] },
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.minutesToWait = minutes;
  }
}
