import { RequestError } from '../common/request-error';
import { localDateTime } from '../rounds/local-time';
import { RoundSession } from '../rounds/round-session.entity';
import { RoundStatus } from '../rounds/round-status';
import { SessionStatus } from '../rounds/session-kind';

/** Staff set up the room and sign people in before the start. */
export const OPENS_BEFORE_START_MS = 60 * 60 * 1000;

/** A draft was never announced and a cancelled round did not take place: nobody can have come. */
const RECORDABLE_ROUNDS = [RoundStatus.Scheduled, RoundStatus.InProgress, RoundStatus.Completed];

/**
 * Refuses attendance for a session that did not or cannot yet take place.
 * Needs the round and its campaign loaded, for the status and the time zone
 * the opening time is told in. There is no closing time: sheets are often
 * typed in days later.
 */
export function assertAttendanceOpen(session: RoundSession, now: Date): void {
  const round = session.round;
  if (!RECORDABLE_ROUNDS.includes(round.status)) {
    throw RequestError.conflict(
      'status',
      round.status === RoundStatus.Draft
        ? 'the round is a draft; attendance is recorded once it is scheduled'
        : `the round is ${round.status}; it has no attendance`,
    );
  }
  if (session.status === SessionStatus.Cancelled) {
    throw RequestError.conflict('status', 'the session is cancelled; it has no attendance');
  }
  const opensAt = new Date(session.startsAt.getTime() - OPENS_BEFORE_START_MS);
  if (now < opensAt) {
    throw RequestError.conflict(
      'startsAt',
      `attendance opens at ${localDateTime(opensAt, round.campaign.timeZone)}, an hour before the session starts`,
    );
  }
}
