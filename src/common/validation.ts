import {
  ArgumentMetadata,
  HttpStatus,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';
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

const SINGLE_LINE = 'isSingleLine';
/** CR, LF, every other control character, and Unicode's own line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * For a text meant to be one line (a name, a title, a venue): a line break
 * would start a new header in an e-mail and a new property in a calendar
 * entry, and no form field for it can type one.
 */
export const IsSingleLine = () =>
  ValidateBy({
    name: SINGLE_LINE,
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !CONTROL_CHARACTER.test(value),
      defaultMessage: () => 'must be one line without control characters',
    },
  });

/** Unknown fields are refused, not silently dropped: a typo in a field name must not look like success. */
export function createValidationPipe(): ValidationPipe {
  return new JsonBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    // Well-formed, but not what the field may hold: 422, as the services' own checks answer.
    exceptionFactory: (errors) =>
      new RequestError(
        onlySingleLineFaults(errors) ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST,
        flattenValidationErrors(errors),
      ),
  });
}

function onlySingleLineFaults(errors: ValidationError[]): boolean {
  return errors.every(
    (error) =>
      Object.keys(error.constraints ?? {}).every((name) => name === SINGLE_LINE) &&
      onlySingleLineFaults(error.children ?? []),
  );
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
