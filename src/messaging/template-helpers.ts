import type { HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import { Language } from '../common/language';
import {
  formatDate,
  formatDateSpan,
  formatDateTime,
  formatTime,
  formatTimeRange,
  LocalTimeOptions,
} from './local-time';

/**
 * Registers the helpers every e-mail template may use. Dates are shown in the
 * language and time zone of the e-mail's context (the template root), so a
 * template cannot pick the wrong ones by accident.
 *
 * - `{{formatDate startsAt}}`, `{{formatDate startsAt weekday=true}}`
 * - `{{formatTime startsAt}}`, `{{formatDateTime startsAt}}`
 * - `{{formatTimeRange startsAt endsAt weekday=true}}`
 * - `{{formatDateSpan sessions}}`: the days the sessions cover
 * - `{{#if (eq sessions.length 1)}}`
 * - `{{formatNumber quantity}}`: 4,000 in English, 4000 or 4 000 in Albanian as ICU writes it
 * - `{{increment @index}}`: 1, 2, 3 for numbered lists in plain text
 */
export function registerTemplateHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper('formatDate', (date: unknown, options: HelperOptions) =>
    formatDate(toDate(date, 'formatDate'), localTime(options)),
  );
  handlebars.registerHelper('formatTime', (date: unknown, options: HelperOptions) =>
    formatTime(toDate(date, 'formatTime'), localTime(options)),
  );
  handlebars.registerHelper('formatDateTime', (date: unknown, options: HelperOptions) =>
    formatDateTime(toDate(date, 'formatDateTime'), localTime(options)),
  );
  handlebars.registerHelper(
    'formatTimeRange',
    (start: unknown, end: unknown, options: HelperOptions) => {
      const from = toDate(start, 'formatTimeRange');
      // A change notice may know only when a session used to start.
      if (end === undefined || end === null) return formatDateTime(from, localTime(options));
      return formatTimeRange(from, toDate(end, 'formatTimeRange'), localTime(options));
    },
  );
  handlebars.registerHelper('formatDateSpan', (sessions: unknown, options: HelperOptions) => {
    if (!Array.isArray(sessions) || sessions.length === 0) {
      throw new Error('formatDateSpan needs a non-empty list of sessions');
    }
    const starts = sessions.map((s: { startsAt: unknown }) => toDate(s.startsAt, 'formatDateSpan'));
    const ends = sessions.map((s: { endsAt: unknown }) => toDate(s.endsAt, 'formatDateSpan'));
    const first = new Date(Math.min(...starts.map(Number)));
    const last = new Date(Math.max(...ends.map(Number)));
    return formatDateSpan(first, last, localTime(options));
  });
  handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);
  // A title that already names the county ("… of Durrës county") should not be followed by it again.
  handlebars.registerHelper(
    'mentions',
    (text: unknown, word: unknown) =>
      typeof text === 'string' &&
      typeof word === 'string' &&
      text.toLocaleLowerCase().includes(word.toLocaleLowerCase()),
  );
  handlebars.registerHelper('formatNumber', (value: unknown, options: HelperOptions) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`formatNumber needs a number, got ${String(value)}`);
    }
    return numberFormat(localTime(options).language).format(value);
  });
  // Numbered lists in plain text: Handlebars counts from 0.
  handlebars.registerHelper('increment', (index: unknown) => Number(index) + 1);
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

function numberFormat(language: Language): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language === Language.Albanian ? 'sq' : 'en-GB');
    numberFormats.set(language, format);
  }
  return format;
}

function localTime(options: HelperOptions): LocalTimeOptions {
  const root = (options.data as { root?: { language?: unknown; timeZone?: unknown } } | undefined)
    ?.root;
  const language = root?.language;
  const timeZone = root?.timeZone;
  if (!Object.values(Language).includes(language as Language) || typeof timeZone !== 'string') {
    throw new Error('date helpers need the language and timeZone of the e-mail context');
  }
  return {
    language: language as Language,
    timeZone,
    weekday: (options.hash as { weekday?: unknown }).weekday === true,
  };
}

function toDate(value: unknown, helper: string): Date {
  const date = value instanceof Date ? value : new Date(value as string);
  if (value === undefined || value === null || Number.isNaN(date.getTime())) {
    throw new Error(`${helper} needs a date, got ${String(value)}`);
  }
  return date;
}
