import { optOut, rsvp, RealRound } from './model/real-round';
import { readMail } from './model/told-mail';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundQuiet, waitFor } from './support/wait-for';

const HOUR = 3600_000;

/**
 * The orders of events the model test (test/model/) once found breaking what
 * a person is told, each fixed as a plain test on the real queue and SMTP
 * server, so they stay fixed whatever the model's random runs draw.
 */
describe('what a person is told, in the orders that once broke it', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let campaignId: string;
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: sink.url,
      SEND_RETRY_BASE_MS: '100',
      // Slow enough that a fan-out of 200 is on its way for four seconds.
      SEND_RATE_PER_SECOND: '50',
      RECONCILE_EVERY_MS: '300',
      TRUST_PROXY_HOPS: '1',
    });
    campaignId = await fastCampaign(app, { inviteBefore: 'P3D', reminders: [] });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  /** A run of its own: its addresses carry its tag, its pages come from its own client. */
  function realRound(): Pick<RealRound, 'app' | 'run'> {
    serial += 1;
    return { app, run: `reg${serial}` };
  }

  async function person(real: Pick<RealRound, 'run'>, name: string) {
    const email = `${name}.${real.run}@example.al.test`;
    return { id: await contact(app, name, email), email };
  }

  async function scheduledRound(contactIds: string[]) {
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      { titleSq: 'Takim', titleEn: 'Meeting', startInMs: 2 * HOUR, audience: { contactIds } },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    return { roundId, sessionId: sessionIds[0] };
  }

  const mailsTo = (email: string) => sink.messages.filter((m) => m.envelope.to[0] === email);

  it('sends nothing to an address once its opt-out page answered, while a fan-out to it is on its way', async () => {
    const real = realRound();
    const arta = await person(real, 'arta');
    const first = await scheduledRound([arta.id]);
    await waitFor('the first invitation', () => mailsTo(arta.email).length === 1 || undefined);
    await roundQuiet(app, first.roundId);

    const others = [];
    for (let i = 0; i < 200; i += 1) others.push((await person(real, `guest${i}`)).id);
    // Each e-mail to Arta now waits a second on the wire after it was composed: the opt-out comes then.
    sink.slowFor(arta.email, 1000);
    const second = await scheduledRound([...others.slice(0, 100), arta.id, ...others.slice(100)]);
    await waitFor(
      'an invitation to Arta on the wire',
      () => sink.held.has(arta.email) || undefined,
    );
    const answered = await optOut(real, arta.id);
    expect(answered.status).toBe(200);
    const answeredAt = Date.now();
    await roundQuiet(app, second.roundId);

    const toGuests = sink.messages.filter((m) => m.envelope.to[0].startsWith('guest'));
    // The opt-out did come while invitations were still leaving, or it proves nothing.
    expect(toGuests.filter((m) => m.receivedAt > answeredAt).length).toBeGreaterThan(0);
    const late = mailsTo(arta.email).filter((m) => m.receivedAt > answeredAt);
    expect(late.map((m) => m.subject)).toEqual([]);
  });

  it('never lets an answer confirmation and the next change notice tell the same thing: venue, accept, venue', async () => {
    const real = realRound();
    const arta = await person(real, 'arta');
    const { roundId, sessionId } = await scheduledRound([arta.id]);
    await waitFor('the invitation', () => mailsTo(arta.email).length === 1 || undefined);
    const invitation = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items[0];
    const venue = (n: number) => ({ venueSq: `Salla ${n}`, venueEn: `Hall ${n}` });
    expect((await app.patch(`/api/sessions/${sessionId}`, venue(1))).status).toBe(200);
    await roundQuiet(app, roundId);

    // Another round's fan-out fills the send queue, so the confirmation and the second notice wait
    // behind it and then leave side by side; each e-mail to Arta waits on the wire before it is
    // recorded as told, while the other is composed.
    const others = [];
    for (let i = 0; i < 200; i += 1) others.push((await person(real, `guest${i}`)).id);
    const backlog = await scheduledRound(others);
    const toGuests = () => sink.messages.filter((m) => m.envelope.to[0].includes(`.${real.run}@`));
    await waitFor('the fan-out under way', () => toGuests().length >= 10 || undefined);
    sink.slowFor(arta.email, 500);
    expect((await rsvp(real, invitation.id, { answer: 'accept' })).status).toBe(303);
    expect((await app.patch(`/api/sessions/${sessionId}`, venue(2))).status).toBe(200);
    await roundQuiet(app, backlog.roundId);
    await roundQuiet(app, roundId);

    const told = mailsTo(arta.email).map(readMail);
    expect(told.map((mail) => mail.kind)).toContain('answer-confirmation');
    expect(told.at(-1)?.events[0].venue).toBe('Salla 2');
    const breaches = told.slice(1).flatMap((mail, i) => {
      const [event, before] = [mail.events[0], told[i].events[0]];
      const label = `e-mail ${i + 2} "${mail.subject}" at ${event.venue}`;
      const same = event.venue === before.venue && event.startsAt === before.startsAt;
      if (mail.kind === 'change-notice' && same)
        return [`${label}: repeats what e-mail ${i + 1} told`];
      if (same !== (event.sequence === before.sequence) || event.sequence < before.sequence)
        return [`${label}: SEQUENCE ${event.sequence} after ${before.sequence}`];
      return [];
    });
    expect(breaches).toEqual([]);
  });

  it('sends no confirmation of an answer once the invitation it confirms is withdrawn: accept, take off', async () => {
    const real = realRound();
    const [arta, ben] = [await person(real, 'arta'), await person(real, 'ben')];
    const { roundId, sessionId } = await scheduledRound([arta.id, ben.id]);
    await waitFor('the invitations', () => mailsTo(ben.email).length === 1 || undefined);
    await roundQuiet(app, roundId);
    const invitation = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items.find(
      (item: { contact: { id: string } }) => item.contact.id === ben.id,
    );
    // Ben's relay refuses for a while: his confirmation is still to go when he is taken off.
    sink.failFor(ben.email, 451, 'Try again later');
    expect((await rsvp(real, invitation.id, { answer: 'accept' })).status).toBe(303);
    await waitFor(
      'the confirmation refused once',
      () => sink.rejections.some((r) => r.recipients.includes(ben.email)) || undefined,
    );
    const patched = await app.patch(`/api/sessions/${sessionId}`, {
      audience: { contactIds: [arta.id] },
    });
    expect(patched.status).toBe(200);
    sink.acceptAgain(ben.email);
    await waitFor('the withdrawal', () => mailsTo(ben.email).length === 2 || undefined, 20_000);
    await roundQuiet(app, roundId);

    const told = mailsTo(ben.email).map(readMail);
    expect(told.map((mail) => mail.kind)).toEqual(['invitation', 'cancellation-notice']);
    expect(told[1].subject).toMatch(/^Ftesa u tërhoq: /);
    expect(told[1].events[0].method).toBe('CANCEL');
    const messages = (await app.get(`/api/rounds/${roundId}/messages?limit=50`)).body.items;
    expect(
      messages.find((m: { template: string }) => m.template === 'answer-confirmation'),
    ).toMatchObject({
      status: 'skipped',
      error: 'the invitation was withdrawn after the answer: its withdrawal says so',
    });
  });

  it('asks again, after a move to another day, someone whose seat-back was never confirmed: delegate, take the seat back, next day', async () => {
    const real = realRound();
    const arta = await person(real, 'arta');
    const { roundId, sessionId } = await scheduledRound([arta.id]);
    await waitFor('the invitation', () => mailsTo(arta.email).length === 1 || undefined);
    const invitation = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items[0];
    const colleague = {
      substituteName: 'Kolege',
      substituteEmail: `kolege.${real.run}@example.al.test`,
    };
    expect((await rsvp(real, invitation.id, { answer: 'delegate', ...colleague })).status).toBe(
      303,
    );
    await waitFor('the delegation confirmed', () => mailsTo(arta.email).length === 2 || undefined);
    await roundQuiet(app, roundId);

    // Her relay refuses for a while: the confirmation of her seat taken back is still to go.
    sink.failFor(arta.email, 451, 'Try again later');
    expect((await rsvp(real, invitation.id, { answer: 'accept' })).status).toBe(303);
    await waitFor(
      'the confirmation refused once',
      () => sink.rejections.some((r) => r.recipients.includes(arta.email)) || undefined,
    );
    const session = (await app.get(`/api/sessions/${sessionId}`)).body;
    const nextDay = (at: string) => new Date(new Date(at).getTime() + 24 * HOUR).toISOString();
    const moved = await app.patch(`/api/sessions/${sessionId}`, {
      startsAt: nextDay(session.startsAt),
      endsAt: nextDay(session.endsAt),
    });
    expect(moved.status).toBe(200);
    sink.acceptAgain(arta.email);
    await waitFor('the change notice', () => mailsTo(arta.email).length === 3 || undefined, 20_000);
    await roundQuiet(app, roundId);

    const told = mailsTo(arta.email).map(readMail);
    expect(told.map((mail) => [mail.kind, mail.answer])).toEqual([
      ['invitation', undefined],
      ['answer-confirmation', 'delegated'],
      ['change-notice', undefined],
    ]);
    expect(told[2].text).toContain('Meqë data ndryshoi, përgjigja juaj e mëparshme nuk vlen më');
  });
});
