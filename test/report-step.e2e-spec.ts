import { readPdf } from '../src/reports/render/testing/pdf-content';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * After the follow-up has closed a round's attendance, the report step
 * e-mails the round's report to the campaign's report recipients, each in
 * their language, HTML in the body and the PDF attached; a round with nothing
 * recorded gets a reminder to its staff member instead.
 */
describe('the report step', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let staffUserId: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
    const staff = await app.post('/api/users', {
      email: 'elira.dervishi@example.al.test',
      name: 'Elira Dervishi',
      role: 'coordinator',
      language: 'en',
      password: 'coordinator-password-long-enough',
    });
    staffUserId = staff.body.id;
    // A partner who reads English is a contact; the office's own address is not.
    await contact(app, 'Partner Reader', 'partner@example.org', { language: 'en' });
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  beforeEach(() => sink.reset());

  /** A round of one short session starting in a few seconds, its follow-up and report seconds after. */
  async function shortRound() {
    const member = await contact(app, 'Arbër Çela', `arber.${Date.now()}@example.al.test`);
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'P1D',
      reminders: [],
      followUpAfter: 'PT1S',
    });
    await app.patch(`/api/campaigns/${campaignId}`, {
      reportRecipients: ['raportet@example.org', 'partner@example.org'],
      policy: {
        ...(await app.get(`/api/campaigns/${campaignId}`)).body.policy,
        reportAfter: 'PT2S',
      },
    });
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        startInMs: 3000,
        durationMs: 2000,
        audience: { contactIds: [member] },
      },
    ]);
    expect((await app.patch(`/api/rounds/${roundId}`, { staffUserId })).status).toBe(200);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    return { roundId, sessionId: sessionIds[0], member };
  }

  const reportMails = (mails: ReceivedMail[]) =>
    mails.filter((mail) => /^(Raporti i raundit|Round report):/.test(mail.subject));

  it('sends the report with its PDF to each recipient in their language once the attendance is closed', async () => {
    const { roundId, sessionId } = await shortRound();
    const recorded = await app.request('PUT', `/api/sessions/${sessionId}/attendance`, {
      body: { invitees: [], walkIns: [], headCount: { total: 29, note: 'rreth 29' } },
    });
    expect(recorded.status).toBe(200);
    await app.post(`/api/rounds/${roundId}/materials`, {
      descriptionSq: 'fletëpalosje',
      descriptionEn: 'leaflets',
      quantity: 4000,
    });

    const reports = await waitFor(
      'both reports received',
      async () => {
        const found = reportMails(sink.messages);
        return found.length === 2 ? found : undefined;
      },
      20_000,
    );
    const byAddress = new Map(reports.map((mail) => [mail.envelope.to[0], mail]));
    const albanian = byAddress.get('raportet@example.org') as ReceivedMail;
    const english = byAddress.get('partner@example.org') as ReceivedMail;
    expect(albanian.subject).toMatch(/^Raporti i raundit: Elbasan, /);
    expect(english.subject).toMatch(/^Round report: Elbasan, /);
    expect(albanian.html).toContain('Takim me anëtarët e Tryezës Teknike');
    expect(english.html).toContain('Meeting with the members of the Technical Table');
    expect(english.text).toContain('4,000 leaflets');
    expect(albanian.text).toContain('4000 fletëpalosje');

    const [pdf] = albanian.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdf.filename).toMatch(/^raporti-elbasan-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = (await readPdf(pdf.content)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Takim me anëtarët e Tryezës Teknike');
    expect(text).toContain('fletëpalosje');

    const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
    const report = steps.find((step) => step.kind === 'report');
    expect(report).toMatchObject({
      status: 'done',
      messages: expect.objectContaining({ sent: 2 }),
    });
    expect((await app.get(`/api/rounds/${roundId}`)).body.status).toBe('completed');
    const messages = (await app.get(`/api/rounds/${roundId}/messages?limit=200`)).body
      .items as any[];
    expect(
      messages
        .filter((m) => m.template === 'round-report')
        .map((m) => [m.recipient, m.language, m.status])
        .sort(),
    ).toEqual([
      ['partner@example.org', 'en', 'sent'],
      ['raportet@example.org', 'sq', 'sent'],
    ]);
  });

  it('reminds the staff member once instead of sending an empty report', async () => {
    const { roundId } = await shortRound();
    const reminder = await waitFor(
      'the staff reminder',
      async () => sink.messages.find((mail) => mail.subject.startsWith('Attendance not recorded:')),
      20_000,
    );
    expect(reminder.envelope.to).toEqual(['elira.dervishi@example.al.test']);
    expect(reminder.text).toContain('Dear Elira Dervishi,');
    expect(reminder.text).toMatch(/\/attendance\/[\w-]+/);
    const report = await waitFor('the report step waiting', async () => {
      const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
      const step = steps.find((s) => s.kind === 'report');
      return step.status === 'pending' && step.note?.includes('reminded') ? step : undefined;
    });
    expect(new Date(report.dueAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(reportMails(sink.messages)).toEqual([]);
  });

  it('closes the attendance when the follow-up goes out: an admin may still correct it, and it is kept', async () => {
    const { roundId, sessionId } = await shortRound();
    const record = (total: number, token?: string) =>
      app.request('PUT', `/api/sessions/${sessionId}/attendance`, {
        body: { invitees: [], walkIns: [{ fullName: 'Drita Koçi' }], headCount: { total } },
        token,
      });
    expect((await record(25, await app.tokenFor('coordinator'))).status).toBe(200);
    await waitFor('the follow-up done', async () => {
      const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
      return steps.find((s) => s.kind === 'follow_up').status === 'done' ? true : undefined;
    });

    const refused = await record(26, await app.tokenFor('coordinator'));
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0]).toMatchObject({
      field: 'session',
      reason: expect.stringContaining('only an admin can correct it'),
    });
    expect((await app.get(`/api/sessions/${sessionId}/attendance`)).body.headCount.total).toBe(25);

    expect((await record(27)).status).toBe(200);
    const corrections = await app.get(`/api/sessions/${sessionId}/attendance/corrections`);
    expect(corrections.body).toEqual([
      {
        correctedAt: expect.any(String),
        correctedBy: expect.objectContaining({ name: expect.any(String) }),
        before: {
          headCount: { total: 25, note: null },
          present: 0,
          absent: 0,
          walkIns: ['Drita Koçi'],
        },
        after: {
          headCount: { total: 27, note: null },
          present: 0,
          absent: 0,
          walkIns: ['Drita Koçi'],
        },
      },
    ]);
  });
});
