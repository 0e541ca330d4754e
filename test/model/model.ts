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

export type Language = 'sq' | 'en';

/** A session's venue and title as its people read them, each in their own language. */
export interface Wording {
  venue: string;
  title: string;
}

export interface ModelSession {
  id: string;
  startsAt: number;
  endsAt: number;
  wording: Record<Language, Wording>;
  cancelled: boolean;
}

export type Answer = 'pending' | 'accepted' | 'declined' | 'delegated' | 'withdrawn';

export interface ModelPerson {
  contactId: string;
  email: string;
  language: Language;
  optedOut: boolean;
  /** When the opt-out page answered: nothing may reach the address after it. */
  optedOutAt?: number;
  /** Answer per session id, for the sessions this person is invited to. */
  answers: Map<string, Answer>;
  /** Invitation id per session id. */
  invitationOf: Map<string, string>;
  /** For a colleague: the person they stand in for (at one session); not on its audience. */
  standsInFor?: ModelPerson;
  /** The colleague this person sent, per session id. */
  sent?: Map<string, ModelPerson>;
}

export interface RoundModel {
  run: string;
  roundId: string;
  roundStatus: 'scheduled' | 'cancelled';
  sessions: ModelSession[];
  people: ModelPerson[];
  /** Whether the reminder to non-responders went (see RemindNow). */
  reminded: boolean;
  /** When the last drain ended: every e-mail after it comes of the commands since. */
  drainedAt: number;
  /** The addresses the commands since the last drain may have caused an e-mail to. */
  mayBeTold: Set<string>;
  /** A counter to name colleagues and venues uniquely within the run. */
  serial: number;
}

export function liveSessions(model: RoundModel): ModelSession[] {
  return model.sessions.filter((s) => !s.cancelled);
}

/** Who a change of the session concerns: invited to it, not delegated or withdrawn, not opted out. */
export function concernedBy(model: RoundModel, session: ModelSession): ModelPerson[] {
  return model.people.filter((person) => {
    const answer = person.answers.get(session.id);
    return (
      answer !== undefined && answer !== 'delegated' && answer !== 'withdrawn' && !person.optedOut
    );
  });
}

/** Who the session's audience names: invited in their own right, not withdrawn. */
export function audienceOf(model: RoundModel, session: ModelSession): ModelPerson[] {
  return model.people.filter((person) => {
    const answer = person.answers.get(session.id);
    return answer !== undefined && answer !== 'withdrawn' && !person.standsInFor;
  });
}

/** Notes that these people may get an e-mail before the next drain. */
export function mayTell(model: RoundModel, people: ModelPerson[]): void {
  for (const person of people) model.mayBeTold.add(person.email.toLowerCase());
}

/** A session can be changed or cancelled while its round runs and it has not started. */
export function changeable(model: RoundModel, session: ModelSession, now = Date.now()): boolean {
  return model.roundStatus === 'scheduled' && !session.cancelled && session.startsAt > now;
}

/** The session as a person speaking this language should see it in their calendar. */
export function stateIn(session: ModelSession, language: Language): SessionState {
  return { startsAt: session.startsAt, endsAt: session.endsAt, ...session.wording[language] };
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
