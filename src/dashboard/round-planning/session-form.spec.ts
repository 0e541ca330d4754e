import { sessionFieldOf, sessionTimes } from './session-form';

describe('the session form', () => {
  it('reads dates and times in Tirana, summer and winter', () => {
    expect(sessionTimes({ date: '2017-11-22', startTime: '09:00', endTime: '10:30' })).toEqual({
      startsAt: '2017-11-22T09:00:00+01:00',
      endsAt: '2017-11-22T10:30:00+01:00',
      problems: [],
    });
    expect(
      sessionTimes({ date: '2017-06-05', startTime: '09:00', endTime: '23:59' }),
    ).toMatchObject({
      startsAt: '2017-06-05T09:00:00+02:00',
      endsAt: '2017-06-05T23:59:00+02:00',
    });
  });

  it('names each field that is wrong, and tells a bad date once', () => {
    expect(sessionTimes({ date: '2017-02-30', startTime: '9', endTime: '10:00' })).toEqual({
      startsAt: undefined,
      endsAt: undefined,
      problems: [
        { field: 'date', reason: 'must be a calendar date written YYYY-MM-DD' },
        { field: 'startTime', reason: 'must be a time written HH:MM' },
      ],
    });
  });

  it('shows the API’s fields next to the form’s', () => {
    expect(sessionFieldOf('endsAt')).toBe('endTime');
    expect(sessionFieldOf('audience.contactIds[2]')).toBe('audience');
    expect(sessionFieldOf('topicsSq[0]')).toBe('topicsSq');
    expect(sessionFieldOf('status')).toBeNull();
  });
});
