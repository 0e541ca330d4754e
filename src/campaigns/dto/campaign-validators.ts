import { registerDecorator, ValidationArguments } from 'class-validator';
import { DURATION_FORMAT, parseIsoDuration } from '../iso-duration';
import { canonicalTimeZone } from '../time-zone';

/** No policy offset needs more than a year; a longer one is a typo (P140D for P14D is not). */
const MAX_OFFSET_MS = 366 * 86_400_000;

function durationProblem(value: unknown): string | null {
  if (typeof value !== 'string') return DURATION_FORMAT;
  try {
    return parseIsoDuration(value) > MAX_OFFSET_MS ? 'must be at most a year (P366D)' : null;
  } catch (error) {
    return (error as RangeError).message;
  }
}

/** An ISO 8601 duration of days, hours, minutes and seconds, at most a year. */
export function IsIsoDuration(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => durationProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          durationProblem(args?.value) ?? DURATION_FORMAT,
      },
    });
}

/** A zone the runtime knows, checked the way it will be used: by Intl. */
export function IsIanaTimeZone(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !!canonicalTimeZone(value),
        defaultMessage: () => 'must be an IANA time zone such as Europe/Tirane',
      },
    });
}

/** A time of day, 00:00 to 23:59. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A time of day later than the sibling property `other`; both HH:MM, so text order is time order. */
export function IsLaterTimeThan(other: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLaterTimeThan',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const earlier = (args?.object as Record<string, unknown>)[other];
          // When the other value is itself malformed its own error says so.
          if (typeof earlier !== 'string' || !CLOCK_TIME.test(earlier)) return true;
          return typeof value === 'string' && value > earlier;
        },
        defaultMessage: () => `must be later than ${other}`,
      },
    });
}
