import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext } from './support/browser';
import { signInInBrowser } from './support/dashboard-session';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { roundQuiet, waitFor } from './support/wait-for';

const SCREENSHOTS = join(__dirname, '..', 'test-artifacts', 'screenshots');
const PASSWORD = 'coordinator-password-long-enough';
const ARTA = { name: 'Arta Bregu', email: 'arta.bregu@example.al.test' };
const BEN = { name: 'Ben Kola', email: 'ben.kola@example.al.test' };

/**
 * A coordinator on a phone, by keyboard alone, takes someone off a running
 * session's audience: from the round page to the picker, the preview that
 * names who is told, and the confirmation; the withdrawal reaches a real
 * SMTP server.
 */
describe('changing who is invited in a browser', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app.close();
    await sink.stop();
  });

  it('takes someone off the audience by keyboard at 390 px, after a preview of who is told', async () => {
    const campaignId = await fastCampaign(app, {
      inviteBefore: 'PT6H',
      reminders: [{ before: 'PT2H', audience: 'non_responders' }],
    });
    const contactIds = [
      await contact(app, ARTA.name, ARTA.email),
      await contact(app, BEN.name, BEN.email, { language: 'sq' }),
    ];
    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim në prefekturë',
        titleEn: 'Meeting at the prefecture',
        startInMs: 4 * 3600_000,
        audience: { contactIds },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    await sink.waitFor(2);
    await roundQuiet(app, roundId);
    sink.reset();
    const email = `elira.${Date.now()}@example.org`;
    await app.post('/api/users', {
      email,
      name: 'Elira Dervishi',
      role: 'coordinator',
      language: 'en',
      password: PASSWORD,
    });

    context = await phoneContext(browser);
    page = await context.newPage();
    await signInInBrowser(page, app, email, PASSWORD);
    await page.goto(`${app.baseUrl}/app/rounds/${roundId}`);
    await page.getByRole('link', { name: /^Who is invited/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.baseUrl}/app/sessions/${sessionIds[0]}/audience`);
    expect(await overflow(page)).toBe(0);
    expect(await page.locator('#count-session').textContent()).toBe('2');

    await page.getByLabel(new RegExp(BEN.name)).focus();
    await page.keyboard.press('Space');
    await waitFor('the live count', async () =>
      (await page.locator('#count-session').textContent()) === '1' ? true : undefined,
    );
    await page.getByRole('button', { name: 'Preview the change' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/audience\/preview$/);
    expect(await overflow(page)).toBe(0);
    expect(await page.locator('#withdrawn-told tbody th').allTextContents()).toEqual([BEN.name]);
    expect(await page.locator('#invited').textContent()).toContain('Nobody new is invited.');
    await page.screenshot({
      path: join(SCREENSHOTS, 'audience-preview-phone.png'),
      fullPage: true,
    });
    expect(sink.messages).toHaveLength(0);

    await page.getByRole('button', { name: 'Confirm the change' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.baseUrl}/app/rounds/${roundId}?saved=1#sessions`);
    expect(await page.getByRole('status').textContent()).toContain('The change is saved.');
    const [withdrawal] = await sink.waitFor(1);
    await roundQuiet(app, roundId);
    expect(sink.messages).toHaveLength(1);
    expect(withdrawal.envelope.to).toEqual([BEN.email]);
    expect(withdrawal.subject).toMatch(/^Ftesa u tërhoq: /);
  });
});

/** clientWidth, not innerWidth: a mobile browser widens its layout viewport to fit what overflows. */
function overflow(page: Page): Promise<number> {
  return page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  ) as Promise<number>;
}
