/**
 * What Fushata promises, in memory: the round's sessions as they are now, and
 * each person's standing per session. The model does not say when an e-mail
 * goes; the checks read the sink afterwards and compare what each person was
 * told with what the model says they should have been told last.
 */

export interface SessionState {
  startsAt: number;
  endsAt: number;
  venue: string;
  title: string;
}

export interface ModelSession extends SessionState {
  id: string;
  cancelled: boolean;
}

export type Answer = 'pending' | 'accepted' | 'declined' | 'delegated';

export interface ModelPerson {
  contactId: string;
  email: string;
  optedOut: boolean;
  /** When the opt-out page answered: nothing may reach the address after it. */
  optedOutAt?: number;
  /** Answer per session id, for the sessions this person is invited to. */
  answers: Map<string, Answer>;
  /** Invitation id per session id. */
  invitationOf: Map<string, string>;
  /** The colleague who stands in, once this person delegated. */
  delegatedAt?: Map<string, number>;
}

export interface RoundModel {
  run: string;
  roundId: string;
  roundStatus: 'scheduled' | 'cancelled';
  sessions: ModelSession[];
  people: ModelPerson[];
  /** Colleagues named in delegations, by e-mail; they get invitations of their own. */
  colleagues: Set<string>;
  /** A counter to name colleagues and venues uniquely within the run. */
  serial: number;
}

export function liveSessions(model: RoundModel): ModelSession[] {
  return model.sessions.filter((s) => !s.cancelled);
}

/** A session can be changed or cancelled while its round runs and it has not started. */
export function changeable(model: RoundModel, session: ModelSession, now = Date.now()): boolean {
  return model.roundStatus === 'scheduled' && !session.cancelled && session.startsAt > now;
}

export function sameState(a: SessionState, b: SessionState): boolean {
  return (
    a.startsAt === b.startsAt && a.endsAt === b.endsAt && a.venue === b.venue && a.title === b.title
  );
}

const TIRANA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Tirane',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function tiranaDay(ms: number): string {
  return TIRANA_DAY.format(new Date(ms));
}
