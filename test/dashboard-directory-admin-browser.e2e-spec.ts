import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext } from './support/browser';
import { signInInBrowser } from './support/dashboard-session';
import { contact } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';

const SCREENSHOTS = join(__dirname, '..', 'test-artifacts', 'screenshots');

const CHECKED_CSV = [
  'emri;posta elektronike;institucioni;qarku;pozicioni;gjuha',
  'Blerina Shehu;blerina.shehu@example.al.test;Bashkia Korçë;Korçë;Drejtore e Zyrës së Punësimit;sq',
  'Ermal Duka;ermal.duka@example.al.test;Drejtoria Rajonale Arsimore Korçë;Korçë;Specialist;sq',
  'Gëzim Leka;gezim.leka-example.al.test;Bashkia Korçë;Korçë;;sq',
  'Anila Gjoka;anila.gjoka@example.al.test;Prefektura;Korça e Re;;anglisht',
].join('\n');

/**
 * The directory and the administration in a real Chromium at a desktop's
 * width: searching contacts, a CSV import from the file picker to the
 * confirmation, the administration's health and the queue dashboard, which
 * serves its own scripts under the app's content security policy.
 */
describe('the directory and the administration in a browser', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const county = (name: string) => app.countyId(name);
    const korce = await app.post('/api/institutions', {
      name: 'Bashkia Korçë',
      kind: 'municipality',
      countyId: await county('Korçë'),
    });
    const prefecture = await app.post('/api/institutions', {
      name: 'Institucioni i Prefektit të Qarkut Korçë',
      kind: 'prefecture',
      countyId: await county('Korçë'),
      email: 'prefektura.korce@example.al.test',
    });
    const elbasan = await app.post('/api/institutions', {
      name: 'Bashkia Elbasan',
      kind: 'municipality',
      countyId: await county('Elbasan'),
    });
    await contact(app, 'Blerina Shehu', 'blerina.shehu@example.al.test', {
      institutionId: korce.body.id,
      position: 'Mësuese',
    });
    await contact(app, 'Arjana Hoxha', 'arjana.hoxha@example.al.test', {
      institutionId: prefecture.body.id,
      position: 'Zëvendësprefekte',
      language: 'en',
    });
    const optedOut = await contact(app, 'Ilir Çela', 'ilir.cela@example.al.test', {
      institutionId: korce.body.id,
      position: 'Punonjës social',
    });
    await app.patch(`/api/contacts/${optedOut}`, {
      optedOut: true,
      optOutReason: 'nuk merret më me këtë çështje',
    });
    await contact(app, 'Gëzim Leka', 'gezim.leka@example.al.test', {
      institutionId: elbasan.body.id,
      position: 'Drejtor',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app.close();
    await sink.stop();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await signInInBrowser(page, app);
  });

  afterEach(() => context.close());

  it('finds contacts by a name typed without its ç, or by county, and opens one', async () => {
    await page.goto(`${app.baseUrl}/app/directory/contacts`);
    const search = page.getByLabel('Emri, e-maili ose pozicioni');
    await search.fill('cela');
    await search.press('Enter');
    await page.waitForURL(/q=cela/);
    expect(await page.locator('tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Ilir Çela'),
    ]);

    await search.fill('');
    await page.getByLabel('Qarku').selectOption({ label: 'Korçë' });
    await page.getByRole('button', { name: 'Shfaq' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('q') === '' && url.searchParams.has('countyId'),
    );
    const names = await page.locator('tbody tr td:first-child a').allTextContents();
    expect(names).toEqual(['Arjana Hoxha', 'Blerina Shehu', 'Ilir Çela']);
    await page.screenshot({ path: join(SCREENSHOTS, 'directory-contacts.png'), fullPage: true });

    await page.getByRole('link', { name: 'Ilir Çela' }).click();
    await page.getByText('nuk merret më me këtë çështje').waitFor();
  });

  it('fits a phone: the contacts page does not scroll sideways', async () => {
    const phone = await phoneContext(browser);
    const small = await phone.newPage();
    await signInInBrowser(small, app);
    await small.goto(`${app.baseUrl}/app/directory/contacts`);
    expect(await small.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    await small.screenshot({
      path: join(SCREENSHOTS, 'directory-contacts-phone.png'),
      fullPage: true,
    });
    await phone.close();
  });

  it('imports a CSV file: the dry run shows every row, the fixed file is confirmed', async () => {
    await page.goto(`${app.baseUrl}/app/directory/import`);
    await page.getByLabel('Skedari CSV (UTF-8)').setInputFiles({
      name: 'korce-nentor.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CHECKED_CSV),
    });
    await page.getByRole('button', { name: /Kontrolloni skedarin/ }).click();
    await page.waitForURL(/\/app\/directory\/import\/[\w-]{32}$/);
    await page.getByRole('row', { name: /must be an e-mail address/ }).waitFor();
    await page.getByRole('row', { name: /no county named "Korça e Re"/ }).waitFor();
    expect(await page.getByRole('button', { name: /Konfirmo/ }).count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'import-dry-run.png'), fullPage: true });

    const fixed = CHECKED_CSV.replace('gezim.leka-example', 'gezim.leka@example').replace(
      'Korça e Re',
      'Korçë',
    );
    await page.getByRole('link', { name: 'Ngarkoni një skedar' }).click();
    await page.getByLabel('Skedari CSV (UTF-8)').setInputFiles({
      name: 'korce-nentor.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(fixed),
    });
    await page.getByRole('button', { name: /Kontrolloni skedarin/ }).click();
    await page.getByRole('button', { name: /Konfirmo/ }).click();
    await page
      .getByText('Skedari u importua: 2 kontakte të reja, 2 të përditësuar, 0 pa ndryshim.')
      .waitFor();
    expect((await app.get('/api/contacts?q=anila')).body.items[0]).toMatchObject({
      fullName: 'Anila Gjoka',
      language: 'en',
      institution: { name: 'Prefektura', county: { name: 'Korçë' } },
    });
  });

  it('shows the administration with the health of each service', async () => {
    await page.goto(`${app.baseUrl}/app/admin`);
    await page.getByRole('row', { name: /PostgreSQL.*në punë/ }).waitFor();
    await page.getByRole('row', { name: /SMTP.*në punë/ }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin.png'), fullPage: true });
  });

  it('opens the queue dashboard, which runs under the content security policy', async () => {
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    await page.goto(`${app.baseUrl}/app/admin`);
    await page.getByRole('link', { name: 'Radhët' }).first().click();
    await page.waitForURL(/\/app\/admin\/queues/);
    await page.getByText('workflow', { exact: true }).first().waitFor();
    await page.getByText('messages', { exact: true }).first().waitFor();
    // The overview has read the queues' counts from the board's API.
    await page.getByText('Loading...').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(SCREENSHOTS, 'queues.png'), fullPage: true });
    // The board's web font is the only thing the policy keeps out; its scripts and styles run.
    expect(refused.filter((text) => !text.includes('fonts.googleapis.com'))).toEqual([]);
  });
});
