import { DateTime } from 'luxon';

/**
 * The dashboard's forms take dates and times as the office reads them, in
 * Tirana; the API and the database hold instants.
 */
export const OFFICE_TIME_ZONE = 'Europe/Tirane';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const DATE_REASON = 'must be a calendar date written YYYY-MM-DD';
export const TIME_REASON = 'must be a time written HH:MM';

export function isOfficeDate(date: string): boolean {
  return DATE.test(date) && DateTime.fromISO(date, { zone: OFFICE_TIME_ZONE }).isValid;
}

export function isOfficeTime(time: string): boolean {
  return TIME.test(time);
}

/**
 * The instant of a Tirana date and time, written with its UTC offset as the
 * API's DTOs want it (2017-11-22T09:00:00+01:00). On the night clocks go
 * forward, a time that does not exist moves on by the hour skipped.
 */
export function officeInstant(date: string, time: string): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: OFFICE_TIME_ZONE }).toISO({
    suppressMilliseconds: true,
  }) as string;
}

/** The Tirana calendar date (YYYY-MM-DD) of an instant, for a date field. */
export function officeDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: OFFICE_TIME_ZONE }).toISODate() as string;
}

/** The Tirana wall-clock time (HH:MM) of an instant, for a time field. */
export function officeTime(at: Date): string {
  return DateTime.fromJSDate(at, { zone: OFFICE_TIME_ZONE }).toFormat('HH:mm');
}
