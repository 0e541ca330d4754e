import { DateTime } from 'luxon';

/** Sessions are stored in UTC and planned, shown and bounded by their campaign's local calendar. */

/** The calendar day (YYYY-MM-DD) an instant falls on in the zone. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() as string;
}

/** The instant written with the zone's offset at that moment: 2017-11-22T09:00:00+01:00. */
export function localDateTime(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISO({
    suppressMilliseconds: true,
  }) as string;
}

/** The first instant of a calendar day in the zone (not always 00:00 on a daylight-saving day). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toJSDate();
}

/** The first instant of the day after a calendar day in the zone. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** Whole days from one calendar date to another (0 for the same day). */
export function daysBetween(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days')
    .days;
}
