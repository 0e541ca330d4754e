import { datesCovering, movableDays, sessionTimesProblem } from './session-times';

const ELBASAN = { startsOn: '2017-11-22', endsOn: '2017-11-22' };
const TIRANE = 'Europe/Tirane';
const at = (iso: string) => new Date(iso);

describe('sessionTimesProblem', () => {
  it('accepts a session on the round day, whatever offset it is written with', () => {
    expect(
      sessionTimesProblem(
        ELBASAN,
        TIRANE,
        at('2017-11-22T09:00+01:00'),
        at('2017-11-22T10:30+01:00'),
      ),
    ).toBeNull();
    // 23:30 UTC on the 21st is already half past midnight on the 22nd in Tirana.
    expect(
      sessionTimesProblem(ELBASAN, TIRANE, at('2017-11-21T23:30Z'), at('2017-11-22T22:59Z')),
    ).toBeNull();
  });

  it('accepts a session that ends exactly at midnight after the last day', () => {
    expect(
      sessionTimesProblem(
        ELBASAN,
        TIRANE,
        at('2017-11-22T20:00+01:00'),
        at('2017-11-23T00:00+01:00'),
      ),
    ).toBeNull();
  });

  it('names endsAt when the session would end before it starts', () => {
    expect(
      sessionTimesProblem(
        ELBASAN,
        TIRANE,
        at('2017-11-22T10:00+01:00'),
        at('2017-11-22T10:00+01:00'),
      ),
    ).toEqual({ field: 'endsAt', reason: 'must be after startsAt (2017-11-22T10:00:00+01:00)' });
  });

  it('names startsAt for the same fault when startsAt is what moved', () => {
    expect(
      sessionTimesProblem(
        ELBASAN,
        TIRANE,
        at('2017-11-22T12:00+01:00'),
        at('2017-11-22T11:00+01:00'),
        'startsAt',
      ),
    ).toEqual({ field: 'startsAt', reason: 'must be before endsAt (2017-11-22T11:00:00+01:00)' });
  });

  it('names startsAt for a session before or after the round, shown in local time', () => {
    expect(
      sessionTimesProblem(ELBASAN, TIRANE, at('2017-11-21T22:30Z'), at('2017-11-22T09:00Z')),
    ).toEqual({
      field: 'startsAt',
      reason:
        "must fall within the round's dates, 2017-11-22 to 2017-11-22 in Europe/Tirane; it is 2017-11-21T23:30:00+01:00",
    });
    expect(
      sessionTimesProblem(
        ELBASAN,
        TIRANE,
        at('2017-11-23T09:00+01:00'),
        at('2017-11-23T10:00+01:00'),
      )?.field,
    ).toBe('startsAt');
  });

  it('names endsAt for a session running past the last day', () => {
    expect(
      sessionTimesProblem(
        ELBASAN,
        TIRANE,
        at('2017-11-22T23:00+01:00'),
        at('2017-11-23T01:00+01:00'),
      )?.field,
    ).toBe('endsAt');
  });

  it('counts the 25 hours of the day the clocks go back', () => {
    const changeDay = { startsOn: '2017-10-29', endsOn: '2017-10-29' };
    // Midnight is still summer time (+02:00); the day ends at midnight winter time (+01:00).
    expect(
      sessionTimesProblem(changeDay, TIRANE, at('2017-10-28T22:00Z'), at('2017-10-29T23:00Z')),
    ).toBeNull();
    expect(
      sessionTimesProblem(changeDay, TIRANE, at('2017-10-28T21:59Z'), at('2017-10-29T09:00Z'))
        ?.field,
    ).toBe('startsAt');
    expect(
      sessionTimesProblem(changeDay, TIRANE, at('2017-10-29T20:00Z'), at('2017-10-29T23:01Z'))
        ?.field,
    ).toBe('endsAt');
  });
});

describe('datesCovering', () => {
  const DURRES = { startsOn: '2017-11-22', endsOn: '2017-11-23' };

  it('keeps the dates of a session within them', () => {
    expect(
      datesCovering(DURRES, TIRANE, at('2017-11-23T09:00+01:00'), at('2017-11-23T10:00+01:00')),
    ).toEqual({ dates: DURRES, problem: null });
  });

  it('extends the last day to a session postponed past it, and the first to one brought before it', () => {
    expect(
      datesCovering(DURRES, TIRANE, at('2017-11-24T09:00+01:00'), at('2017-11-24T10:00+01:00'))
        .dates,
    ).toEqual({ startsOn: '2017-11-22', endsOn: '2017-11-24' });
    // 23:30 UTC on the 20th is already the 21st in Tirana.
    expect(
      datesCovering(DURRES, TIRANE, at('2017-11-20T23:30Z'), at('2017-11-21T10:00+01:00')).dates,
    ).toEqual({ startsOn: '2017-11-21', endsOn: '2017-11-23' });
  });

  it('does not count the next day for a session ending exactly at midnight', () => {
    expect(
      datesCovering(DURRES, TIRANE, at('2017-11-23T20:00+01:00'), at('2017-11-24T00:00+01:00'))
        .dates,
    ).toEqual(DURRES);
  });

  it('allows seven days and refuses an eighth, naming the time that carries the round', () => {
    expect(
      datesCovering(DURRES, TIRANE, at('2017-11-28T09:00+01:00'), at('2017-11-28T10:00+01:00'))
        .dates,
    ).toEqual({ startsOn: '2017-11-22', endsOn: '2017-11-28' });
    expect(
      datesCovering(DURRES, TIRANE, at('2017-11-29T09:00+01:00'), at('2017-11-29T10:00+01:00'))
        .problem,
    ).toEqual({
      field: 'startsAt',
      reason: 'would make the round run 2017-11-22 to 2017-11-29, 8 days; a round lasts at most 7',
    });
    expect(
      datesCovering(DURRES, TIRANE, at('2017-11-28T20:00+01:00'), at('2017-11-29T01:00+01:00'))
        .problem?.field,
    ).toBe('endsAt');
    expect(
      datesCovering(DURRES, TIRANE, at('2017-11-15T09:00+01:00'), at('2017-11-15T10:00+01:00'))
        .problem?.field,
    ).toBe('startsAt');
  });

  it('still names the field of times out of order', () => {
    expect(
      datesCovering(
        DURRES,
        TIRANE,
        at('2017-11-22T10:00+01:00'),
        at('2017-11-22T09:00+01:00'),
        'startsAt',
      ).problem,
    ).toEqual({ field: 'startsAt', reason: 'must be before endsAt (2017-11-22T09:00:00+01:00)' });
  });
});

describe('movableDays', () => {
  it('reaches as far as a round of seven days from either end', () => {
    expect(movableDays({ startsOn: '2017-11-22', endsOn: '2017-11-23' })).toEqual({
      earliest: '2017-11-17',
      latest: '2017-11-28',
    });
  });
});
