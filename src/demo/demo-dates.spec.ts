import { FIRST_NEXT_ROUND_AFTER_DAYS, intoComingWeeks, localTimeOn, todayIn } from './demo-dates';

describe('demo dates', () => {
  const rounds = [
    { county: 'Kukës', startsOn: '2017-12-05', endsOn: '2017-12-07' },
    { county: 'Shkodër', startsOn: '2017-12-12', endsOn: '2017-12-14' },
    { county: 'Korçë', startsOn: '2017-12-19', endsOn: '2017-12-21' },
  ];

  it('moves the rounds one to two weeks ahead by whole weeks, keeping weekdays, lengths and spacing', () => {
    // A Friday: the next Tuesday at least a week ahead is 8 April.
    expect(intoComingWeeks(rounds, '2025-03-28')).toEqual([
      { county: 'Kukës', startsOn: '2025-04-08', endsOn: '2025-04-10' },
      { county: 'Shkodër', startsOn: '2025-04-15', endsOn: '2025-04-17' },
      { county: 'Korçë', startsOn: '2025-04-22', endsOn: '2025-04-24' },
    ]);
    // A Tuesday: a week ahead exactly; a Wednesday: six days short of two weeks.
    expect(intoComingWeeks(rounds, '2025-04-01')[0].startsOn).toBe('2025-04-08');
    expect(intoComingWeeks(rounds, '2025-04-02')[0].startsOn).toBe('2025-04-15');
    expect(FIRST_NEXT_ROUND_AFTER_DAYS + 6).toBeLessThan(14);
  });

  it('writes local times with the offset of their day, across a daylight-saving change', () => {
    expect(localTimeOn('2017-11-22', 0, '09:00', 'Europe/Tirane')).toBe(
      '2017-11-22T09:00:00+01:00',
    );
    expect(localTimeOn('2025-03-29', 1, '10:00', 'Europe/Tirane')).toBe(
      '2025-03-30T10:00:00+02:00',
    );
  });

  it('reads today in the zone, not in UTC', () => {
    expect(todayIn('Europe/Tirane', new Date('2025-03-28T23:30:00Z'))).toBe('2025-03-29');
  });
});
