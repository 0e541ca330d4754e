import { Language } from '../common/language';
import {
  formatDate,
  formatDateSpan,
  formatDateTime,
  formatTime,
  formatTimeRange,
  LocalTimeOptions,
} from './local-time';

const albanian: LocalTimeOptions = { language: Language.Albanian, timeZone: 'Europe/Tirane' };
const english: LocalTimeOptions = { language: Language.English, timeZone: 'Europe/Tirane' };

// The Elbasan round: 22 November 2017, 10:00 in Tirana (UTC+1).
const start = new Date('2017-11-22T09:00:00Z');
const end = new Date('2017-11-22T11:00:00Z');

describe('local time in e-mails', () => {
  it('writes Albanian dates the Albanian way, on a 24-hour clock', () => {
    expect(formatDateTime(start, albanian)).toBe('22 nëntor 2017, 10:00');
    expect(formatDate(start, { ...albanian, weekday: true })).toBe('e mërkurë, 22 nëntor 2017');
    // Intl's own Albanian date-and-time style would say "në 10:00 p.d.".
    expect(formatTime(new Date('2017-11-22T13:30:00Z'), albanian)).toBe('14:30');
  });

  it('writes English dates day first, on a 24-hour clock', () => {
    expect(formatDateTime(start, english)).toBe('22 November 2017, 10:00');
    expect(formatDate(start, { ...english, weekday: true })).toBe('Wednesday, 22 November 2017');
    expect(formatTime(new Date('2017-11-22T13:30:00Z'), english)).toBe('14:30');
  });

  it('shows a session as one day with a time range', () => {
    expect(formatTimeRange(start, end, albanian)).toBe('22 nëntor 2017, 10:00–12:00');
    expect(formatTimeRange(start, end, { ...english, weekday: true })).toBe(
      'Wednesday, 22 November 2017, 10:00–12:00',
    );
  });

  it('shows both dates when a session runs past midnight in Tirana', () => {
    const late = new Date('2017-11-22T20:00:00Z');
    const after = new Date('2017-11-22T23:30:00Z');
    expect(formatTimeRange(late, after, english)).toBe(
      '22 November 2017, 21:00 – 23 November 2017, 00:30',
    );
  });

  it('keeps 10:00 local on both sides of the end of summer time (29 October 2017)', () => {
    expect(formatDateTime(new Date('2017-10-28T08:00:00Z'), albanian)).toBe('28 tetor 2017, 10:00');
    expect(formatDateTime(new Date('2017-10-30T09:00:00Z'), albanian)).toBe('30 tetor 2017, 10:00');
  });

  it('gives the days a round covers, with plain spaces around the dash', () => {
    expect(formatDateSpan(start, end, albanian)).toBe('22 nëntor 2017');
    const kukes = [new Date('2017-12-05T08:00:00Z'), new Date('2017-12-07T15:00:00Z')] as const;
    expect(formatDateSpan(...kukes, albanian)).toBe('5 – 7 dhjetor 2017');
    expect(formatDateSpan(...kukes, english)).toBe('5 – 7 December 2017');
    expect(formatDateSpan(new Date('2017-11-30T09:00:00Z'), kukes[1], albanian)).toBe(
      '30 nëntor – 7 dhjetor 2017',
    );
  });

  it('refuses a zone that does not exist', () => {
    expect(() => formatDate(start, { ...english, timeZone: 'Europe/Elbasan' })).toThrow(RangeError);
  });
});
