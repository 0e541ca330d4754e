import { DateTime } from 'luxon';
import { DashboardSession } from './support/dashboard-session';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundQuiet } from './support/wait-for';

const HOUR = 3600_000;
const TIRANA = 'Europe/Tirane';

/**
 * Changing a round that is already running, on the real queue and a real
 * SMTP server: a session added after the invitations left invites its own
 * audience at once, and a session postponed past the round's last day takes
 * the round's dates with it, up to the longest round the product allows.
 */
describe('changes to a running round', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let campaignId: string;
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: sink.url,
      SEND_RETRY_BASE_MS: '300',
      RECONCILE_EVERY_MS: '300',
    });
    // The invitation goes at once; the reminder and the attendance sheets are still ahead.
    campaignId = await fastCampaign(app, {
      inviteBefore: 'PT6H',
      reminders: [{ before: 'PT2H', audience: 'non_responders' }],
    });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  beforeEach(() => sink.reset());

  async function person(name: string) {
    serial += 1;
    const email = `${name.toLowerCase()}.${serial}@example.al.test`;
    return { id: await contact(app, `${name} Test`, email, { language: 'en' }), email };
  }

  /** A scheduled round of one session whose invitations have been received. */
  async function invitedRound(contactIds: string[]) {
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim në prefekturë',
        titleEn: 'Meeting at the prefecture',
        startInMs: 4 * HOUR,
        audience: { contactIds },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await sink.waitFor(contactIds.length);
    await quiet(roundId);
    return { roundId, sessionId: sessionIds[0] };
  }

  const quiet = (roundId: string) => roundQuiet(app, roundId);

  const mailsTo = (address: string) => sink.messages.filter((m) => m.envelope.to[0] === address);
  const calendarOf = (mail: ReceivedMail) => (mail.calendar ?? '').replace(/\r?\n[ \t]/g, '');
  const eventsOf = (mail: ReceivedMail) =>
    calendarOf(mail)
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((event) => ({
        uid: /UID:(\S+)/.exec(event)?.[1] ?? '',
        start: /DTSTART[^:]*:(\S+)/.exec(event)?.[1] ?? '',
      }));
  const method = (mail: ReceivedMail) => /METHOD:(\w+)/.exec(calendarOf(mail))?.[1];
  const icsTime = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const inTirana = (at: Date, format: string) =>
    DateTime.fromJSDate(at).setZone(TIRANA).setLocale('en').toFormat(format);
  const steps = async (roundId: string) =>
    (await app.get(`/api/rounds/${roundId}/steps`)).body as {
      scheduleVersion: number;
      steps: Array<{
        kind: string;
        status: string;
        sessionId: string | null;
        version: number;
        dueAt: string;
      }>;
    };
  /** 10:00 in Tirana on the given calendar day, for two hours. */
  const tenOn = (date: string) => {
    const startsAt = DateTime.fromISO(`${date}T10:00`, { zone: TIRANA });
    return { startsAt: startsAt.toISO(), endsAt: startsAt.plus({ hours: 2 }).toISO() };
  };
  const dayAfter = (date: string, days = 1) =>
    DateTime.fromISO(date).plus({ days }).toISODate() as string;

  it('invites the audience of a session added after the invitations left, once each, about that session only', async () => {
    const [arta, ben, cen] = await Promise.all([person('Arta'), person('Ben'), person('Cen')]);
    const { roundId, sessionId: first } = await invitedRound([arta.id, ben.id]);
    const before = await steps(roundId);
    sink.reset();

    const startsAt = new Date(Date.now() + 8 * HOUR);
    const added = await app.post(`/api/rounds/${roundId}/sessions`, {
      titleSq: 'Punëtori me mësuesit',
      titleEn: 'Workshop with teachers',
      kind: 'workshop',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
      audience: { contactIds: [arta.id, cen.id] },
    });
    expect(added.status).toBe(201);
    const second = added.body.id as string;
    await sink.waitFor(2);
    await quiet(roundId);

    expect(mailsTo(ben.email)).toHaveLength(0);
    for (const p of [arta, cen]) {
      const mails = mailsTo(p.email);
      expect(mails).toHaveLength(1);
      expect(method(mails[0])).toBe('REQUEST');
      expect(eventsOf(mails[0])).toEqual([
        { uid: expect.stringMatching(`^session-${second}\\.`), start: icsTime(startsAt) },
      ]);
      expect(mails[0].text).toContain('Workshop with teachers');
      expect(mails[0].text).not.toContain('Meeting at the prefecture');
    }
    const invitations = (await app.get(`/api/rounds/${roundId}/invitations?limit=100`)).body.items;
    expect(
      invitations
        .map((i: { session: { id: string }; contact: { id: string } }) => [
          i.session.id,
          i.contact.id,
        ])
        .sort(),
    ).toEqual(
      [
        [first, arta.id],
        [first, ben.id],
        [second, arta.id],
        [second, cen.id],
      ].sort(),
    );

    // The plan was made anew: the reminder and the new session's attendance sheet under the new version.
    const after = await steps(roundId);
    expect(after.scheduleVersion).toBe(before.scheduleVersion + 1);
    const pending = after.steps.filter((step) => step.status === 'pending');
    expect(pending.map((step) => [step.kind, step.sessionId, step.version]).sort()).toEqual(
      [
        ['attendance_opens', first, after.scheduleVersion],
        ['attendance_opens', second, after.scheduleVersion],
        ['follow_up', null, after.scheduleVersion],
        ['remind', null, after.scheduleVersion],
        ['report', null, after.scheduleVersion],
      ].sort(),
    );
    expect(
      after.steps.filter((step) => step.kind === 'invite' && step.status === 'done'),
    ).toHaveLength(2);

    const coordinator = await DashboardSession.signIn(app);
    const plan = await coordinator.get(`/app/rounds/${roundId}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.text).toMatch(/Punëtori me mësuesit|Workshop with teachers/);
    expect(plan.text).toContain('id="session-form"');
    expect(plan.text).toContain('id="add-invites"');
  });

  it('extends the round to a session postponed past its last day and tells its invitees the new time', async () => {
    const arta = await person('Arta');
    const { roundId, sessionId } = await invitedRound([arta.id]);
    const round = (await app.get(`/api/rounds/${roundId}`)).body;
    sink.reset();

    // The reschedule page offers the days the round can stretch to, and no others.
    const page = await (
      await DashboardSession.signIn(app)
    ).get(`/app/sessions/${sessionId}/reschedule`);
    expect(page.text).toContain(
      `min="${dayAfter(round.endsOn, -6)}" max="${dayAfter(round.startsOn, 6)}"`,
    );

    const moved = tenOn(dayAfter(round.endsOn));
    const response = await app.patch(`/api/sessions/${sessionId}`, moved);
    expect(response.status).toBe(200);
    const extended = (await app.get(`/api/rounds/${roundId}`)).body;
    expect({ startsOn: extended.startsOn, endsOn: extended.endsOn }).toEqual({
      startsOn: round.startsOn,
      endsOn: dayAfter(round.endsOn),
    });

    await sink.waitFor(1);
    await quiet(roundId);
    const [notice] = mailsTo(arta.email);
    expect(mailsTo(arta.email)).toHaveLength(1);
    const newStart = new Date(moved.startsAt as string);
    expect(notice.text).toContain(`Now: ${inTirana(newStart, 'cccc')}`);
    expect(eventsOf(notice)[0].start).toBe(icsTime(newStart));
    const pending = (await steps(roundId)).steps.filter((step) => step.status === 'pending');
    expect(pending.map((step) => step.kind).sort()).toEqual(
      ['attendance_opens', 'follow_up', 'remind', 'report'].sort(),
    );
  });

  it('refuses a postponement that would make the round longer than seven days, changing nothing', async () => {
    const arta = await person('Arta');
    const { roundId, sessionId } = await invitedRound([arta.id]);
    const round = (await app.get(`/api/rounds/${roundId}`)).body;
    const session = (await app.get(`/api/sessions/${sessionId}`)).body;
    const scheduled = await steps(roundId);
    sink.reset();

    const eighthDay = dayAfter(round.startsOn, 7);
    const response = await app.patch(`/api/sessions/${sessionId}`, tenOn(eighthDay));
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      {
        field: 'startsAt',
        reason: `would make the round run ${round.startsOn} to ${eighthDay}, 8 days; a round lasts at most 7`,
      },
    ]);

    expect((await app.get(`/api/rounds/${roundId}`)).body).toMatchObject({
      startsOn: round.startsOn,
      endsOn: round.endsOn,
      scheduleVersion: round.scheduleVersion,
    });
    expect((await app.get(`/api/sessions/${sessionId}`)).body).toMatchObject({
      startsAt: session.startsAt,
      endsAt: session.endsAt,
    });
    expect(await steps(roundId)).toEqual(scheduled);
    await quiet(roundId);
    expect(sink.messages).toHaveLength(0);
  });

  it('adds a session from the round page while the send window is shut, and a later reschedule keeps its late invitation', async () => {
    // The window opens only tomorrow, so the late invitation waits, pending, through the next change.
    const tomorrow = DateTime.now().setZone(TIRANA).plus({ days: 1 });
    const shutCampaign = await fastCampaign(app, {
      inviteBefore: 'PT6H',
      reminders: [],
      sendWindow: { opensAt: '08:00', closesAt: '18:00', days: [tomorrow.weekday] },
    });
    const [arta, cen] = await Promise.all([person('Arta'), person('Cen')]);
    const noon = tomorrow.set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
    const { roundId, sessionIds } = await draftRound(app, shutCampaign, [
      {
        titleSq: 'Takim në prefekturë',
        titleEn: 'Meeting at the prefecture',
        startInMs: noon.toMillis() - Date.now(),
        audience: { contactIds: [arta.id] },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    // As if the invitation had left while the window was open.
    await app.orm.em
      .fork()
      .getConnection()
      .execute(`update step set status = 'done' where round_id = ? and kind = 'invite'`, [roundId]);

    const coordinator = await DashboardSession.signIn(app);
    const plan = await coordinator.get(`/app/rounds/${roundId}/plan`);
    expect(plan.text).toContain('id="add-invites"');
    const added = await coordinator.post(
      `/app/rounds/${roundId}/sessions`,
      {
        form: 'session',
        titleSq: 'Punëtori me mësuesit',
        titleEn: 'Workshop with teachers',
        kind: 'workshop',
        date: tomorrow.toISODate() as string,
        startTime: '14:00',
        endTime: '16:00',
        contactIds: [cen.id],
      },
      plan.text,
    );
    expect(added.status).toBe(303);
    const opens = tomorrow.set({ hour: 8, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    const lateInvites = async () => {
      const { scheduleVersion, steps: all } = await steps(roundId);
      return all
        .filter((step) => step.kind === 'invite' && step.status === 'pending')
        .map((step) => ({ version: step.version - scheduleVersion, dueAt: step.dueAt }));
    };
    expect(await lateInvites()).toEqual([{ version: 0, dueAt: opens.toISOString() }]);

    const first = (await app.get(`/api/sessions/${sessionIds[0]}`)).body;
    const moved = await app.patch(`/api/sessions/${sessionIds[0]}`, {
      startsAt: new Date(new Date(first.startsAt).getTime() + HOUR).toISOString(),
      endsAt: new Date(new Date(first.endsAt).getTime() + HOUR).toISOString(),
    });
    expect(moved.status).toBe(200);
    expect(await lateInvites()).toEqual([{ version: 0, dueAt: opens.toISOString() }]);
    expect(sink.messages).toHaveLength(0);
  });

  it('keeps a cancellation waiting for the send window through a reschedule of another session', async () => {
    const tomorrow = DateTime.now().setZone(TIRANA).plus({ days: 1 });
    const shutCampaign = await fastCampaign(app, {
      inviteBefore: 'PT6H',
      reminders: [],
      sendWindow: { opensAt: '08:00', closesAt: '18:00', days: [tomorrow.weekday] },
    });
    const arta = await person('Arta');
    const at = (hour: number) =>
      tomorrow.set({ hour, minute: 0, second: 0, millisecond: 0 }).toMillis() - Date.now();
    const { roundId, sessionIds } = await draftRound(
      app,
      shutCampaign,
      [11, 15].map((hour) => ({
        titleSq: `Takim ${hour}`,
        titleEn: `Meeting ${hour}`,
        startInMs: at(hour),
        audience: { contactIds: [arta.id] },
      })),
    );
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    // As if the invitations had left while the window was open.
    await app.orm.em
      .fork()
      .getConnection()
      .execute(`update step set status = 'done' where round_id = ? and kind = 'invite'`, [roundId]);

    expect((await app.post(`/api/sessions/${sessionIds[0]}/cancel`)).status).toBe(200);
    const waiting = (await steps(roundId)).steps.filter(
      (step) => step.kind === 'cancel_notice' && step.status === 'pending',
    );
    const opens = tomorrow.set({ hour: 8, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    expect(waiting.map((step) => step.dueAt)).toEqual([opens.toISOString()]);

    const second = (await app.get(`/api/sessions/${sessionIds[1]}`)).body;
    const moved = await app.patch(`/api/sessions/${sessionIds[1]}`, {
      startsAt: new Date(new Date(second.startsAt).getTime() + HOUR).toISOString(),
      endsAt: new Date(new Date(second.endsAt).getTime() + HOUR).toISOString(),
    });
    expect(moved.status).toBe(200);
    const after = (await steps(roundId)).steps.filter((step) => step.kind === 'cancel_notice');
    expect(after).toEqual(waiting);
  });

  it('adds no session to a cancelled round', async () => {
    const arta = await person('Arta');
    const { roundId } = await invitedRound([arta.id]);
    expect((await app.post(`/api/rounds/${roundId}/cancel`)).status).toBe(200);
    await quiet(roundId);
    sink.reset();

    const startsAt = new Date(Date.now() + 8 * HOUR);
    const response = await app.post(`/api/rounds/${roundId}/sessions`, {
      titleSq: 'Punëtori',
      titleEn: 'Workshop',
      kind: 'workshop',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
      audience: { contactIds: [arta.id] },
    });
    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([
      { field: 'status', reason: 'round is cancelled; its sessions can no longer change' },
    ]);
    expect((await app.get(`/api/rounds/${roundId}/sessions`)).body).toHaveLength(1);
  });
});
