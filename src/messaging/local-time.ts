import { Language } from '../common/language';

/**
 * The Intl locale of each language. en-GB, not en: the partners are in Europe
 * and read "22 November 2017, 10:00", not "November 22, 2017, 10:00 AM".
 */
const LOCALES: Record<Language, string> = {
  [Language.Albanian]: 'sq',
  [Language.English]: 'en-GB',
};

export interface LocalTimeOptions {
  language: Language;
  /** IANA zone the instant is shown in, such as Europe/Tirane. */
  timeZone: string;
  /** "e mërkurë, 22 nëntor 2017" instead of "22 nëntor 2017". */
  weekday?: boolean;
}

type Style = 'date' | 'weekdayDate' | 'time' | 'isoDay';

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { day: 'numeric', month: 'long', year: 'numeric' },
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  // hourCycle, not hour12: Albanian's default clock would print "10:00 p.d.".
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  isoDay: { year: 'numeric', month: '2-digit', day: '2-digit' },
};

// Building a formatter costs far more than using one, and a fan-out formats thousands of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: Style, options: LocalTimeOptions): Intl.DateTimeFormat {
  // en-CA writes the ISO order (2017-11-22), which makes local days comparable.
  const locale = style === 'isoDay' ? 'en-CA' : LOCALES[options.language];
  const key = `${style}|${locale}|${options.timeZone}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone: options.timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * ICU sets range dashes between thin spaces (U+2009, U+202F); some mail
 * clients and plain-text readers show them as boxes or odd gaps.
 */
function plainSpaces(text: string): string {
  return text.replace(/[\u2009\u202f]/g, ' ');
}

/** "22 nëntor 2017" / "22 November 2017"; with weekday, "e mërkurë, 22 nëntor 2017". */
export function formatDate(date: Date, options: LocalTimeOptions): string {
  return plainSpaces(formatter(options.weekday ? 'weekdayDate' : 'date', options).format(date));
}

/** "10:00", on a 24-hour clock in both languages. */
export function formatTime(date: Date, options: LocalTimeOptions): string {
  return plainSpaces(formatter('time', options).format(date));
}

/** "22 nëntor 2017, 10:00". */
export function formatDateTime(date: Date, options: LocalTimeOptions): string {
  return `${formatDate(date, options)}, ${formatTime(date, options)}`;
}

/** "22 nëntor 2017, 10:00–12:00"; a session past midnight shows both dates. */
export function formatTimeRange(start: Date, end: Date, options: LocalTimeOptions): string {
  if (localDay(start, options) === localDay(end, options)) {
    return `${formatDateTime(start, options)}–${formatTime(end, options)}`;
  }
  return `${formatDateTime(start, options)} – ${formatDateTime(end, options)}`;
}

const MAX_DATE_SPANS = 1000;
const dateSpans = new Map<string, string>();

/** The days a round covers: "22 nëntor 2017", "5 – 7 dhjetor 2017", "30 nëntor – 2 dhjetor 2017". */
export function formatDateSpan(start: Date, end: Date, options: LocalTimeOptions): string {
  // formatRange is ICU's slowest call here, and a round's thousands of e-mails share a few spans.
  const key = `${options.language}|${options.timeZone}|${start.getTime()}|${end.getTime()}`;
  let span = dateSpans.get(key);
  if (span === undefined) {
    if (dateSpans.size >= MAX_DATE_SPANS) dateSpans.clear();
    span = plainSpaces(formatter('date', options).formatRange(start, end));
    dateSpans.set(key, span);
  }
  return span;
}

function localDay(date: Date, options: LocalTimeOptions): string {
  return formatter('isoDay', options).format(date);
}
