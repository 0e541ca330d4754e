import {
  ArgumentMetadata,
  HttpStatus,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { FieldError } from './error-body';
import { RequestError } from './request-error';
import { findUnstorableField } from './storable-input';

/**
 * Nest's pipe turns a `null` body into `{}`, and a body of another content
 * type arrives as a string or Buffer; both would pass as an empty update.
 * A body or query nested too deep, or with text no column can hold, is
 * refused before the transformer and validator walk it.
 */
class JsonBodyValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      (value === null || typeof value !== 'object' || Buffer.isBuffer(value))
    ) {
      throw new RequestError(HttpStatus.BAD_REQUEST, [
        { field: 'body', reason: 'must be a JSON object sent as application/json' },
      ]);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unstorable = findUnstorableField(value, '');
      if (unstorable) {
        throw new RequestError(HttpStatus.BAD_REQUEST, [
          { ...unstorable, field: unstorable.field || metadata.type },
        ]);
      }
    }
    return super.transform(value, metadata);
  }
}

/**
 * For optional fields that may be left out but not cleared: absent skips the
 * checks, an explicit null is refused by them.
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);

/** Unknown fields are refused, not silently dropped: a typo in a field name must not look like success. */
export function createValidationPipe(): ValidationPipe {
  return new JsonBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new RequestError(HttpStatus.BAD_REQUEST, flattenValidationErrors(errors)),
  });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    // A key may be empty (`{"": 1}`); the field is then named as JSON writes it.
    const property = error.property === '' ? '""' : error.property;
    const field = parent
      ? /^\d+$/.test(property)
        ? `${parent}[${property}]`
        : `${parent}.${property}`
      : property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      reason: message.startsWith(`${error.property} `)
        ? message.slice(error.property.length + 1)
        : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
