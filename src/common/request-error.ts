import { HttpException, HttpStatus } from '@nestjs/common';
import { FieldError } from './error-body';

/**
 * A 4xx that names the fields at fault. Services throw it for anything a user
 * can get wrong that the DTO cannot see: an unknown id, a duplicate e-mail.
 * `current`, on a change refused because the record moved on, is what the
 * record is now, so a client can show what changed without asking again.
 */
export class RequestError extends HttpException {
  constructor(status: HttpStatus, errors: FieldError[], message?: string, current?: object) {
    super(
      {
        message: message ?? errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
        errors,
        ...(current ? { current } : {}),
      },
      status,
    );
  }

  /** Whether the error is this status and names this field. */
  isAbout(status: HttpStatus, field: string): boolean {
    const { errors } = this.getResponse() as { errors: FieldError[] };
    return this.getStatus() === status && errors.some((error) => error.field === field);
  }

  static unprocessable(field: string, reason: string): RequestError {
    return new RequestError(HttpStatus.UNPROCESSABLE_ENTITY, [{ field, reason }]);
  }

  static conflict(field: string, reason: string): RequestError {
    return new RequestError(HttpStatus.CONFLICT, [{ field, reason }]);
  }

  static notFound(what: string): RequestError {
    return new RequestError(HttpStatus.NOT_FOUND, [], `${what} not found`);
  }
}
