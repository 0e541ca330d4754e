import { RoundStatus } from './round-status';
import { SessionStatus } from './session-kind';

/**
 * Where a session stands, as every page, report and e-mail names it: it
 * moves with the clock and with its round, so a session of a round under
 * way or held never reads "planned".
 */
export enum SessionPhase {
  Planned = 'planned',
  UnderWay = 'under_way',
  Held = 'held',
  Cancelled = 'cancelled',
}

export function sessionPhase(
  session: { status: SessionStatus; startsAt: Date; endsAt: Date },
  roundStatus: RoundStatus,
  now = new Date(),
): SessionPhase {
  if (session.status === SessionStatus.Cancelled || roundStatus === RoundStatus.Cancelled) {
    return SessionPhase.Cancelled;
  }
  // A round recorded as held took place, whatever times its sessions were entered with.
  if (roundStatus === RoundStatus.Completed || session.endsAt <= now) return SessionPhase.Held;
  return session.startsAt <= now ? SessionPhase.UnderWay : SessionPhase.Planned;
}
