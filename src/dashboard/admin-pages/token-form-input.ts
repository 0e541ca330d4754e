import { DateTime } from 'luxon';

const OFFICE_TIME_ZONE = 'Europe/Tirane';

/**
 * The new token's DTO shape from the form. The form asks for a day; the
 * token works until that day ends in Tirana. Anything else typed is passed
 * on as it is, for the DTO to refuse with its reason.
 */
export function newTokenInput(form: Record<string, string>): Record<string, unknown> {
  const day = form.expiresAt;
  const endOfDay =
    day && /^\d{4}-\d{2}-\d{2}$/.test(day)
      ? DateTime.fromISO(day, { zone: OFFICE_TIME_ZONE }).endOf('day')
      : null;
  return {
    name: form.name ?? '',
    expiresAt: endOfDay?.isValid ? endOfDay.toISO() : day || undefined,
  };
}
