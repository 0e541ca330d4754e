import { Language } from '../common/language';
import { formatDate, formatDateSpan, formatTimeRange } from '../messaging/local-time';

/* Dates and numbers as each language writes them in a published report. */

/** A calendar day (YYYY-MM-DD) as an instant that is that day in every zone near Europe. */
function middayUtc(isoDay: string): Date {
  return new Date(`${isoDay}T12:00:00Z`);
}

/** "22 nëntor 2017" / "22 November 2017". */
export function formatDay(isoDay: string, language: Language): string {
  return formatDate(middayUtc(isoDay), { language, timeZone: 'UTC' });
}

/**
 * "22 nëntor 2017" for one day, "5–7 dhjetor 2017" for days of one month
 * (the office writes the dash tight between the numbers), "30 nëntor – 2
 * dhjetor 2017" across months.
 */
export function formatDays(startsOn: string, endsOn: string, language: Language): string {
  if (startsOn === endsOn) return formatDay(startsOn, language);
  return formatDateSpan(middayUtc(startsOn), middayUtc(endsOn), {
    language,
    timeZone: 'UTC',
  }).replace(/^(\d+) – (\d+ )/, '$1–$2');
}

/** "22 nëntor 2017, 09:00–11:00" in the campaign's zone. */
export function formatSessionTime(
  startsAt: Date,
  endsAt: Date,
  language: Language,
  timeZone: string,
): string {
  return formatTimeRange(startsAt, endsAt, { language, timeZone });
}

const numberFormats: Record<Language, Intl.NumberFormat> = {
  [Language.Albanian]: new Intl.NumberFormat('sq'),
  [Language.English]: new Intl.NumberFormat('en-GB'),
};

/** "4,000" in English; "4000" and "12 000" in Albanian, as ICU writes it. */
export function formatNumber(value: number, language: Language): string {
  return numberFormats[language].format(value).replace(/[\u202f\u00a0]/g, ' ');
}
