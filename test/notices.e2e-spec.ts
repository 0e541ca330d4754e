import { DateTime } from 'luxon';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundQuiet, waitFor } from './support/wait-for';

const HOUR = 3600_000;
const TIRANA = 'Europe/Tirane';

/**
 * The rules of "every change reaches exactly the people it concerns", each
 * in the order of changes that once broke it, on the real queue and a real
 * SMTP server: notices are composed when they leave, from what each person
 * was last told.
 */
describe('notices of a change of plan', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let campaignId: string;
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: sink.url,
      SEND_RETRY_BASE_MS: '300',
      // Slow enough that a fan-out of 1,000 is still on its way when the round is cancelled.
      SEND_RATE_PER_SECOND: '100',
      RECONCILE_EVERY_MS: '300',
    });
    campaignId = await fastCampaign(app, { inviteBefore: 'PT2H', reminders: [] });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  beforeEach(() => sink.reset());

  async function person(name: string, language: 'sq' | 'en' = 'sq') {
    serial += 1;
    const email = `${name.toLowerCase()}.${serial}@example.al.test`;
    return { id: await contact(app, `${name} Test`, email, { language }), email };
  }

  /** A scheduled round whose invitations have all been received. */
  async function invitedRound(
    sessions: Array<{ title: string; startInMs?: number; contactIds: string[] }>,
  ) {
    const { roundId, sessionIds } = await draftRound(
      app,
      campaignId,
      sessions.map((session, index) => ({
        titleSq: `${session.title} (sq)`,
        titleEn: session.title,
        startInMs: session.startInMs ?? HOUR + index * 3 * HOUR,
        audience: { contactIds: session.contactIds },
      })),
    );
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    const people = new Set(sessions.flatMap((session) => session.contactIds));
    await sink.waitFor(people.size);
    await quiet(roundId);
    return { roundId, sessionIds };
  }

  const quiet = (roundId: string) => roundQuiet(app, roundId);

  const mailsTo = (address: string) => sink.messages.filter((m) => m.envelope.to[0] === address);
  const calendarOf = (mail: ReceivedMail) => (mail.calendar ?? '').replace(/\r?\n[ \t]/g, '');
  /** Each VEVENT of the calendar part: UID, SEQUENCE and DTSTART. */
  const eventsOf = (mail: ReceivedMail) =>
    calendarOf(mail)
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((event) => ({
        uid: /UID:(\S+)/.exec(event)?.[1] ?? '',
        sequence: Number(/SEQUENCE:(\d+)/.exec(event)?.[1]),
        start: /DTSTART[^:]*:(\S+)/.exec(event)?.[1] ?? '',
        location: /LOCATION:(.*)/.exec(event)?.[1]?.trim(),
      }));
  const method = (mail: ReceivedMail) => /METHOD:(\w+)/.exec(calendarOf(mail))?.[1];
  const icsTime = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const inTirana = (at: Date, format: string) =>
    DateTime.fromJSDate(at).setZone(TIRANA).setLocale('en').toFormat(format);

  const session = async (id: string) => (await app.get(`/api/sessions/${id}`)).body;
  const later = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms).toISOString();
  async function moveBy(sessionId: string, ms: number) {
    const current = await session(sessionId);
    const moved = await app.patch(`/api/sessions/${sessionId}`, {
      startsAt: later(current.startsAt, ms),
      endsAt: later(current.endsAt, ms),
    });
    expect(moved.status).toBe(200);
    return moved.body;
  }

  it('tells a change of venue or title with what the person knew, under the same UID and a higher SEQUENCE, and nothing for a change that changes nothing', async () => {
    const arta = await person('Arta');
    const ben = await person('Ben', 'en');
    const { roundId, sessionIds } = await invitedRound([
      { title: 'Meeting with the Technical Table', contactIds: [arta.id, ben.id] },
    ]);
    const [invitation] = mailsTo(ben.email);
    expect(eventsOf(invitation)[0].sequence).toBe(0);

    const before = await session(sessionIds[0]);
    sink.reset();
    const venue = { venueSq: 'Prefektura e Elbasanit', venueEn: 'Elbasan Prefecture' };
    expect((await app.patch(`/api/sessions/${sessionIds[0]}`, venue)).status).toBe(200);
    const [toArta, toBen] = await Promise.all(
      [arta, ben].map(async (p) => {
        await waitFor('the venue notice', () => mailsTo(p.email).length === 1 || undefined);
        return mailsTo(p.email)[0];
      }),
    );
    expect(toBen.text).toContain(`Venue was: ${before.venueEn}`);
    expect(toBen.text).toContain('Venue now: Elbasan Prefecture');
    expect(toArta.text).toContain('Vendi tani: Prefektura e Elbasanit');
    expect(method(toBen)).toBe('REQUEST');
    expect(eventsOf(toBen)[0]).toMatchObject({
      uid: eventsOf(invitation)[0].uid,
      sequence: 1,
      location: 'Elbasan Prefecture',
    });

    sink.reset();
    const version = (await app.get(`/api/rounds/${roundId}`)).body.scheduleVersion;
    expect((await app.patch(`/api/sessions/${sessionIds[0]}`, venue)).status).toBe(200);
    // The same venue again changes nothing, the version included.
    expect((await app.get(`/api/rounds/${roundId}`)).body.scheduleVersion).toBe(version);
    const renamed = await app.patch(`/api/sessions/${sessionIds[0]}`, {
      titleEn: 'Working meeting with the Technical Table',
    });
    expect(renamed.status).toBe(200);
    await waitFor('the title notice', () => mailsTo(ben.email).length === 1 || undefined);
    await quiet(roundId);
    // Only Ben reads the English title; Arta's e-mails show the Albanian one, which stayed.
    expect(mailsTo(arta.email)).toHaveLength(0);
    const [retitled] = mailsTo(ben.email);
    expect(retitled.text).toContain('Previously: Meeting with the Technical Table');
    expect(eventsOf(retitled)[0].sequence).toBe(2);
    expect((await app.get(`/api/rounds/${roundId}`)).body.scheduleVersion).toBe(version + 1);
  });

  it('cancels a round in the middle of a 1,000-invitation fan-out to exactly the people who were sent an invitation', async () => {
    serial += 1;
    const rows = Array.from(
      { length: 1000 },
      (_, i) =>
        `Ftuar ${i},guest.${serial}.${i}@example.al.test,Bashkia Fanout ${serial},Elbasan,municipality`,
    );
    const imported = await app.request('POST', '/api/import/contacts', {
      raw: `name,email,institution,county,institution_kind\r\n${rows.join('\r\n')}\r\n`,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(imported.status).toBe(200);
    const institution = (
      await app.get(`/api/institutions?q=${encodeURIComponent(`Bashkia Fanout ${serial}`)}`)
    ).body.items[0];
    const { roundId } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim informues',
        titleEn: 'Information meeting',
        startInMs: HOUR,
        audience: { institutionIds: [institution.id] },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await sink.waitFor(100, 30_000);
    expect((await app.post(`/api/rounds/${roundId}/cancel`)).status).toBe(200);
    await quiet(roundId);

    const invited = new Set(
      sink.messages.filter((m) => method(m) === 'REQUEST').map((m) => m.envelope.to[0]),
    );
    const cancelled = sink.messages
      .filter((m) => method(m) === 'CANCEL')
      .map((m) => m.envelope.to[0]);
    expect(invited.size).toBeGreaterThanOrEqual(100);
    // The cancellation waits for the batches in flight, not for the fan-out (50 a batch, 2 a second).
    expect(invited.size).toBeLessThan(500);
    expect(new Set(cancelled).size).toBe(cancelled.length);
    expect(new Set(cancelled)).toEqual(invited);
  }, 120_000);

  it('cancels a session, then its round: one cancellation each, the second listing only the session it cancels', async () => {
    const [arta, ben, dea] = await Promise.all([
      person('Arta'),
      person('Ben', 'en'),
      person('Dea'),
    ]);
    const { roundId, sessionIds } = await invitedRound([
      { title: 'Meeting at the prefecture', contactIds: [arta.id, ben.id] },
      { title: 'Workshop with teachers', contactIds: [ben.id, dea.id] },
    ]);
    const [first, second] = sessionIds;
    const uidOf = (p: { email: string }, sessionId: string) =>
      eventsOf(mailsTo(p.email)[0]).find((e) => e.uid.startsWith(`session-${sessionId}.`))?.uid;
    const benSecondUid = uidOf(ben, second);
    sink.reset();

    expect((await app.post(`/api/sessions/${first}/cancel`)).status).toBe(200);
    await sink.waitFor(2);
    await quiet(roundId);
    expect((await app.post(`/api/rounds/${roundId}/cancel`)).status).toBe(200);
    await sink.waitFor(4);
    await quiet(roundId);

    expect(mailsTo(arta.email)).toHaveLength(1);
    expect(mailsTo(dea.email)).toHaveLength(1);
    const toBen = mailsTo(ben.email);
    expect(toBen).toHaveLength(2);
    expect(toBen.every((mail) => method(mail) === 'CANCEL')).toBe(true);
    expect(toBen[1].text).toContain('Workshop with teachers');
    expect(toBen[1].text).not.toContain('Meeting at the prefecture');
    expect(eventsOf(toBen[1]).map((event) => event.uid)).toEqual([benSecondUid]);
    expect(eventsOf(toBen[1])[0].sequence).toBe(1);
  });

  it('cancels the round with its last live session: its follow-up, attendance and report withdrawn, nobody told twice', async () => {
    const [arta, ben] = await Promise.all([person('Arta'), person('Ben')]);
    const { roundId, sessionIds } = await invitedRound([
      { title: 'Meeting at the prefecture', contactIds: [arta.id, ben.id] },
      { title: 'Workshop with teachers', contactIds: [ben.id] },
    ]);
    sink.reset();
    for (const sessionId of sessionIds) {
      expect((await app.post(`/api/sessions/${sessionId}/cancel`)).status).toBe(200);
    }
    await quiet(roundId);

    expect((await app.get(`/api/rounds/${roundId}`)).body.status).toBe('cancelled');
    const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
    for (const kind of ['follow_up', 'report', 'attendance_opens']) {
      expect(steps.filter((s) => s.kind === kind && s.status === 'pending')).toEqual([]);
    }
    expect(sink.messages.every((mail) => method(mail) === 'CANCEL')).toBe(true);
    // Cancellations close together may share an e-mail; each session is cancelled once per person.
    const cancelledFor = (p: { email: string }) =>
      mailsTo(p.email).flatMap((mail) => eventsOf(mail).map((event) => event.uid.split('.')[0]));
    expect(cancelledFor(arta)).toEqual([`session-${sessionIds[0]}`]);
    expect(cancelledFor(ben).sort()).toEqual(sessionIds.map((id) => `session-${id}`).sort());
    expect((await app.post(`/api/rounds/${roundId}/cancel`)).status).toBe(409);
  });

  it('tells everyone of two sessions changed within a second of each other, each change against what they knew', async () => {
    const [arta, ben, dea] = await Promise.all([
      person('Arta', 'en'),
      person('Ben', 'en'),
      person('Dea', 'en'),
    ]);
    const { roundId, sessionIds } = await invitedRound([
      { title: 'Meeting at the prefecture', contactIds: [arta.id, ben.id] },
      { title: 'Workshop with teachers', contactIds: [ben.id, dea.id] },
    ]);
    const before = await Promise.all(sessionIds.map(session));
    sink.reset();
    const [movedFirst, movedSecond] = [
      await moveBy(sessionIds[0], HOUR / 2),
      await moveBy(sessionIds[1], HOUR / 2),
    ];
    await waitFor(
      'notices to all three',
      () => [arta, ben, dea].every((p) => mailsTo(p.email).length > 0) || undefined,
    );
    await quiet(roundId);

    const wasLine = (s: { startsAt: string }) => `Was: ${inTirana(new Date(s.startsAt), 'cccc')}`;
    for (const [p, expected] of [
      [arta, [0]],
      [ben, [0, 1]],
      [dea, [1]],
    ] as const) {
      const mails = mailsTo(p.email);
      const told = new Map<string, string>();
      for (const mail of mails)
        for (const event of eventsOf(mail)) told.set(event.uid, event.start);
      expect(told.size).toBe(expected.length);
      const finals = expected.map((i) => icsTime(new Date([movedFirst, movedSecond][i].startsAt)));
      expect([...told.values()].sort()).toEqual(finals.sort());
      for (const i of expected) {
        expect(mails.map((m) => m.text).join('\n')).toContain(wasLine(before[i]));
      }
    }
  });

  it('folds a change superseded before its notice left into one notice whose Was is what the person was told', async () => {
    const arta = await person('Arta', 'en');
    const { roundId, sessionIds } = await invitedRound([
      { title: 'Meeting at the prefecture', contactIds: [arta.id] },
    ]);
    const original = await session(sessionIds[0]);
    sink.reset();
    sink.failFor(arta.email, 451, 'Try again later');
    await moveBy(sessionIds[0], HOUR / 2);
    await waitFor('the first notice refused', () => sink.rejections.length > 0 || undefined);
    const final = await moveBy(sessionIds[0], HOUR / 2);
    sink.acceptAgain(arta.email);
    await sink.waitFor(1);
    await quiet(roundId);

    const [notice] = mailsTo(arta.email);
    expect(mailsTo(arta.email)).toHaveLength(1);
    expect(notice.text).toContain(`Was: ${inTirana(new Date(original.startsAt), 'cccc')}`);
    expect(eventsOf(notice)[0]).toMatchObject({
      sequence: 1,
      start: icsTime(new Date(final.startsAt)),
    });

    // Moved and moved back before anything left: the person already knows the time that stands.
    sink.reset();
    sink.failFor(arta.email, 451, 'Try again later');
    await moveBy(sessionIds[0], HOUR);
    await waitFor('the notice refused', () => sink.rejections.length > 0 || undefined);
    await moveBy(sessionIds[0], -HOUR);
    sink.acceptAgain(arta.email);
    await quiet(roundId);
    expect(mailsTo(arta.email)).toHaveLength(0);
    const rows = await app.orm.em
      .fork()
      .getConnection()
      .execute<{ status: string }[]>(
        `select status from message where round_id = ? and template = 'change-notice' order by created_at`,
        [roundId],
      );
    expect(rows.map((row) => row.status)).toEqual(['sent', 'skipped']);
  });

  it('applies two racing reschedules of one session in order: the last e-mail shows the final time with a higher SEQUENCE', async () => {
    const arta = await person('Arta');
    const { roundId, sessionIds } = await invitedRound([
      { title: 'Meeting at the prefecture', contactIds: [arta.id] },
    ]);
    const current = await session(sessionIds[0]);
    sink.reset();
    const answers = await Promise.all(
      [HOUR / 2, HOUR].map((ms) =>
        app.patch(`/api/sessions/${sessionIds[0]}`, {
          startsAt: later(current.startsAt, ms),
          endsAt: later(current.endsAt, ms),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await sink.waitFor(1);
    await quiet(roundId);
    const final = await session(sessionIds[0]);
    const mails = mailsTo(arta.email);
    const sequences = mails.map((mail) => eventsOf(mail)[0].sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(eventsOf(mails.at(-1)!)[0].start).toBe(icsTime(new Date(final.startsAt)));
  });

  it('asks again those whose answer a move to another day reset, in their language', async () => {
    const [arta, ben] = await Promise.all([person('Arta'), person('Ben', 'en')]);
    const { roundId, sessionIds } = await invitedRound([
      { title: 'Meeting at the prefecture', contactIds: [arta.id, ben.id] },
    ]);
    const invitations = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
    for (const invitation of invitations) {
      const answered = await app.post(`/api/invitations/${invitation.id}/response`, {
        answer: 'accept',
        source: 'phone',
      });
      expect(answered.status).toBe(200);
    }
    await sink.waitFor(4);
    await quiet(roundId);
    sink.reset();
    await moveBy(sessionIds[0], 24 * HOUR);
    await sink.waitFor(2);
    expect(mailsTo(ben.email)[0].text).toContain(
      'your earlier reply no longer holds: please reply again',
    );
    expect(mailsTo(arta.email)[0].text).toContain('ju lutemi përgjigjuni sërish');
    const after = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
    expect(after.map((invitation) => invitation.status)).toEqual(['pending', 'pending']);
  });

  it('refuses a move into the past, and any change or cancellation of a session that has started or of a round that was held', async () => {
    const arta = await person('Arta');
    const { roundId, sessionIds } = await invitedRound([
      { title: 'Meeting at the prefecture', startInMs: 4000, contactIds: [arta.id] },
      { title: 'Workshop with teachers', contactIds: [arta.id] },
    ]);
    const past = new Date(Date.now() - HOUR);
    const intoPast = await app.patch(`/api/sessions/${sessionIds[1]}`, {
      startsAt: past.toISOString(),
      endsAt: new Date(past.getTime() + HOUR / 2).toISOString(),
    });
    expect(intoPast.status).toBe(422);
    expect(intoPast.body.errors).toEqual([expect.objectContaining({ field: 'startsAt' })]);

    await waitFor(
      'the first session to start',
      async () => new Date((await session(sessionIds[0])).startsAt) <= new Date() || undefined,
    );
    const moved = await app.patch(`/api/sessions/${sessionIds[0]}`, { venueEn: 'Elsewhere' });
    expect(moved.status).toBe(409);
    expect(JSON.stringify(moved.body)).toContain('the session has started');
    expect((await app.post(`/api/sessions/${sessionIds[0]}/cancel`)).status).toBe(409);
    const topics = await app.patch(`/api/sessions/${sessionIds[0]}`, {
      topicsEn: ['identification of victims'],
    });
    expect(topics.status).toBe(200);

    const held = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim',
        titleEn: 'Meeting',
        startInMs: -3 * HOUR,
        durationMs: HOUR,
        audience: {},
      },
    ]);
    expect((await app.post(`/api/rounds/${held.roundId}/complete`)).status).toBe(200);
    expect((await app.post(`/api/sessions/${held.sessionIds[0]}/cancel`)).status).toBe(409);
    await quiet(roundId);
  });
});
