import { randomUUID } from 'node:crypto';
import { RequestContext } from '@mikro-orm/postgresql';
import { RequestError } from '../src/common/request-error';
import { RoundScheduler } from '../src/workflow/round-scheduler';
import { holdRoundAgainstSends, SendLocks } from '../src/workflow/send-locks';
import { invitedRound } from './support/invited-round';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * A county round driven by the real queue: PostgreSQL, Redis and BullMQ,
 * and an SMTP server that receives and parses every e-mail. Policy offsets
 * are seconds, so a round plays out within a test.
 */
describe('a round moving through its steps', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let committeeId: string;
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: sink.url,
      SEND_RETRY_BASE_MS: '100',
      RECONCILE_EVERY_MS: '300',
    });
    const committee = await app.post('/api/committees', {
      name: 'Tryeza Teknike Antitrafik Elbasan',
      countyId: await app.countyId('Elbasan'),
    });
    committeeId = committee.body.id;
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  beforeEach(() => sink.reset());

  // A test that fails midway leaves its round scheduled; stop it, or its reminders
  // arrive in the next test's sink and that test fails for the wrong reason.
  afterEach(async () => {
    const connection = app.orm.em.fork().getConnection();
    await connection.execute(`update step set status = 'cancelled' where status = 'pending'`);
    await connection.execute(`update message set status = 'skipped' where status = 'queued'`);
  });

  /** Three invitees: two committee members (one also invited alone to the workshop) and one English speaker. */
  async function people() {
    serial += 1;
    const arber = await contact(app, 'Arbër Hoxha', `arber.${serial}@example.al.test`);
    const drita = await contact(app, 'Drita Koçi', `drita.${serial}@example.al.test`);
    const blerina = await contact(app, 'Blerina Shehu', `blerina.${serial}@example.al.test`, {
      language: 'en',
    });
    const optedOut = await contact(app, 'Gëzim Leka', `gezim.${serial}@example.al.test`);
    await app.patch(`/api/contacts/${optedOut}`, {
      optedOut: true,
      optOutReason: 'asked by phone',
    });
    const members = [arber, drita];
    const seats = await Promise.all(
      members.map((contactId) => app.post(`/api/committees/${committeeId}/members`, { contactId })),
    );
    return { arber, drita, blerina, optedOut, seats: seats.map((s) => s.body.id as string) };
  }

  async function endSeats(seats: string[]) {
    for (const seat of seats) await app.delete(`/api/committees/${committeeId}/members/${seat}`);
  }

  const to = (mail: ReceivedMail) => mail.envelope.to[0];
  /** ICS folds long lines at 75 octets; a reader unfolds them. */
  const calendarOf = (mail: ReceivedMail) => (mail.calendar ?? '').replace(/\r?\n[ \t]/g, '');
  /** The steps that write to invitees before the sessions; attendance, follow-up and report have tests of their own. */
  const steps = async (roundId: string) =>
    ((await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[]).filter(
      (step) => !['follow_up', 'attendance_opens', 'report'].includes(step.kind),
    );

  it('invites once per person, then reminds only non-responders, then only those who accepted', async () => {
    const who = await people();
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'PT9S',
      reminders: [
        { before: 'PT7S', audience: 'non_responders' },
        { before: 'PT5S', audience: 'accepted' },
      ],
    });
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        startInMs: 11_000,
        audience: { committeeIds: [committeeId], contactIds: [who.blerina, who.optedOut] },
      },
      {
        titleSq: 'Workshop me anëtarë të Tryezës Teknike Antitrafik',
        titleEn: 'Workshop with members of the Anti-Trafficking Technical Table',
        startInMs: 12_000,
        audience: { contactIds: [who.arber] },
      },
    ]);

    const scheduled = await app.post(`/api/rounds/${roundId}/schedule`);
    expect(scheduled.status).toBe(200);
    // Each session's sheet opens an hour before it starts: at once, for sessions seconds away,
    // so the worker may already be running or done with those steps when the timeline is read.
    expect(
      scheduled.body.steps.map((s: any) => [
        s.kind,
        s.kind === 'attendance_opens' && s.status !== 'skipped' ? 'not skipped' : s.status,
      ]),
    ).toEqual([
      ['attendance_opens', 'not skipped'],
      ['attendance_opens', 'not skipped'],
      ['invite', 'pending'],
      ['remind', 'pending'],
      ['remind', 'pending'],
      ['follow_up', 'pending'],
      ['report', 'pending'],
    ]);

    const invitations = await sink.waitFor(3, 8000);
    const byAddress = new Map(invitations.map((mail) => [to(mail), mail]));
    expect([...byAddress.keys()].sort()).toEqual(
      [`arber.${serial}`, `blerina.${serial}`, `drita.${serial}`]
        .map((n) => `${n}@example.al.test`)
        .sort(),
    );
    const arberMail = byAddress.get(`arber.${serial}@example.al.test`) as ReceivedMail;
    expect(arberMail.text).toContain('Takim me anëtarët e Tryezës Teknike');
    expect(arberMail.text).toContain('Workshop me anëtarë të Tryezës Teknike Antitrafik');
    expect(arberMail.calendar).toContain('METHOD:REQUEST');
    expect(arberMail.calendar?.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(calendarOf(arberMail)).toContain(`UID:session-${sessionIds[0]}.contact-${who.arber}@`);
    expect(arberMail.rawHeaders.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const blerinaMail = byAddress.get(`blerina.${serial}@example.al.test`) as ReceivedMail;
    expect(blerinaMail.text).toContain('Meeting with the members of the Technical Table');
    expect(blerinaMail.text).not.toContain('Workshop');

    await waitFor('the three invitations recorded as sent', async () => {
      const recorded = await app.get(`/api/rounds/${roundId}/messages?limit=200`);
      return recorded.body.items.every((m: any) => m.status === 'sent') ? true : undefined;
    });
    expect(invitations.map((m) => m.messageId).sort()).toEqual(
      (
        await app.orm.em
          .fork()
          .getConnection()
          .execute('select message_id_header from message where round_id = ?', [roundId])
      )
        .map((r: any) => r.message_id_header)
        .sort(),
    );

    // Blerina accepts before the first reminder (the RSVP pages come with the next issue).
    await app.orm.em
      .fork()
      .getConnection()
      .execute(
        `update invitation set status = 'accepted', responded_at = now() where contact_id = ?`,
        [who.blerina],
      );

    const afterReminders = await sink.waitFor(6, 12_000);
    const reminders = afterReminders.slice(3);
    const nonResponders = reminders.filter((m) => !to(m).startsWith('blerina'));
    expect(nonResponders.map(to).sort()).toEqual(
      [`arber.${serial}@example.al.test`, `drita.${serial}@example.al.test`].sort(),
    );
    const dayBefore = reminders.filter((m) => to(m).startsWith('blerina'));
    expect(dayBefore).toHaveLength(1);
    expect(dayBefore[0].subject).not.toEqual(blerinaMail.subject);

    // The SMTP server counts a message before the worker records it as sent.
    await waitFor('every step done and every message recorded', async () => {
      const all = await steps(roundId);
      return all.every((s) => s.status === 'done' && s.messages.queued === 0) ? true : undefined;
    });
    const timeline = await steps(roundId);
    expect(timeline.map((s) => s.messages.sent)).toEqual([3, 2, 1]);
    expect(sink.messages).toHaveLength(6);
    expect(sink.messages.some((m) => to(m).startsWith('gezim'))).toBe(false);
    await endSeats(who.seats);
  });

  it('after a reschedule sends change notices, never the old reminders, with a higher SEQUENCE', async () => {
    const who = await people();
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'PT9S',
      reminders: [{ before: 'PT5S', audience: 'non_responders' }],
    });
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me përfaqësues të organizatave të shoqërisë civile',
        titleEn: 'Meeting with representatives of civil society organisations',
        startInMs: 11_000,
        audience: { contactIds: [who.arber, who.blerina] },
      },
    ]);
    await app.post(`/api/rounds/${roundId}/schedule`);
    const invitations = await sink.waitFor(2, 8000);
    expect(invitations.every((m) => m.calendar?.includes('SEQUENCE:0'))).toBe(true);

    const later = new Date(Date.now() + 3 * 3600_000);
    const moved = await app.patch(`/api/sessions/${sessionIds[0]}`, {
      startsAt: later.toISOString(),
      endsAt: new Date(later.getTime() + 3600_000).toISOString(),
    });
    expect(moved.status).toBe(200);

    const notices = (await sink.waitFor(4, 8000)).slice(2);
    expect(notices.map(to).sort()).toEqual(
      [`arber.${serial}@example.al.test`, `blerina.${serial}@example.al.test`].sort(),
    );
    expect(notices.every((m) => m.calendar?.includes('SEQUENCE:1'))).toBe(true);

    // The old reminder was due 6 s after scheduling; wait past it and make sure it never came.
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(sink.messages).toHaveLength(4);
    const timeline = await steps(roundId);
    expect(timeline.filter((s) => s.status === 'cancelled').map((s) => s.kind)).toEqual(['remind']);
    expect(timeline.find((s) => s.kind === 'change_notice')).toMatchObject({
      status: 'done',
      version: 2,
    });
    await endSeats(who.seats);
  });

  it('after a cancel sends the cancellation notice and nothing more', async () => {
    const who = await people();
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'PT9S',
      reminders: [{ before: 'PT6S', audience: 'non_responders' }],
    });
    const { roundId } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me Zyrën Rajonale të Punësimit dhe qytetarët',
        titleEn: 'Meeting with the Regional Employment Office and citizens',
        startInMs: 11_000,
        audience: { contactIds: [who.drita] },
      },
    ]);
    await app.post(`/api/rounds/${roundId}/schedule`);
    await sink.waitFor(1, 8000);
    const cancelled = await app.post(`/api/rounds/${roundId}/cancel`);
    expect(cancelled.status).toBe(200);
    const [, notice] = await sink.waitFor(2, 8000);
    expect(notice.calendar).toContain('METHOD:CANCEL');
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(sink.messages).toHaveLength(2);
    expect((await app.post(`/api/rounds/${roundId}/cancel`)).status).toBe(409);
    await endSeats(who.seats);
  });

  it('invites a contact added to the audience later, without inviting anyone again', async () => {
    const who = await people();
    const campaignId = await fastCampaign(app, { inviteBefore: 'PT2H', reminders: [] });
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        startInMs: 3600_000,
        audience: { contactIds: [who.arber] },
      },
    ]);
    await app.post(`/api/rounds/${roundId}/schedule`);
    await sink.waitFor(1, 8000);
    const added = await app.patch(`/api/sessions/${sessionIds[0]}`, {
      audience: { contactIds: [who.arber, who.drita] },
    });
    expect(added.status).toBe(200);
    const [, late] = await sink.waitFor(2, 8000);
    expect(to(late)).toBe(`drita.${serial}@example.al.test`);
    await waitFor('the late invite step done', async () =>
      (await steps(roundId)).filter((s) => s.kind === 'invite' && s.status === 'done').length === 2
        ? true
        : undefined,
    );
    expect(sink.messages).toHaveLength(2);
    await endSeats(who.seats);
  });

  it('refuses a change previewed at an older schedule version, under the round lock, and changes nothing', async () => {
    const who = await people();
    const campaignId = await fastCampaign(app, { inviteBefore: 'PT2H', reminders: [] });
    const { roundId, sessionId } = await invitedRound(app, campaignId, [who.arber]);
    const scheduler = app.app.get(RoundScheduler);
    // As a request would: with an entity manager of its own.
    const inRequest = <T>(work: () => Promise<T>) => RequestContext.create(app.orm.em, work);
    const { scheduleVersion } = (await app.get(`/api/rounds/${roundId}`)).body;
    const session = (await app.get(`/api/sessions/${sessionId}`)).body;
    const later = (iso: string) => new Date(new Date(iso).getTime() + 3600_000).toISOString();
    const moved = { startsAt: later(session.startsAt), endsAt: later(session.endsAt) };
    const before = await app.snapshot();

    for (const refused of [
      () => scheduler.updateSession(sessionId, moved, scheduleVersion - 1),
      () => scheduler.cancelSession(sessionId, scheduleVersion + 1),
      () => scheduler.cancelRound(roundId, scheduleVersion - 1),
    ]) {
      const error = await inRequest<unknown>(refused).then(
        () => undefined,
        (e: RequestError) => e,
      );
      expect(error?.getStatus()).toBe(409);
      expect(JSON.stringify(error?.getResponse())).toContain('the round changed since the preview');
    }
    expect(await app.snapshot()).toEqual(before);

    await inRequest(() => scheduler.updateSession(sessionId, moved, scheduleVersion));
    expect((await app.get(`/api/rounds/${roundId}`)).body.scheduleVersion).toBe(
      scheduleVersion + 1,
    );
    await endSeats(who.seats);
  });

  it('lets only one send job of a process claim a message, until it lets go', async () => {
    const locks = app.app.get(SendLocks);
    const ids = [randomUUID(), randomUUID()];
    const [first, second] = await Promise.all([locks.claim(ids), locks.claim([ids[1]])]);
    expect(first.messageIds.sort()).toEqual([...ids].sort());
    expect(second.messageIds).toEqual([]);
    await Promise.all([first.release(), second.release()]);
    const again = await locks.claim([ids[1]]);
    expect(again.messageIds).toEqual([ids[1]]);
    await again.release();
  });

  it('lets a change of plan in after the batch in flight, ahead of the batches behind it', async () => {
    const locks = app.app.get(SendLocks);
    const roundId = randomUUID();
    const order: string[] = [];
    const inFlight = await locks.claim([randomUUID()]);
    await inFlight.holdRounds([roundId]);
    const change = app.orm.em.fork().transactional(async (em) => {
      await holdRoundAgainstSends(em, roundId);
      order.push('change of plan');
    });
    await waitFor('the change to wait', () => waitingLocks().then((n) => n === 1 || undefined));
    const next = await locks.claim([randomUUID()]);
    const nextHold = next.holdRounds([roundId]).then(() => order.push('next batch'));
    await waitFor('the next batch to wait', () => waitingLocks().then((n) => n === 2 || undefined));
    await inFlight.release();
    await Promise.all([change, nextHold]);
    await next.release();
    expect(order).toEqual(['change of plan', 'next batch']);
  });

  async function waitingLocks(): Promise<number> {
    const [row] = await app.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ waiting: number }>>(
        `select count(*)::int as waiting from pg_locks
          where locktype = 'advisory' and not granted
            and database = (select oid from pg_database where datname = current_database())`,
      );
    return row.waiting;
  }
});
