import { Campaign } from '../campaigns/campaign.entity';
import { RoundSession } from '../rounds/round-session.entity';
import { RoundStatus } from '../rounds/round-status';
import { Round } from '../rounds/round.entity';
import { SessionStatus } from '../rounds/session-kind';
import { assertAttendanceOpen } from './attendance-window';

/** The Technical Table meeting: 09:00 in Elbasan, 08:00 UTC. */
function tableMeeting(roundStatus: RoundStatus, status = SessionStatus.Planned): RoundSession {
  const campaign = Object.assign(new Campaign(), { timeZone: 'Europe/Tirane' });
  const round = Object.assign(new Round(), { campaign, status: roundStatus });
  return Object.assign(new RoundSession(), {
    round,
    status,
    startsAt: new Date('2017-11-22T08:00:00Z'),
    endsAt: new Date('2017-11-22T09:30:00Z'),
  });
}

const refusal = (session: RoundSession, now: string) => {
  try {
    assertAttendanceOpen(session, new Date(now));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('assertAttendanceOpen', () => {
  it('opens an hour before the start and never closes', () => {
    const session = tableMeeting(RoundStatus.Scheduled);
    expect(refusal(session, '2017-11-22T06:59:59.999Z')).toBe(
      'startsAt: attendance opens at 2017-11-22T08:00:00+01:00, an hour before the session starts',
    );
    expect(refusal(session, '2017-11-22T07:00:00Z')).toBeNull();
    expect(refusal(session, '2017-12-05T10:00:00Z')).toBeNull();
  });

  it('takes scheduled, running and completed rounds only', () => {
    const during = '2017-11-22T08:30:00Z';
    expect(refusal(tableMeeting(RoundStatus.InProgress), during)).toBeNull();
    expect(refusal(tableMeeting(RoundStatus.Completed), during)).toBeNull();
    expect(refusal(tableMeeting(RoundStatus.Draft), during)).toBe(
      'status: the round is a draft; attendance is recorded once it is scheduled',
    );
    expect(refusal(tableMeeting(RoundStatus.Cancelled), during)).toBe(
      'status: the round is cancelled; it has no attendance',
    );
    expect(refusal(tableMeeting(RoundStatus.Scheduled, SessionStatus.Cancelled), during)).toBe(
      'status: the session is cancelled; it has no attendance',
    );
  });
});
