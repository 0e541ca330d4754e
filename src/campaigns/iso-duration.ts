const MS = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };

/**
 * PnW, PnDTnHnMnS with fractional seconds (`,` or `.`). Years and months are
 * matched only to refuse them with a helpful message.
 */
const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export const DURATION_FORMAT = 'must be an ISO 8601 duration such as P14D, PT2H or PT30S';

/**
 * An ISO 8601 duration in milliseconds. Policy offsets are exact lengths of
 * time, so years and months, whose length depends on the calendar, are
 * refused rather than guessed.
 * @throws RangeError with a message that says what is wrong.
 */
export function parseIsoDuration(text: string): number {
  const match = DURATION.exec(text);
  // A bare "P" matches the pattern but says nothing.
  if (!match || text === 'P') throw new RangeError(DURATION_FORMAT);
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  if (years !== undefined || months !== undefined) {
    throw new RangeError('years and months have no fixed length; use days (P30D)');
  }
  const whole = (part: string | undefined, unit: number) => (part ? Number(part) * unit : 0);
  const total =
    whole(weeks, MS.week) +
    whole(days, MS.day) +
    whole(hours, MS.hour) +
    whole(minutes, MS.minute) +
    Math.round(Number((seconds ?? '0').replace(',', '.')) * MS.second);
  if (!Number.isSafeInteger(total)) throw new RangeError('is too long');
  return total;
}
