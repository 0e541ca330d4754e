import { Browser } from 'playwright-core';
import { launchBrowser, phoneContext } from './support/browser';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { staffMember } from './support/staffed-round';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * The whole of a round as its people live it, in about half a minute: the
 * links are the ones in the e-mails the SMTP server received, followed in
 * Chromium at a phone's size. A session starts 20 s after scheduling and
 * lasts 2 s; the reminder to non-responders is due 8 s before it, the
 * follow-up 8 s after it.
 */
describe('a round from invitation to follow-up', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app.close();
    await sink.stop();
  });

  const to = (mail: ReceivedMail) => mail.envelope.to[0].toLowerCase();
  /** The link in the e-mail, on the test server (APP_URL names the public address, not the test's port). */
  const linkIn = (mail: ReceivedMail, kind: 'rsvp' | 'unsubscribe' | 'attendance') =>
    app.baseUrl +
    (mail.text.match(new RegExp(`https?://[^/\\s]+(/${kind}/[\\w-]+)`)) as RegExpMatchArray)[1];
  const mailTo = (mails: ReceivedMail[], address: string) =>
    mails.find((mail) => to(mail) === address) as ReceivedMail;

  /** Opens a link on a phone, clicks a button (after filling the fields), and returns what the page says. */
  async function answerOnPhone(url: string, button: string, fields: Record<string, string> = {}) {
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(url);
      for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
      await page.getByRole('button', { name: button }).click();
      await page.waitForURL(/\?done=1$/);
      return await page.getByRole('status').textContent();
    } finally {
      await context.close();
    }
  }

  it('invites, takes answers and a colleague, reminds, records the day and follows up', async () => {
    const staffId = await staffMember(app, 'Anila Gjoka', 'en');
    const arta = await contact(app, 'Arta Hoxha', 'arta@example.al.test');
    const ben = await contact(app, 'Ben Smith', 'ben@example.al.test', { language: 'en' });
    const dea = await contact(app, 'Dea Koçi', 'dea@example.al.test');
    const erion = await contact(app, 'Erion Leka', 'erion@example.al.test');
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'P1D',
      reminders: [{ before: 'PT8S', audience: 'non_responders' }],
      followUpAfter: 'PT8S',
    });
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        startInMs: 20_000,
        durationMs: 2000,
        audience: { contactIds: [arta, ben, dea, erion] },
      },
    ]);
    expect((await app.patch(`/api/rounds/${roundId}`, { staffUserId: staffId })).status).toBe(200);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);

    // Four invitations and the staff member's sheet link arrive.
    const first = await sink.waitFor(5, 8000);
    const invitation = (address: string) => mailTo(first, address);
    const sheetMail = first.find((mail) => /^Attendance sheet open: /.test(mail.subject));
    expect(sheetMail).toBeDefined();

    // A mail scanner opens every link first, with GET and HEAD: nothing changes.
    // The sink has the e-mails a moment before their rows say so.
    await waitFor('the five e-mails recorded as sent', async () => {
      const messages = (await app.get(`/api/rounds/${roundId}/messages`)).body.items as any[];
      return messages.length === 5 && messages.every((m) => m.status === 'sent') ? true : undefined;
    });
    const before = await app.snapshot();
    for (const mail of first) {
      for (const kind of ['rsvp', 'unsubscribe', 'attendance'] as const) {
        if (!mail.text.includes(`/${kind}/`)) continue;
        for (const method of ['GET', 'HEAD']) {
          expect((await fetch(linkIn(mail, kind), { method })).status).toBe(200);
        }
      }
    }
    expect(await app.snapshot()).toEqual(before);

    // Arta accepts, Ben declines, Dea sends a colleague: each on their phone, in their language.
    sink.reset();
    expect(
      await answerOnPhone(linkIn(invitation('arta@example.al.test'), 'rsvp'), 'Do të marr pjesë'),
    ).toBe('Faleminderit! Përgjigja juaj u regjistrua.');
    await answerOnPhone(linkIn(invitation('ben@example.al.test'), 'rsvp'), 'I cannot attend');
    await answerOnPhone(
      linkIn(invitation('dea@example.al.test'), 'rsvp'),
      'Dërgoj një koleg në vendin tim',
      {
        'Emri dhe mbiemri i kolegut': 'Vera Gjoka',
        'Adresa e e-mailit të kolegut': 'vera.gjoka@example.al.test',
      },
    );
    // Three confirmations and the colleague's own invitation.
    const answered = await sink.waitFor(4, 8000);
    expect(answered.map(to).sort()).toEqual([
      'arta@example.al.test',
      'ben@example.al.test',
      'dea@example.al.test',
      'vera.gjoka@example.al.test',
    ]);
    const vera = mailTo(answered, 'vera.gjoka@example.al.test');
    expect(vera.subject).toMatch(/^Ftesë: /);

    // The reminder reaches those who have not answered: Erion and the colleague.
    sink.reset();
    const reminders = await sink.waitFor(2, 15_000);
    expect(reminders.map(to).sort()).toEqual([
      'erion@example.al.test',
      'vera.gjoka@example.al.test',
    ]);
    expect(reminders.every((mail) => /^Kujtesë: /.test(mail.subject))).toBe(true);

    // On the day the staff member fills the sheet on the phone: Ben came after all, Vera came,
    // Arta did not; about 30 students counted. Leaflets and recommendations go in through the API.
    const context = await phoneContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(linkIn(sheetMail as ReceivedMail, 'attendance'));
      await page.getByRole('group', { name: 'Ben Smith' }).getByLabel('Present').check();
      await page.getByRole('group', { name: 'Vera Gjoka' }).getByLabel('Present').check();
      await page.getByRole('group', { name: 'Arta Hoxha' }).getByLabel('Absent').check();
      await page.getByLabel('Total', { exact: true }).fill('30');
      await page.getByLabel('Note (optional)').fill('rreth 30 nxënës');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\?saved=1$/);
      expect(await page.getByRole('status').textContent()).toBe('Saved.');
    } finally {
      await context.close();
    }
    const sheet = (await app.get(`/api/sessions/${sessionIds[0]}/attendance`)).body;
    expect(sheet.headCount).toMatchObject({ total: 30, note: 'rreth 30 nxënës' });
    expect(
      (
        await app.post(`/api/rounds/${roundId}/materials`, {
          descriptionSq: 'fletëpalosje',
          descriptionEn: 'leaflets',
          quantity: 4000,
          placesSq: 'në bare kafeje dhe vende publike',
          placesEn: 'in cafés and public places',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await app.request('PUT', `/api/rounds/${roundId}/recommendations`, {
          body: {
            items: [
              {
                textSq: 'Bashkëpunimi institucional është me rëndësi të madhe;',
                textEn: 'Institutional cooperation matters greatly;',
              },
            ],
          },
        })
      ).status,
    ).toBe(200);

    // The follow-up: thanks to Ben (English) and Vera, "sorry we missed you" to Arta, nothing to
    // Dea (a colleague went), Erion (never answered) or anyone twice.
    sink.reset();
    await waitFor(
      'the follow-up sent',
      async () => {
        const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
        const step = steps.find((s) => s.kind === 'follow_up');
        return step?.status === 'done' && step.messages.queued === 0 ? step : undefined;
      },
      20_000,
    );
    const followUps = await sink.waitFor(3, 5000);
    expect(followUps.map(to).sort()).toEqual([
      'arta@example.al.test',
      'ben@example.al.test',
      'vera.gjoka@example.al.test',
    ]);
    const benFollowUp = mailTo(followUps, 'ben@example.al.test');
    expect(benFollowUp.subject).toMatch(/^Thank you for taking part – /);
    expect(benFollowUp.text).toContain('4,000 leaflets – in cafés and public places');
    expect(benFollowUp.text).toContain('1. Institutional cooperation matters greatly;');
    expect(mailTo(followUps, 'vera.gjoka@example.al.test').subject).toMatch(
      /^Faleminderit për pjesëmarrjen – /,
    );
    const artaFollowUp = mailTo(followUps, 'arta@example.al.test');
    expect(artaFollowUp.subject).toMatch(/^Na mungoi prania juaj – /);
    expect(artaFollowUp.text).toContain('1. Bashkëpunimi institucional');
    expect(sink.messages).toHaveLength(3);
  }, 90_000);
});
