import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext } from './support/browser';
import { invitedRound, invitingCampaign, linkPath } from './support/invited-round';
import { contact } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';

/**
 * The pages as an invitee meets them: a real Chromium, sized and behaving as
 * a phone, following the links of the e-mails and tapping the buttons.
 */
describe('the RSVP and opt-out pages on a phone', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let people: Record<'blerina' | 'arber' | 'gezim', string>;
  let roundId: string;
  let invitationOf: Map<string, string>;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    browser = await launchBrowser();
    const institution = await app.post('/api/institutions', {
      name: 'Bashkia Elbasan',
      kind: 'municipality',
      countyId: await app.countyId('Elbasan'),
    });
    const at = { institutionId: institution.body.id };
    people = {
      blerina: await contact(app, 'Blerina Shehu', 'blerina.shehu@example.al.test', {
        ...at,
        language: 'en',
      }),
      arber: await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test', at),
      gezim: await contact(app, 'Gëzim Leka', 'gezim.leka@example.al.test', { language: 'en' }),
    };
    const round = await invitedRound(app, await invitingCampaign(app), [
      people.blerina,
      people.arber,
    ]);
    ({ roundId, invitationOf } = round);
  });

  afterAll(async () => {
    await browser?.close();
    await app.close();
    await sink.stop();
  });

  beforeEach(async () => {
    context = await phoneContext(browser);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  /** Opens a link and checks that the page fits the phone's width, with buttons big enough for a thumb. */
  async function open(path: string): Promise<void> {
    const response = await page.goto(app.baseUrl + path);
    expect(response?.status()).toBe(200);
    const fits = page.evaluate<boolean>(
      'document.documentElement.scrollWidth <= window.innerWidth',
    );
    expect(await fits).toBe(true);
    const box = await page.getByRole('button').first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThanOrEqual(48);
  }

  const invitation = async (contactId: string) =>
    ((await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[]).find(
      (i) => i.contact.id === contactId,
    );

  it('accepts with one tap and shows the confirmation', async () => {
    await open(linkPath(app, 'rsvp', invitationOf.get(people.blerina) as string));
    await page.getByRole('button', { name: 'I will attend' }).click();
    await page.waitForURL(/\?done=1$/);
    expect(await page.getByRole('status').textContent()).toBe(
      'Thank you. Your answer has been recorded.',
    );
    expect(await page.locator('#current-answer').textContent()).toBe('You will attend.');
    expect((await invitation(people.blerina)).status).toBe('accepted');
  });

  it('sends a colleague instead through the form', async () => {
    await open(linkPath(app, 'rsvp', invitationOf.get(people.arber) as string));
    await page.getByLabel('Emri dhe mbiemri i kolegut').fill('Drita Koçi');
    await page.getByLabel('Adresa e e-mailit të kolegut').fill('drita.koci@example.al.test');
    await page.getByLabel('Pozicioni i kolegut (jo i detyrueshëm)').fill('Specialiste');
    await page.getByRole('button', { name: 'Dërgoj një koleg në vendin tim' }).click();
    await page.waitForURL(/\?done=1$/);
    expect(await page.getByRole('status').textContent()).toBe(
      'Faleminderit! Përgjigja juaj u regjistrua.',
    );
    expect(await page.locator('#current-answer').textContent()).toBe(
      'Në vendin tuaj do të marrë pjesë një koleg: Drita Koçi (drita.koci@example.al.test)',
    );
    const original = await invitation(people.arber);
    expect(original.status).toBe('delegated');
    const items = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
    expect(items.find((i) => i.substituteForId === original.id)?.contact).toMatchObject({
      fullName: 'Drita Koçi',
      institutionName: 'Bashkia Elbasan',
    });
  });

  it('stops the campaign e-mails with the button of the opt-out page', async () => {
    await open(linkPath(app, 'opt-out', people.gezim));
    await page.getByRole('button', { name: 'Stop sending me e-mails' }).click();
    expect(await page.getByRole('status').textContent()).toBe(
      'Done. You will no longer receive e-mails from our campaigns.',
    );
    expect((await app.get(`/api/contacts/${people.gezim}`)).body.optedOut).toBe(true);
  });
});
