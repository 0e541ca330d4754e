import { DURATION_FORMAT, parseIsoDuration } from './iso-duration';

describe('parseIsoDuration', () => {
  it('reads the offsets of the default policy', () => {
    expect(parseIsoDuration('P14D')).toBe(14 * 86_400_000);
    expect(parseIsoDuration('P3D')).toBe(3 * 86_400_000);
    expect(parseIsoDuration('P1D')).toBe(86_400_000);
  });

  it('reads weeks, hours, minutes and seconds together', () => {
    expect(parseIsoDuration('P2W')).toBe(14 * 86_400_000);
    expect(parseIsoDuration('P1DT2H30M15S')).toBe(
      86_400_000 + 2 * 3_600_000 + 30 * 60_000 + 15_000,
    );
    expect(parseIsoDuration('PT30S')).toBe(30_000);
    expect(parseIsoDuration('PT0S')).toBe(0);
  });

  it('reads fractional seconds with a point or a comma, to the millisecond', () => {
    expect(parseIsoDuration('PT1.5S')).toBe(1500);
    expect(parseIsoDuration('PT0,25S')).toBe(250);
    expect(parseIsoDuration('PT2M0.0004S')).toBe(120_000);
  });

  it('tells minutes (after T) from months (before T)', () => {
    expect(parseIsoDuration('PT1M')).toBe(60_000);
    expect(() => parseIsoDuration('P1M')).toThrow('use days');
  });

  it('refuses years and months, whose length depends on the calendar', () => {
    expect(() => parseIsoDuration('P1Y')).toThrow(
      new RangeError('years and months have no fixed length; use days (P30D)'),
    );
    expect(() => parseIsoDuration('P1Y2M3D')).toThrow(RangeError);
  });

  it.each([
    '',
    'P',
    'PT',
    'P1DT',
    'P3X',
    '14D',
    'p14d',
    'P-1D',
    '-P1D',
    'P1.5D',
    'PT1.5H',
    'PT5',
    'P1D2H',
    'PT1S2M',
    ' P1D',
    'P1D ',
  ])('refuses %j', (text) => {
    expect(() => parseIsoDuration(text)).toThrow(new RangeError(DURATION_FORMAT));
  });

  it('refuses a duration too long to count in milliseconds', () => {
    expect(() => parseIsoDuration(`P${'9'.repeat(20)}D`)).toThrow('is too long');
  });
});
