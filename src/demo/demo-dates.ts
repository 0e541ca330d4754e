import { DateTime } from 'luxon';
import { daysBetween } from '../rounds/local-time';

/**
 * The first of the next rounds starts at least this many days after today,
 * and at most six more: always within the default policy's two weeks'
 * notice, so its invitations are due already and go out as the demo loads,
 * while the later rounds wait for theirs.
 */
export const FIRST_NEXT_ROUND_AFTER_DAYS = 7;

interface Dated {
  startsOn: string;
  endsOn: string;
}

function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

/**
 * Moves rounds as one block by whole weeks, so each session keeps its
 * weekday (the rounds of 2017 ran Tuesday to Thursday) and each round its
 * length and distance to the others; the first starts one to two weeks
 * after `today`.
 */
export function intoComingWeeks<T extends Dated>(rounds: T[], today: string): T[] {
  const first = rounds.map((round) => round.startsOn).sort()[0];
  const shift = 7 * Math.ceil((daysBetween(first, today) + FIRST_NEXT_ROUND_AFTER_DAYS) / 7);
  return rounds.map((round) => ({
    ...round,
    startsOn: plusDays(round.startsOn, shift),
    endsOn: plusDays(round.endsOn, shift),
  }));
}

/** The wall-clock time `time` (HH:MM) in `timeZone`, `day` days after `date`, with its offset. */
export function localTimeOn(date: string, day: number, time: string, timeZone: string): string {
  return DateTime.fromISO(`${plusDays(date, day)}T${time}`, { zone: timeZone }).toISO({
    suppressMilliseconds: true,
  }) as string;
}

/** Today's date in the zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).toISODate() as string;
}
