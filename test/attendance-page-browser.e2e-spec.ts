import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext } from './support/browser';
import { invitingCampaign } from './support/invited-round';
import { contact } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { attendancePath, StaffedRound, staffedRound, staffMember } from './support/staffed-round';
import { TestApp } from './support/test-app';

/**
 * The attendance sheet as the staff member in charge meets it at the door of
 * the room: a real Chromium, sized and behaving as a phone, following the
 * link of the e-mail, tapping the choices and typing in the boxes.
 */
describe('the attendance sheet on a phone', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let staffId: string;
  let round: StaffedRound;
  let people: Record<'blerina' | 'arber' | 'gezim', string>;

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
      blerina: await contact(app, 'Blerina Shehu', 'blerina.shehu@example.al.test', at),
      arber: await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test', at),
      gezim: await contact(app, 'Gëzim Leka', 'gezim.leka@example.al.test'),
    };
    staffId = await staffMember(app, 'Anila Gjoka', 'en');
    round = await staffedRound(app, await invitingCampaign(app), staffId, Object.values(people));
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

  it('marks invitees, adds a walk-in and counts the room, then shows what was saved', async () => {
    const response = await page.goto(app.baseUrl + attendancePath(app, round.sessionId));
    expect(response?.status()).toBe(200);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    const save = page.getByRole('button', { name: 'Save' });
    const box = await save.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThanOrEqual(48);
    const present = page.getByRole('group', { name: 'Arbër Hoxha' }).getByLabel('Present');
    expect((await present.boundingBox())?.height).toBeGreaterThanOrEqual(24);

    await present.check();
    await page.getByRole('group', { name: 'Blerina Shehu' }).getByLabel('Absent').check();
    const walkIn = page.getByRole('group', { name: 'Person 1' });
    await walkIn.getByLabel('Full name').fill('Besa Kola');
    await walkIn.getByLabel('Institution (optional)').fill('Zyra Rajonale e Punësimit Elbasan');
    await walkIn.getByLabel('E-mail (optional)').fill('besa.kola@example.al.test');
    await page.getByLabel('Total', { exact: true }).fill('30');
    await page.getByLabel('Note (optional)').fill('rreth 30');
    await save.click();

    await page.waitForURL(/\?saved=1$/);
    expect(await page.getByRole('status').textContent()).toBe('Saved.');
    expect(
      await page.getByRole('group', { name: 'Arbër Hoxha' }).getByLabel('Present').isChecked(),
    ).toBe(true);
    expect(
      await page.getByRole('group', { name: 'Blerina Shehu' }).getByLabel('Absent').isChecked(),
    ).toBe(true);
    expect(
      await page.getByRole('group', { name: 'Gëzim Leka' }).getByLabel('Not recorded').isChecked(),
    ).toBe(true);
    expect(
      await page.getByRole('group', { name: 'Person 1' }).getByLabel('Full name').inputValue(),
    ).toBe('Besa Kola');
    expect(
      await page.getByRole('group', { name: 'Person 2' }).getByLabel('Full name').inputValue(),
    ).toBe('');
    expect(await page.getByLabel('Total', { exact: true }).inputValue()).toBe('30');
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe('rreth 30');
    expect(await page.locator('#record').textContent()).toContain('Anila Gjoka');

    const recorded = (await app.get(`/api/sessions/${round.sessionId}/attendance`)).body;
    expect(Object.fromEntries(recorded.invitees.map((i: any) => [i.contactId, i.present]))).toEqual(
      { [people.arber]: true, [people.blerina]: false, [people.gezim]: null },
    );
    expect(recorded.walkIns).toEqual([
      {
        id: expect.any(String),
        fullName: 'Besa Kola',
        institution: 'Zyra Rajonale e Punësimit Elbasan',
        position: null,
        email: 'besa.kola@example.al.test',
      },
    ]);
    expect(recorded.headCount).toEqual({ total: 30, breakdown: [], note: 'rreth 30' });
    expect(recorded.recordedBy).toEqual({ id: staffId, name: 'Anila Gjoka' });
  });
});
