import { officeToday } from './current-membership';

describe('officeToday', () => {
  it('follows the calendar in Tirana, not in UTC', () => {
    expect(officeToday(new Date('2017-11-21T23:30:00Z'))).toBe('2017-11-22');
    expect(officeToday(new Date('2017-07-31T21:59:00Z'))).toBe('2017-07-31');
    expect(officeToday(new Date('2017-07-31T22:00:00Z'))).toBe('2017-08-01');
  });
});
