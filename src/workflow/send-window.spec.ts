import { nextSendTime } from './send-window';

const WEEKDAYS_8_TO_18 = {
  enabled: true,
  opensAt: '08:00',
  closesAt: '18:00',
  days: [1, 2, 3, 4, 5],
};
const TIRANA = 'Europe/Tirane';

describe('nextSendTime', () => {
  it('keeps a time inside the window', () => {
    const at = new Date('2017-11-20T09:30:00Z'); // Monday 10:30 in Tirana
    expect(nextSendTime(at, WEEKDAYS_8_TO_18, TIRANA)).toEqual(at);
  });

  it('moves a night-time reminder to 08:00 local the same morning', () => {
    const at = new Date('2017-11-21T02:00:00Z'); // Tuesday 03:00 in Tirana
    expect(nextSendTime(at, WEEKDAYS_8_TO_18, TIRANA)).toEqual(new Date('2017-11-21T07:00:00Z'));
  });

  it('moves an evening reminder to the next morning and a weekend one to Monday', () => {
    expect(nextSendTime(new Date('2017-11-21T18:30:00Z'), WEEKDAYS_8_TO_18, TIRANA)).toEqual(
      new Date('2017-11-22T07:00:00Z'),
    );
    const saturday = new Date('2017-11-25T10:00:00Z');
    expect(nextSendTime(saturday, WEEKDAYS_8_TO_18, TIRANA)).toEqual(
      new Date('2017-11-27T07:00:00Z'),
    );
  });

  it('opens at 08:00 local on both sides of the change from summer time', () => {
    // 29 October 2017: Tirana goes from UTC+2 to UTC+1.
    expect(nextSendTime(new Date('2017-10-27T03:00:00Z'), WEEKDAYS_8_TO_18, TIRANA)).toEqual(
      new Date('2017-10-27T06:00:00Z'),
    );
    expect(nextSendTime(new Date('2017-10-30T03:00:00Z'), WEEKDAYS_8_TO_18, TIRANA)).toEqual(
      new Date('2017-10-30T07:00:00Z'),
    );
  });

  it('sends at once when the window is switched off', () => {
    const at = new Date('2017-11-26T02:00:00Z');
    expect(nextSendTime(at, { ...WEEKDAYS_8_TO_18, enabled: false }, TIRANA)).toEqual(at);
  });
});
