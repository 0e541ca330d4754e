import { verifySignedId } from '../src/rsvp/signed-id-token';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/** An hour before a session starts, the staff member in charge gets the link to its sheet. */
describe('the attendance-opens step', () => {
  let sink: SmtpSink;
  let app: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  it('e-mails the sheet link of each session to the staff member in charge, not for a cancelled one', async () => {
    const staff = await app.post('/api/users', {
      email: 'elira.dervishi@example.al.test',
      name: 'Elira Dervishi',
      role: 'coordinator',
      language: 'en',
      password: 'coordinator-password-long-enough',
    });
    expect(staff.status).toBe(201);
    const member = await contact(app, 'Arta Hoxha', 'arta@example.al.test');
    const campaignId = await fastCampaign(app, { inviteBefore: 'P1D', reminders: [] });
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        startInMs: 3600_000 + 3000,
        audience: { contactIds: [member] },
      },
      {
        titleSq: 'Takim me shoqërinë civile',
        titleEn: 'Meeting with civil society',
        startInMs: 3600_000 + 4000,
        audience: { contactIds: [member] },
      },
    ]);
    expect((await app.patch(`/api/rounds/${roundId}`, { staffUserId: staff.body.id })).status).toBe(
      200,
    );
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await sink.waitFor(1, 8000);
    expect((await app.post(`/api/sessions/${sessionIds[1]}/cancel`)).status).toBe(200);
    await sink.waitFor(2, 8000); // the cancellation notice to the member
    sink.reset();

    // The cancel made the plan anew for the session left: its sheet opens, the other's never.
    const steps = await waitFor(
      'the attendance step of the session left run',
      async () => {
        const all = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
        const opens = all.filter((step) => step.kind === 'attendance_opens');
        return opens.some((step) => step.sessionId === sessionIds[0] && step.status === 'done')
          ? opens
          : undefined;
      },
      15_000,
    );
    const ran = steps.filter((step) => step.status === 'done');
    expect(ran.map((step) => step.sessionId)).toEqual([sessionIds[0]]);
    expect(
      steps.filter((step) => step.sessionId === sessionIds[1]).map((step) => step.status),
    ).toEqual(['cancelled']);
    const [mail] = await sink.waitFor(1, 5000);
    expect(mail.envelope.to).toEqual(['elira.dervishi@example.al.test']);
    expect(mail.subject).toMatch(
      /^Attendance sheet open: Meeting with the members of the Technical Table – /,
    );
    expect(mail.text).toContain('Dear Elira Dervishi,');
    expect(mail.calendar).toBeUndefined();
    expect(mail.rawHeaders.get('list-unsubscribe')).toBeUndefined();
    const link = (
      mail.text.match(/https?:\/\/[^/\s]+\/attendance\/([\w-]+)/) as RegExpMatchArray
    )[1];
    expect(verifySignedId('attendance', link, app.config.appSecret)).toBe(sessionIds[0]);
    expect(sink.messages).toHaveLength(1);
  }, 60_000);
});
