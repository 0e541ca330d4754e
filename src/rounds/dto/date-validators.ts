import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, registerDecorator } from 'class-validator';
import { DateTime } from 'luxon';

const DATE_MESSAGE = 'must be a calendar date written YYYY-MM-DD';
const DATE_TIME_MESSAGE =
  'must be a date and time with its UTC offset, such as 2017-11-22T09:00:00+01:00';
const OFFSET_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A date without time: the shape alone lets 2017-02-30 through, the ISO check does not. */
export function IsCalendarDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_MESSAGE }),
    IsISO8601({ strict: true }, { message: DATE_MESSAGE }),
  );
}

/**
 * A real instant: a local time without an offset would be read in whatever
 * zone the server runs in, so the offset (or Z) is required.
 */
export function IsOffsetDateTime(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isOffsetDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          OFFSET_DATE_TIME.test(value) &&
          DateTime.fromISO(value, { setZone: true }).isValid,
        defaultMessage: () => DATE_TIME_MESSAGE,
      },
    });
}
