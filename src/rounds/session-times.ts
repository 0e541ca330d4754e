import { DateTime } from 'luxon';
import { FieldError } from '../common/error-body';
import {
  daysBetween,
  endOfLocalDay,
  localDate,
  localDateTime,
  startOfLocalDay,
} from './local-time';
import { MAX_ROUND_DAYS } from './round-length';

export interface RoundDates {
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
  const order = orderProblem(timeZone, startsAt, endsAt, changed);
  if (order) return order;
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

/** The round's dates as a session's new times leave them, or why the times cannot be. */
export type DatesCovering =
  { dates: RoundDates; problem: null } | { dates: null; problem: FieldError };

/**
 * The round's dates stretched to take in a session's new times: a session
 * postponed past the last day, or brought before the first, carries the
 * round's dates with it, as long as the round stays within MAX_ROUND_DAYS.
 * The dates only ever grow here; shortening a round is a change of its own.
 */
export function datesCovering(
  round: RoundDates,
  timeZone: string,
  startsAt: Date,
  endsAt: Date,
  changed: 'startsAt' | 'endsAt' = 'endsAt',
): DatesCovering {
  const order = orderProblem(timeZone, startsAt, endsAt, changed);
  if (order) return { dates: null, problem: order };
  const firstDay = localDate(startsAt, timeZone);
  // A session ending at midnight ends on the day before.
  const lastDay = localDate(new Date(endsAt.getTime() - 1), timeZone);
  const dates = {
    startsOn: firstDay < round.startsOn ? firstDay : round.startsOn,
    endsOn: lastDay > round.endsOn ? lastDay : round.endsOn,
  };
  const length = daysBetween(dates.startsOn, dates.endsOn) + 1;
  if (length <= MAX_ROUND_DAYS) return { dates, problem: null };
  // Named after the time that carries the round too far: the start, unless only the end does.
  const startAlone =
    daysBetween(
      firstDay < round.startsOn ? firstDay : round.startsOn,
      firstDay > round.endsOn ? firstDay : round.endsOn,
    ) + 1;
  return {
    dates: null,
    problem: {
      field: startAlone > MAX_ROUND_DAYS ? 'startsAt' : 'endsAt',
      reason: `would make the round run ${dates.startsOn} to ${dates.endsOn}, ${length} days; a round lasts at most ${MAX_ROUND_DAYS}`,
    },
  };
}

/**
 * The days a session of the round may be moved to: as far as its dates
 * can stretch (see datesCovering), for a form to offer no other.
 */
export function movableDays(round: RoundDates): { earliest: string; latest: string } {
  const shift = (date: string, days: number) =>
    DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
  return {
    earliest: shift(round.endsOn, 1 - MAX_ROUND_DAYS),
    latest: shift(round.startsOn, MAX_ROUND_DAYS - 1),
  };
}

function orderProblem(
  timeZone: string,
  startsAt: Date,
  endsAt: Date,
  changed: 'startsAt' | 'endsAt',
): FieldError | null {
  if (endsAt > startsAt) return null;
  const local = (at: Date) => localDateTime(at, timeZone);
  return changed === 'endsAt'
    ? { field: 'endsAt', reason: `must be after startsAt (${local(startsAt)})` }
    : { field: 'startsAt', reason: `must be before endsAt (${local(endsAt)})` };
}
