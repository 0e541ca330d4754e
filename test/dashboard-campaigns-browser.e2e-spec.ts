import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchBrowser, phoneContext } from './support/browser';
import { signInInBrowser } from './support/dashboard-session';
import { enterElbasanRound } from './support/elbasan-round';
import { invitingCampaign } from './support/invited-round';
import { contact } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { StaffedRound, staffedRound, staffMember } from './support/staffed-round';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const SCREENSHOTS = join(__dirname, '..', 'test-artifacts', 'screenshots');
const REFUSED = 'kutia.plot@example.al.test';

/**
 * The campaign calendar, the round page and the round report in a real
 * Chromium, as the office uses them: signing in, following the links,
 * downloading the PDF, resending a failed e-mail with its button, on a
 * desktop screen and on a phone.
 */
describe('the campaign pages in a browser', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  let elbasan: { campaignId: string; roundId: string };
  let invited: StaffedRound;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    sink = await SmtpSink.start();
    sink.failFor(REFUSED, 550, 'Mailbox full');
    app = await TestApp.start({ SMTP_URL: sink.url });
    browser = await launchBrowser();
    elbasan = await enterElbasanRound(app);
    const institutionId = (
      await app.post('/api/institutions', {
        name: 'Bashkia Elbasan',
        kind: 'municipality',
        countyId: await app.countyId('Elbasan'),
      })
    ).body.id;
    const people = [
      await contact(app, 'Besa Kola', 'besa.kola@example.al.test', { institutionId }),
      await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test', { institutionId }),
      await contact(app, 'Gëzim Leka', REFUSED),
    ];
    const staffId = await staffMember(app, 'Anila Gjoka', 'sq');
    invited = await staffedRound(app, await invitingCampaign(app), staffId, people);
    await app.post(`/api/invitations/${invited.invitationOf.get(people[0])}/response`, {
      answer: 'accept',
      source: 'phone',
    });
    await waitFor('the refused invitation recorded as failed', async () => {
      const failed = await app.get(`/api/rounds/${invited.roundId}/messages?status=failed`);
      return failed.body.total === 1;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app.close();
    await sink.stop();
  });

  async function desktopPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInInBrowser(page, app);
    return page;
  }

  it('goes from the campaigns to the calendar and the Elbasan report, and downloads its PDF', async () => {
    const page = await desktopPage();
    await page.goto(`${app.baseUrl}/app/campaigns`);
    // Another campaign of the same name runs the invited round: the link is told by its address.
    await page.locator(`a[href="/app/campaigns/${elbasan.campaignId}"]`).click();
    await page.waitForURL(`**/app/campaigns/${elbasan.campaignId}`);
    const rounds = page.getByRole('region', { name: 'Raundet' });
    // The fixture's next three rounds are drafts: listed apart, under their own heading.
    expect(await rounds.getByRole('row').count()).toBe(1 + 1 + 1);
    const drafts = page.getByRole('region', { name: 'Projekte (3)' });
    expect(await drafts.getByRole('row').count()).toBe(1 + 3);
    const elbasanRow = rounds.getByRole('row', { name: /Elbasan/ });
    expect(await elbasanRow.getByRole('cell').allInnerTexts()).toEqual([
      '22 nëntor 2017',
      'I përfunduar',
      '0',
      '0',
      '0',
      '0',
      '134',
      'Raporti',
    ]);
    expect(await page.getByRole('link', { name: 'Planifikoni një raund' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'calendar.png'), fullPage: true });

    await page.getByRole('link', { name: 'Raporti i raundit në Elbasan, 22 nëntor 2017' }).click();
    await page.waitForURL(`**/app/rounds/${elbasan.roundId}/report`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Raporti i raundit: Elbasan, 22 nëntor 2017',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'round-report.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF (Shqip)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('raporti-elbasan-2017-11-22.pdf');
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.context().close();
  });

  it('shows a round’s sessions, steps, invitations and e-mails, and resends a failed one by its button', async () => {
    const page = await desktopPage();
    await page.goto(`${app.baseUrl}/app/rounds/${invited.roundId}`);
    const messages = page.getByRole('region', { name: 'E-mailet' });
    const failed = messages.getByRole('row', { name: new RegExp(REFUSED) });
    expect(await failed.innerText()).toContain('Mailbox full');

    await page.getByLabel('Përgjigja').selectOption('accepted');
    await page.getByRole('button', { name: 'Shfaq' }).click();
    await page.waitForURL(/answer=accepted/);
    const invitations = page.getByRole('region', { name: 'Ftesat' });
    expect(await invitations.getByRole('row').count()).toBe(2);
    await invitations.getByText('1 përgjigje').click();
    expect(await invitations.getByText('me telefon').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'round.png'), fullPage: true });

    sink.reset();
    await failed.getByRole('button', { name: `Dërgo përsëri (${REFUSED})` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/resent=1#messages$/);
    expect(await page.getByRole('status').innerText()).toContain('E-maili është në radhë');
    await waitFor('the resent invitation', () =>
      sink.messages.some((mail) => mail.envelope.to.includes(REFUSED)),
    );
    await page.context().close();
  });

  it('fits the round page on a phone, its tables scrolling on their own', async () => {
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await signInInBrowser(page, app);
    await page.goto(`${app.baseUrl}/app/rounds/${invited.roundId}`);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    const filter = page.getByRole('button', { name: 'Shfaq' });
    expect((await filter.boundingBox())?.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({
      path: join(SCREENSHOTS, 'round-phone.png'),
      fullPage: true,
      scale: 'css',
    });
    await context.close();
  });
});
