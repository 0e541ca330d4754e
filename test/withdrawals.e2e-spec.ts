import { DashboardSession } from './support/dashboard-session';
import { linkPath } from './support/invited-round';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundQuiet, waitFor } from './support/wait-for';

const HOUR = 3600_000;

interface InvitationItem {
  id: string;
  status: string;
  withdrawnAt: string | null;
  substituteForId: string | null;
  contact: { id: string; email: string };
}

/**
 * Invitations taken back, on the real queue and a real SMTP server: someone
 * taken off a session's audience, and the colleague of someone who takes
 * their seat back. Each is told once, with a calendar CANCEL, if they had
 * been told of the session; then nothing more reaches them about it.
 */
describe('withdrawn invitations', () => {
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

  async function person(name: string, language = 'en') {
    serial += 1;
    const email = `${name.toLowerCase()}.${serial}@example.al.test`;
    return { id: await contact(app, `${name} Test`, email, { language }), email };
  }

  async function invitedRound(contactIds: string[], startInMs = 4 * HOUR) {
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim në prefekturë',
        titleEn: 'Meeting at the prefecture',
        startInMs,
        audience: { contactIds },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await sink.waitFor(contactIds.length);
    await roundQuiet(app, roundId);
    return { roundId, sessionId: sessionIds[0] };
  }

  const invitations = async (roundId: string): Promise<InvitationItem[]> =>
    (await app.get(`/api/rounds/${roundId}/invitations?limit=100`)).body.items;
  const invitationOf = async (roundId: string, contactId: string) =>
    (await invitations(roundId)).find((i) => i.contact.id === contactId) as InvitationItem;
  const mailsTo = (address: string) => sink.messages.filter((m) => m.envelope.to[0] === address);
  const calendarOf = (mail: ReceivedMail) => (mail.calendar ?? '').replace(/\r?\n[ \t]/g, '');
  const method = (mail: ReceivedMail) => /METHOD:(\w+)/.exec(calendarOf(mail))?.[1];
  const sequence = (mail: ReceivedMail) => Number(/SEQUENCE:(\d+)/.exec(calendarOf(mail))?.[1]);
  const answer = (invitationId: string, body: Record<string, unknown>) =>
    app.post(`/api/invitations/${invitationId}/response`, { source: 'phone', ...body });
  const delegateTo = (invitationId: string, colleague: { email: string }, name: string) =>
    answer(invitationId, {
      answer: 'delegate',
      substitute: { fullName: `${name} Test`, email: colleague.email },
    });
  /** Waits for the next e-mail to this address, the round falling quiet after it. */
  async function nextMailTo(roundId: string, address: string, count: number) {
    await waitFor(`e-mail ${count} to ${address}`, () => mailsTo(address).length >= count);
    await roundQuiet(app, roundId);
    return mailsTo(address)[count - 1];
  }

  it('tells someone taken off the audience once that their invitation is withdrawn, and then nothing more', async () => {
    const [arta, ben] = await Promise.all([person('Arta'), person('Ben', 'sq')]);
    const { roundId, sessionId } = await invitedRound([arta.id, ben.id]);
    sink.reset();

    const changed = await app.patch(`/api/sessions/${sessionId}`, {
      audience: { contactIds: [arta.id] },
    });
    expect(changed.status).toBe(200);
    const withdrawal = await nextMailTo(roundId, ben.email, 1);

    expect(withdrawal.subject).toMatch(/^Ftesa u tërhoq: /);
    expect(withdrawal.text).toContain('ftesa juaj tërhiqet');
    expect(withdrawal.text).toContain('Takim në prefekturë');
    expect(method(withdrawal)).toBe('CANCEL');
    expect(calendarOf(withdrawal)).toContain(`UID:session-${sessionId}.contact-${ben.id}@`);
    expect(sequence(withdrawal)).toBe(1);
    expect(mailsTo(arta.email)).toHaveLength(0);

    const bens = await invitationOf(roundId, ben.id);
    expect(bens).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    expect((await invitationOf(roundId, arta.id)).status).toBe('pending');

    // The audience changing again, and the session moving, tell Ben nothing more.
    const renamed = await app.patch(`/api/sessions/${sessionId}`, {
      venueSq: 'Salla 2',
      venueEn: 'Hall 2',
      audience: { contactIds: [arta.id] },
    });
    expect(renamed.status).toBe(200);
    const notice = await nextMailTo(roundId, arta.email, 1);
    expect(notice.subject).toMatch(/^Change/);
    expect(mailsTo(ben.email)).toHaveLength(1);

    // Their link says so, and takes no answer.
    const page = await fetch(`${app.baseUrl}${linkPath(app, 'rsvp', bens.id)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('ftesa juaj u tërhoq');
    const refused = await answer(bens.id, { answer: 'accept' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([
      { field: 'answer', reason: 'the invitation was withdrawn; there is nothing to answer' },
    ]);

    // Out of the counts, and shown as withdrawn on the round page.
    const report = (await app.get(`/api/rounds/${roundId}/report`)).body;
    expect(report.sessions[0].counts).toMatchObject({ invited: 1, answered: 0 });
    const dashboard = await DashboardSession.signIn(app);
    const roundPage = await dashboard.get(`/app/rounds/${roundId}?answer=withdrawn`);
    expect(roundPage.status).toBe(200);
    expect(roundPage.text).toContain('<span class="status status-withdrawn">Tërhequr</span>');
    expect(roundPage.text.match(/status-withdrawn/g)).toHaveLength(1);
  });

  it('leaves someone taken off between the invitation and the reminder out of the reminder, the sheet and the follow-up', async () => {
    const [arta, ben] = await Promise.all([person('Arta'), person('Ben')]);
    // The reminder falls due 4 s after scheduling, the session starts at 8 s and lasts 2 s.
    const quick = await fastCampaign(app, {
      inviteBefore: 'PT1H',
      reminders: [{ before: 'PT4S', audience: 'non_responders' }],
      followUpAfter: 'PT1S',
      followUpTo: ['attended', 'missed', 'declined', 'no_answer'],
    });
    const { roundId, sessionIds } = await draftRound(app, quick, [
      {
        titleSq: 'Takim i shpejtë',
        titleEn: 'Quick meeting',
        startInMs: 8000,
        audience: { contactIds: [arta.id, ben.id] },
        durationMs: 2000,
      },
    ]);
    const [sessionId] = sessionIds;
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await sink.waitFor(2);
    await roundQuiet(app, roundId);
    const changed = await app.patch(`/api/sessions/${sessionId}`, {
      audience: { contactIds: [arta.id] },
    });
    expect(changed.status).toBe(200);

    await waitFor('the reminder to Arta', () =>
      mailsTo(arta.email).some((mail) => /^Reminder/.test(mail.subject)),
    );
    const sheet = (await app.get(`/api/sessions/${sessionId}/attendance`)).body;
    expect(sheet.invitees.map((i: { contactId: string }) => i.contactId)).toEqual([arta.id]);
    await waitFor('the follow-up to Arta', () => mailsTo(arta.email).length === 3, 20_000);
    await roundQuiet(app, roundId);

    expect(mailsTo(arta.email).map((mail) => mail.subject.split(':')[0])).toEqual([
      'Invitation',
      'Reminder',
      expect.stringMatching(/^(Sorry|We missed|Thank)/),
    ]);
    expect(mailsTo(ben.email).map((mail) => mail.subject.split(':')[0])).toEqual([
      'Invitation',
      'Invitation withdrawn',
    ]);
    const report = (await app.get(`/api/rounds/${roundId}/report`)).body;
    expect(report.sessions[0].counts).toMatchObject({ invited: 1 });
    expect(JSON.stringify(report.participants ?? report)).not.toContain(ben.email);
  });

  it('shows an invitee who opted out as such, not as someone who has not answered', async () => {
    const [arta, ben] = await Promise.all([person('Arta'), person('Ben')]);
    const { roundId, sessionId } = await invitedRound([arta.id, ben.id]);
    const optedOut = await fetch(`${app.baseUrl}${linkPath(app, 'opt-out', ben.id)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(optedOut.status).toBe(200);

    const sheet = (await app.get(`/api/sessions/${sessionId}/attendance`)).body;
    expect(
      sheet.invitees.map((i: { contactId: string; optedOut: boolean }) => [
        i.contactId,
        i.optedOut,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [arta.id, false],
        [ben.id, true],
      ]),
    );
    const dashboard = await DashboardSession.signIn(app);
    const page = (await dashboard.get(`/app/rounds/${roundId}`)).text;
    const rowOf = (email: string) =>
      page.slice(page.indexOf(email), page.indexOf('</tr>', page.indexOf(email)));
    expect(rowOf(ben.email)).toContain(
      '<span class="status status-opted-out">Çregjistruar nga e-mailet</span>',
    );
    expect(rowOf(ben.email)).not.toContain('Pa përgjigje');
    expect(rowOf(arta.email)).toContain('Pa përgjigje');
  });

  it('invites again, with a higher SEQUENCE, someone put back on the audience', async () => {
    const [arta, ben] = await Promise.all([person('Arta'), person('Ben')]);
    const { roundId, sessionId } = await invitedRound([arta.id, ben.id]);
    sink.reset();
    await app.patch(`/api/sessions/${sessionId}`, { audience: { contactIds: [arta.id] } });
    expect((await nextMailTo(roundId, ben.email, 1)).subject).toMatch(/^Invitation withdrawn: /);

    const back = await app.patch(`/api/sessions/${sessionId}`, {
      audience: { contactIds: [arta.id, ben.id] },
    });
    expect(back.status).toBe(200);
    const invitation = await nextMailTo(roundId, ben.email, 2);
    expect(invitation.subject).toMatch(/^Invitation/);
    expect(invitation.subject).not.toMatch(/withdrawn/);
    expect(method(invitation)).toBe('REQUEST');
    expect(sequence(invitation)).toBe(2);
    expect(await invitationOf(roundId, ben.id)).toMatchObject({
      status: 'pending',
      withdrawnAt: null,
    });
    expect(mailsTo(arta.email)).toHaveLength(0);
  });

  it('takes back the invitation of the colleague sent by someone taken off the audience', async () => {
    const [arta, ben, cen] = await Promise.all([person('Arta'), person('Ben'), person('Cen')]);
    const { roundId, sessionId } = await invitedRound([arta.id, ben.id]);
    const bens = await invitationOf(roundId, ben.id);
    expect((await delegateTo(bens.id, cen, 'Cen')).status).toBe(200);
    await nextMailTo(roundId, cen.email, 1);
    sink.reset();

    await app.patch(`/api/sessions/${sessionId}`, { audience: { contactIds: [arta.id] } });
    const toCen = await nextMailTo(roundId, cen.email, 1);
    expect(toCen.subject).toMatch(/^Invitation withdrawn: /);
    expect(method(toCen)).toBe('CANCEL');
    const statuses = new Map((await invitations(roundId)).map((i) => [i.contact.id, i.status]));
    expect(statuses).toEqual(
      new Map([
        [arta.id, 'pending'],
        [ben.id, 'withdrawn'],
        [cen.id, 'withdrawn'],
      ]),
    );
  });

  it('gives the seat back to the person who sent a colleague, telling each colleague in turn', async () => {
    const [arta, cen, dea] = await Promise.all([person('Arta'), person('Cen'), person('Dea')]);
    const { roundId } = await invitedRound([arta.id]);
    const artas = await invitationOf(roundId, arta.id);
    sink.reset();

    expect((await delegateTo(artas.id, cen, 'Cen')).status).toBe(200);
    const cenInvited = await nextMailTo(roundId, cen.email, 1);
    expect([method(cenInvited), sequence(cenInvited)]).toEqual(['REQUEST', 0]);

    // Another colleague instead: Cen's invitation is withdrawn, Dea's comes.
    expect((await delegateTo(artas.id, dea, 'Dea')).status).toBe(200);
    await nextMailTo(roundId, dea.email, 1);
    const cenWithdrawn = await nextMailTo(roundId, cen.email, 2);
    expect(cenWithdrawn.subject).toMatch(/^Invitation withdrawn: /);
    expect([method(cenWithdrawn), sequence(cenWithdrawn)]).toEqual(['CANCEL', 1]);

    // Cen after all: Dea's is withdrawn, Cen's is back, with a SEQUENCE above the CANCEL.
    expect((await delegateTo(artas.id, cen, 'Cen')).status).toBe(200);
    const cenAgain = await nextMailTo(roundId, cen.email, 3);
    expect([method(cenAgain), sequence(cenAgain)]).toEqual(['REQUEST', 2]);
    expect((await nextMailTo(roundId, dea.email, 2)).subject).toMatch(/^Invitation withdrawn: /);

    // Arta comes herself: Cen is told once more, and one invitation holds the one seat.
    expect((await answer(artas.id, { answer: 'accept' })).status).toBe(200);
    const cenLast = await nextMailTo(roundId, cen.email, 4);
    expect([method(cenLast), sequence(cenLast)]).toEqual(['CANCEL', 3]);
    const standing = (await invitations(roundId)).filter((i) => i.status !== 'withdrawn');
    expect(standing.map((i) => [i.contact.id, i.status])).toEqual([[arta.id, 'accepted']]);
    expect(mailsTo(cen.email)).toHaveLength(4);
    expect(mailsTo(dea.email)).toHaveLength(2);
  });
});
