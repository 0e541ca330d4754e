import { FieldError } from '../common/error-body';
import { endOfLocalDay, localDateTime, startOfLocalDay } from './local-time';

interface RoundDates {
  startsOn: string;
  endsOn: string;
}

/**
 * What is wrong with a session's times, naming the field, or null. A session
 * ends after it starts and lies within the round's days as the campaign's
 * time zone counts them. `changed` is the field the caller set when only one
 * moved, so an order error points at what was changed.
 */
export function sessionTimesProblem(
  round: RoundDates,
  timeZone: string,
  startsAt: Date,
  endsAt: Date,
  changed: 'startsAt' | 'endsAt' = 'endsAt',
): FieldError | null {
  const local = (at: Date) => localDateTime(at, timeZone);
  if (endsAt <= startsAt) {
    return changed === 'endsAt'
      ? { field: 'endsAt', reason: `must be after startsAt (${local(startsAt)})` }
      : { field: 'startsAt', reason: `must be before endsAt (${local(endsAt)})` };
  }
  const days = `${round.startsOn} to ${round.endsOn} in ${timeZone}`;
  const opens = startOfLocalDay(round.startsOn, timeZone);
  const closes = endOfLocalDay(round.endsOn, timeZone);
  if (startsAt < opens || startsAt >= closes) {
    return {
      field: 'startsAt',
      reason: `must fall within the round's dates, ${days}; it is ${local(startsAt)}`,
    };
  }
  if (endsAt > closes) {
    return {
      field: 'endsAt',
      reason: `must fall within the round's dates, ${days}; it is ${local(endsAt)}`,
    };
  }
  return null;
}
