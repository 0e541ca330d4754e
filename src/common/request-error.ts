import { HttpException, HttpStatus } from '@nestjs/common';
import { FieldError } from './error-body';

/**
 * A 4xx that names the fields at fault. Services throw it for anything a user
 * can get wrong that the DTO cannot see: an unknown id, a duplicate e-mail.
 */
export class RequestError extends HttpException {
  constructor(status: HttpStatus, errors: FieldError[], message?: string) {
    super(
      { message: message ?? errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors },
      status,
    );
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
