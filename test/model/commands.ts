import fc from 'fast-check';
import {
  audienceOf,
  changeable,
  concernedBy,
  liveSessions,
  mayTell,
  ModelPerson,
  ModelSession,
  RoundModel,
  tiranaDay,
} from './model';
import { waitFor } from '../support/wait-for';
import { WorkerProcess } from '../support/worker-process';
import { contractBreaches } from './checks';
import {
  drained,
  hasBeenTold,
  optOut,
  RealRound,
  REMIND_BEFORE_MS,
  roundInvitations,
  rsvp,
  toldMails,
} from './real-round';

type RoundCommand = fc.AsyncCommand<RoundModel, RealRound>;

const MINUTE = 60_000;

function expectStatus(what: string, actual: number, expected: number, body: unknown): void {
  if (actual !== expected)
    throw new Error(`${what}: HTTP ${actual}, expected ${expected}: ${JSON.stringify(body)}`);
}

type Move = 'earlier' | 'later' | 'next day' | 'same time';
const SHIFT: Record<Move, number> = {
  earlier: -10 * MINUTE,
  later: 15 * MINUTE,
  'next day': 24 * 60 * MINUTE,
  'same time': 0,
};

/** PATCHes a session's times; a move to another day resets the answers. */
async function move(
  m: RoundModel,
  r: RealRound,
  session: ModelSession,
  startsAt: number,
  endsAt: number,
  what: string,
): Promise<void> {
  const response = await r.app.patch(`/api/sessions/${session.id}`, {
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
  });
  const ok = changeable(m, session);
  expectStatus(what, response.status, ok ? 200 : 409, response.body);
  if (!ok) return;
  mayTell(m, concernedBy(m, session));
  if (tiranaDay(startsAt) !== tiranaDay(session.startsAt))
    for (const person of m.people) {
      const answer = person.answers.get(session.id);
      if (answer === 'accepted' || answer === 'declined') person.answers.set(session.id, 'pending');
    }
  session.startsAt = startsAt;
  session.endsAt = endsAt;
}

/** Moves a session by a shift. */
class Reschedule implements RoundCommand {
  constructor(
    readonly session: number,
    readonly move: Move,
  ) {}
  check(m: Readonly<RoundModel>): boolean {
    const session = m.sessions[this.session];
    // A session moved to within minutes of now could start while the run goes on.
    return session !== undefined && session.startsAt + SHIFT[this.move] > Date.now() + 10 * MINUTE;
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const session = m.sessions[this.session];
    const shift = SHIFT[this.move];
    await move(m, r, session, session.startsAt + shift, session.endsAt + shift, String(this));
  }
  toString(): string {
    return `reschedule(session ${this.session}, ${this.move})`;
  }
}

/** PATCH the venue or the title to one of three values, so changes back happen. */
class Rename implements RoundCommand {
  constructor(
    readonly session: number,
    readonly field: 'venue' | 'title',
    readonly variant: number,
  ) {}
  check(m: Readonly<RoundModel>): boolean {
    return m.sessions[this.session] !== undefined;
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const session = m.sessions[this.session];
    const sq = this.field === 'venue' ? `Salla ${this.variant}` : `Takim ${this.variant}`;
    const en = this.field === 'venue' ? `Hall ${this.variant}` : `Meeting ${this.variant}`;
    const body =
      this.field === 'venue' ? { venueSq: sq, venueEn: en } : { titleSq: sq, titleEn: en };
    const response = await r.app.patch(`/api/sessions/${session.id}`, body);
    const ok = changeable(m, session);
    expectStatus(this.toString(), response.status, ok ? 200 : 409, response.body);
    if (!ok) return;
    mayTell(m, concernedBy(m, session));
    session.wording.sq[this.field] = sq;
    session.wording.en[this.field] = en;
  }
  toString(): string {
    return `${this.field}(session ${this.session}, ${this.variant})`;
  }
}

class CancelSession implements RoundCommand {
  constructor(readonly session: number) {}
  check(m: Readonly<RoundModel>): boolean {
    return m.sessions[this.session] !== undefined;
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const session = m.sessions[this.session];
    const response = await r.app.post(`/api/sessions/${session.id}/cancel`);
    const ok = changeable(m, session);
    expectStatus(this.toString(), response.status, ok ? 200 : 409, response.body);
    if (!ok) return;
    mayTell(m, concernedBy(m, session));
    session.cancelled = true;
    if (liveSessions(m).length === 0) m.roundStatus = 'cancelled';
    // A running round is `scheduled` or `in_progress` (its first day has come): not cancelled.
    const { status } = (await r.app.get(`/api/rounds/${m.roundId}`)).body;
    if ((status === 'cancelled') !== (m.roundStatus === 'cancelled'))
      throw new Error(`${this}: round is ${status}, the model says ${m.roundStatus}`);
  }
  toString(): string {
    return `cancelSession(${this.session})`;
  }
}

/**
 * POSTs a third session to the running round for some of the first three
 * people; they are invited to it at once, and a cancelled round refuses it.
 */
class AddSession implements RoundCommand {
  constructor(readonly audience: boolean[]) {}
  check(m: Readonly<RoundModel>): boolean {
    return m.sessions.length === 2;
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const audience = m.people.slice(0, 3).filter((p, i) => this.audience[i] && !p.optedOut);
    if (audience.length === 0) return;
    const startsAt = Date.now() + 100 * MINUTE;
    const endsAt = startsAt + 60 * MINUTE;
    const wording = {
      sq: { venue: 'Salla e mësuesve', title: 'Punëtori me mësuesit' },
      en: { venue: 'Teachers’ room', title: 'Workshop with teachers' },
    };
    const response = await r.app.post(`/api/rounds/${m.roundId}/sessions`, {
      titleSq: wording.sq.title,
      titleEn: wording.en.title,
      venueSq: wording.sq.venue,
      venueEn: wording.en.venue,
      kind: 'workshop',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      audience: { contactIds: audience.map((p) => p.contactId) },
    });
    const ok = m.roundStatus === 'scheduled';
    expectStatus(this.toString(), response.status, ok ? 201 : 409, response.body);
    if (!ok) return;
    const id = response.body.id as string;
    // The API keeps whole milliseconds as given; the calendar check rounds to seconds.
    m.sessions.push({ id, startsAt, endsAt, wording, cancelled: false });
    mayTell(m, audience);
    // A late invitation step, planned at once, writes them moments later.
    const invitations = await waitFor(`${this}: its invitations written`, async () => {
      const theirs = (await roundInvitations(r, m.roundId, 0)).filter((i) => i.session.id === id);
      return theirs.length === audience.length ? theirs : undefined;
    });
    for (const person of audience) {
      const theirs = invitations.find((i) => i.contact.id === person.contactId);
      if (!theirs) throw new Error(`${this}: no invitation for ${person.email}`);
      person.answers.set(id, 'pending');
      person.invitationOf.set(id, theirs.id);
    }
  }
  toString(): string {
    return `addSession(${this.audience.map((a, i) => (a ? i : '')).join('')})`;
  }
}

class CancelRound implements RoundCommand {
  check(): boolean {
    return true;
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const response = await r.app.post(`/api/rounds/${m.roundId}/cancel`);
    const ok = m.roundStatus === 'scheduled';
    expectStatus(this.toString(), response.status, ok ? 200 : 409, response.body);
    if (!ok) return;
    m.roundStatus = 'cancelled';
    for (const session of m.sessions) {
      if (!session.cancelled) mayTell(m, concernedBy(m, session));
      session.cancelled = true;
    }
  }
  toString(): string {
    return 'cancelRound';
  }
}

/** Who may still answer for a session: invited, not delegated, not opted out, round running. */
function answering(m: Readonly<RoundModel>, person: ModelPerson | undefined, session: number) {
  const s = m.sessions[session];
  const answer = s && person?.answers.get(s.id);
  return (
    person !== undefined &&
    answer !== undefined &&
    answer !== 'delegated' &&
    answer !== 'withdrawn' &&
    !person.optedOut &&
    changeable(m, s)
  );
}

/** Waits until the person has an e-mail about the session: they answer through its link. */
function holdingLink(r: RealRound, person: ModelPerson, sessionId: string) {
  return waitFor('an e-mail about the session to answer', () => hasBeenTold(r, person, sessionId));
}

class Answer implements RoundCommand {
  constructor(
    readonly person: number,
    readonly session: number,
    readonly answer: 'accept' | 'decline',
  ) {}
  check(m: Readonly<RoundModel>): boolean {
    return answering(m, m.people[this.person], this.session);
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const person = m.people[this.person];
    const session = m.sessions[this.session];
    await holdingLink(r, person, session.id);
    const invitationId = person.invitationOf.get(session.id) as string;
    const response = await rsvp(r, invitationId, { answer: this.answer });
    expectStatus(this.toString(), response.status, 303, response.body.slice(0, 300));
    person.answers.set(session.id, this.answer === 'accept' ? 'accepted' : 'declined');
    mayTell(m, [person]);
  }
  toString(): string {
    return `${this.answer}(person ${this.person}, session ${this.session})`;
  }
}

/** Sends a colleague instead; the colleague joins the people the checks follow. */
class Delegate implements RoundCommand {
  constructor(
    readonly person: number,
    readonly session: number,
  ) {}
  check(m: Readonly<RoundModel>): boolean {
    return answering(m, m.people[this.person], this.session);
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const person = m.people[this.person];
    const session = m.sessions[this.session];
    await holdingLink(r, person, session.id);
    m.serial += 1;
    const email = `colleague${m.serial}.${m.run}@example.al.test`;
    const invitationId = person.invitationOf.get(session.id) as string;
    const response = await rsvp(r, invitationId, {
      answer: 'delegate',
      substituteName: `Kolege ${m.serial}`,
      substituteEmail: email,
    });
    expectStatus(this.toString(), response.status, 303, response.body.slice(0, 300));
    person.answers.set(session.id, 'delegated');
    const invitations = await roundInvitations(r, m.roundId, 0);
    // A colleague sent before a seat was taken back keeps a withdrawn invitation beside the new one.
    const theirs = invitations.find(
      (i) => i.substituteForId === invitationId && i.status !== 'withdrawn',
    );
    if (!theirs) throw new Error(`${this}: no invitation for the colleague`);
    const colleague = (await r.app.get(`/api/contacts/${theirs.contact.id}`)).body;
    const standIn: ModelPerson = {
      contactId: theirs.contact.id,
      email,
      language: colleague.language,
      optedOut: false,
      answers: new Map([[session.id, 'pending']]),
      invitationOf: new Map([[session.id, theirs.id]]),
      standsInFor: person,
    };
    person.sent = (person.sent ?? new Map()).set(session.id, standIn);
    m.people.push(standIn);
    mayTell(m, [person, standIn]);
  }
  toString(): string {
    return `delegate(person ${this.person}, session ${this.session})`;
  }
}

/** The person's invitation to the session is withdrawn, and so is that of the colleague they sent. */
function withdraw(m: RoundModel, person: ModelPerson, sessionId: string): void {
  if (person.answers.get(sessionId) === 'withdrawn') return;
  person.answers.set(sessionId, 'withdrawn');
  mayTell(m, [person]);
  const colleague = person.sent?.get(sessionId);
  if (colleague) withdraw(m, colleague, sessionId);
}

/**
 * PATCHes the session's audience without one of the people it names: their
 * invitation is withdrawn (and the colleague's they sent), told once if
 * they had been told of the session.
 */
class TakeOff implements RoundCommand {
  constructor(
    readonly person: number,
    readonly session: number,
  ) {}
  check(m: Readonly<RoundModel>): boolean {
    const session = m.sessions[this.session];
    const person = m.people[this.person];
    // Someone who opted out is left as they are: the audience no longer yields them.
    return (
      !!session &&
      !!person &&
      !person.optedOut &&
      audienceOf(m as RoundModel, session).includes(person)
    );
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const session = m.sessions[this.session];
    const person = m.people[this.person];
    const staying = audienceOf(m, session).filter((other) => other !== person);
    const response = await r.app.patch(`/api/sessions/${session.id}`, {
      audience: { contactIds: staying.map((other) => other.contactId) },
    });
    const ok = changeable(m, session);
    expectStatus(this.toString(), response.status, ok ? 200 : 409, response.body);
    if (ok) withdraw(m, person, session.id);
  }
  toString(): string {
    return `takeOff(person ${this.person}, session ${this.session})`;
  }
}

/** Those who sent a colleague to a session that can still change, in the order they did. */
function seatsGivenAway(m: Readonly<RoundModel>): Array<[ModelPerson, ModelSession]> {
  return m.people.flatMap((person) =>
    m.sessions
      .filter(
        (session) =>
          person.answers.get(session.id) === 'delegated' &&
          !person.optedOut &&
          changeable(m as RoundModel, session),
      )
      .map((session): [ModelPerson, ModelSession] => [person, session]),
  );
}

/**
 * The last person who sent a colleague accepts after all: the colleague's
 * invitation is withdrawn. Chosen from the model, not drawn, so that it
 * happens at all.
 */
class TakeSeatBack implements RoundCommand {
  check(m: Readonly<RoundModel>): boolean {
    return seatsGivenAway(m).length > 0;
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const [person, session] = seatsGivenAway(m).at(-1) as [ModelPerson, ModelSession];
    const invitationId = person.invitationOf.get(session.id) as string;
    const response = await rsvp(r, invitationId, { answer: 'accept' });
    expectStatus(this.toString(), response.status, 303, response.body.slice(0, 300));
    const colleague = person.sent?.get(session.id);
    if (colleague) withdraw(m, colleague, session.id);
    person.answers.set(session.id, 'accepted');
    mayTell(m, [person]);
  }
  toString(): string {
    return 'takeSeatBack';
  }
}

class OptOut implements RoundCommand {
  constructor(readonly person: number) {}
  check(m: Readonly<RoundModel>): boolean {
    const person = m.people[this.person];
    return person !== undefined && !person.optedOut;
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const person = m.people[this.person];
    // The link is in an e-mail: without one (the round cancelled before it went) there is none to click.
    const told = () =>
      [...person.answers.keys()].some((sessionId) => hasBeenTold(r, person, sessionId));
    if (!told()) await drained(r, m.roundId);
    if (!told()) return;
    const response = await optOut(r, person.contactId);
    expectStatus(this.toString(), response.status, 200, response.body.slice(0, 300));
    person.optedOut = true;
    person.optedOutAt = Date.now();
  }
  toString(): string {
    return `optOut(person ${this.person})`;
  }
}

/**
 * Stops the separate worker process with SIGTERM while the commands before
 * have e-mails on their way, and starts another: its active jobs finish
 * before it exits, the app's own workers and the new one take the rest.
 */
class RestartWorker implements RoundCommand {
  check(): boolean {
    return true;
  }
  async run(_m: RoundModel, r: RealRound): Promise<void> {
    const code = await r.worker.process.stop('SIGTERM');
    // After its shutdown hooks Nest raises the signal again, so a clean stop has no exit code.
    if (code !== null && code !== 0)
      throw new Error(`${this}: exit code ${code}:\n${r.worker.process.log}`);
    r.worker.process = await WorkerProcess.start(r.app.config);
  }
  toString(): string {
    return 'restartWorker';
  }
}

/**
 * Moves the round's first session so that its reminder to non-responders
 * falls due in two seconds, and lets that time pass: the reminder reaches
 * exactly the people with an answer still pending for a live session, and
 * names only those sessions. Once a run: a reminder that went is not sent again.
 */
class RemindNow implements RoundCommand {
  check(m: Readonly<RoundModel>): boolean {
    const live = liveSessions(m as RoundModel);
    return (
      m.roundStatus === 'scheduled' &&
      !m.reminded &&
      live.length > 0 &&
      // Moved to half an hour ahead, the first session stays first.
      live.every((s) => s.startsAt > Date.now() + REMIND_BEFORE_MS + MINUTE)
    );
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    const [first] = liveSessions(m).sort((a, b) => a.startsAt - b.startsAt);
    const dueAt = Date.now() + 2000;
    const startsAt = dueAt + REMIND_BEFORE_MS;
    await move(m, r, first, startsAt, startsAt + first.endsAt - first.startsAt, String(this));
    m.reminded = true;
    const pendingFor = (person: ModelPerson) =>
      person.optedOut
        ? []
        : liveSessions(m)
            .filter((s) => person.answers.get(s.id) === 'pending')
            .map((s) => s.id);
    const due = m.people.filter((person) => pendingFor(person).length > 0);
    mayTell(m, due);
    await new Promise((resolve) => setTimeout(resolve, dueAt + 200 - Date.now()));
    await drained(r, m.roundId);
    const reminders = toldMails(r).filter((mail) => mail.kind === 'reminder');
    const breaches: string[] = [];
    for (const person of m.people) {
      const theirs = reminders.filter((mail) => mail.to === person.email.toLowerCase());
      const expected = pendingFor(person).sort();
      const named = theirs.map((mail) =>
        mail.events.map((e) => /^session-([0-9a-f-]+)\.contact-/.exec(e.uid)?.[1]).sort(),
      );
      const wanted = expected.length ? [expected] : [];
      if (JSON.stringify(named) !== JSON.stringify(wanted))
        breaches.push(
          `${person.email}: reminded about ${JSON.stringify(named)}, pending for ${JSON.stringify(wanted)}`,
        );
    }
    if (breaches.length) throw new Error(`${this}:\n${breaches.join('\n')}`);
  }
  toString(): string {
    return 'remindNow';
  }
}

/** Lets time pass until every e-mail the round has queued is sent. */
class Drain implements RoundCommand {
  check(): boolean {
    return true;
  }
  async run(m: RoundModel, r: RealRound): Promise<void> {
    await drainedAsModelled(m, r);
  }
  toString(): string {
    return 'drain';
  }
}

/**
 * Once the round's e-mails are all sent, everyone is told what the model says
 * they should know, and no e-mail since the last drain reached anyone the
 * commands since had no reason to write to.
 */
export async function drainedAsModelled(m: RoundModel, r: RealRound): Promise<void> {
  await drained(r, m.roundId);
  const mails = toldMails(r);
  const breaches = contractBreaches(m, mails, r.app.config.appSecret);
  for (const mail of mails)
    if (mail.receivedAt > m.drainedAt && !m.mayBeTold.has(mail.to))
      breaches.push(
        `${mail.to}: "${mail.subject}" though nothing since the last drain concerned them`,
      );
  if (breaches.length) throw new Error(breaches.join('\n'));
  m.drainedAt = Date.now();
  m.mayBeTold.clear();
}

const session = fc.integer({ min: 0, max: 2 });
const person = fc.integer({ min: 0, max: 4 });

/**
 * One arbitrary with weights: cancellations end a run's interest early, so
 * they come less often than changes and answers.
 */
export const roundCommands = [
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(session, fc.constantFrom<Move>('earlier', 'later', 'next day', 'same time'))
        .map(([s, move]) => new Reschedule(s, move)),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          session,
          fc.constantFrom('venue' as const, 'title' as const),
          fc.integer({ min: 0, max: 2 }),
        )
        .map(([s, field, variant]) => new Rename(s, field, variant)),
    },
    { weight: 1, arbitrary: session.map((s) => new CancelSession(s)) },
    { weight: 1, arbitrary: fc.constant(new CancelRound()) },
    {
      weight: 6,
      arbitrary: fc
        .tuple(person, session, fc.constantFrom('accept' as const, 'decline' as const))
        .map(([p, s, answer]) => new Answer(p, s, answer)),
    },
    { weight: 4, arbitrary: fc.tuple(person, session).map(([p, s]) => new Delegate(p, s)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 2 }), session)
        .map(([p, s]) => new TakeOff(p, s)),
    },
    { weight: 3, arbitrary: fc.constant(new TakeSeatBack()) },
    { weight: 1, arbitrary: person.map((p) => new OptOut(p)) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.boolean(), { minLength: 3, maxLength: 3 })
        .map((audience) => new AddSession(audience)),
    },
    { weight: 1, arbitrary: fc.constant(new RestartWorker()) },
    { weight: 1, arbitrary: fc.constant(new RemindNow()) },
    { weight: 2, arbitrary: fc.constant(new Drain()) },
  ),
];
