import { DateTime } from 'luxon';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext } from './support/browser';
import { signInInBrowser } from './support/dashboard-session';
import { contact, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const SCREENSHOTS = join(__dirname, '..', 'test-artifacts', 'screenshots');
const TIRANA = 'Europe/Tirane';
const PASSWORD = 'coordinator-password-long-enough';
const MEMBERS = [
  { name: 'Arta Bregu', email: 'arta.bregu@example.al.test' },
  { name: 'Blerim Çela', email: 'blerim.cela@example.al.test' },
  { name: 'Ëngjëll Dema', email: 'engjell.dema@example.al.test' },
];
const COLLEAGUE = { name: 'Fatbardha Gjini', email: 'fatbardha.gjini@example.al.test' };

/**
 * A coordinator plans a round in a real Chromium, with a real SMTP server
 * receiving what the workflow sends: the round, a session for a committee
 * with the count following the ticks, the schedule, the invitations in the
 * inbox; then a move of the session to another day, whose preview names
 * exactly the people who then get the change notice.
 */
describe('planning a round in a browser', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let campaignId: string;
  let committeeId: string;
  let email: string;
  const today = DateTime.now().setZone(TIRANA).startOf('day');
  const day = (offset: number) => today.plus({ days: offset }).toISODate() as string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
    browser = await launchBrowser();
    campaignId = await fastCampaign(app, {
      inviteBefore: 'P30D',
      reminders: [{ before: 'PT2H', audience: 'non_responders' }],
    });
    const elbasanId = await app.countyId('Elbasan');
    committeeId = (
      await app.post('/api/committees', {
        name: 'Tryeza Teknike Antitrafik Elbasan',
        countyId: elbasanId,
      })
    ).body.id;
    for (const member of MEMBERS) {
      const contactId = await contact(app, member.name, member.email);
      await app.post(`/api/committees/${committeeId}/members`, { contactId });
    }
    await app.post('/api/institutions', {
      name: 'Bashkia Elbasan',
      kind: 'municipality',
      countyId: elbasanId,
    });
    email = `elira.${Date.now()}@example.org`;
    const user = await app.post('/api/users', {
      email,
      name: 'Elira Dervishi',
      role: 'coordinator',
      language: 'en',
      password: PASSWORD,
    });
    if (user.status !== 201) throw new Error(JSON.stringify(user.body));
  });

  afterAll(async () => {
    await browser?.close();
    await app.close();
    await sink.stop();
  });

  afterEach(async () => {
    await context?.close();
  });

  it('plans and schedules a round, then moves a session after a preview of who is told', async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signInInBrowser(page, app, email, PASSWORD);

    await page.goto(`${app.baseUrl}/app/campaigns/${campaignId}/rounds/new`);
    await page.getByLabel('County').selectOption({ label: 'Elbasan' });
    await page.getByLabel('First day').fill(day(0));
    await page.getByLabel('Last day').fill(day(2));
    await page
      .getByLabel('Staff member in charge')
      .selectOption({ label: `Elira Dervishi (${email})` });
    await page.getByRole('button', { name: 'Create the round' }).click();
    await page.waitForURL(/\/app\/rounds\/[0-9a-f-]{36}\/plan$/);
    const roundId = new URL(page.url()).pathname.split('/')[3];

    await page.getByLabel('Title in Albanian').fill('Takim me anëtarët e Tryezës Teknike');
    await page
      .getByLabel('Title in English')
      .fill('Meeting with the members of the Technical Table');
    await page.getByLabel('Date').fill(day(1));
    await page.getByLabel('Starts').fill('10:00');
    await page.getByLabel('Ends').fill('12:00');
    await page.getByLabel('Venue in Albanian (optional)').fill('Prefektura Elbasan');
    await page.getByLabel('Venue in English (optional)').fill('Elbasan Prefecture');
    expect(await page.locator('#count-session').textContent()).toBe('0');
    // By keyboard, and the count follows without a reload.
    await page.getByLabel(/Tryeza Teknike Antitrafik Elbasan/).focus();
    await page.keyboard.press('Space');
    await waitFor('the live count', async () =>
      (await page.locator('#count-session').textContent()) === '3' ? true : undefined,
    );
    expect(await page.locator('#count-round').textContent()).toBe('3');
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-round.png'), fullPage: true });

    await page.getByRole('button', { name: 'Add the session' }).click();
    await page.waitForURL(/\?added=1$/);
    expect(
      await page.getByRole('status').filter({ hasText: 'The session was added.' }).count(),
    ).toBe(1);

    await page.getByRole('link', { name: 'Schedule the round…' }).click();
    expect(await page.locator('.plan-lead').textContent()).toContain(
      'Invitations go to 3 different people',
    );
    await page.getByRole('button', { name: 'Schedule and start' }).click();
    await page.waitForURL(`${app.baseUrl}/app/rounds/${roundId}?done=scheduled`);

    const invitations = await arrivals('Ftesë', MEMBERS.length);
    expect(addressesOf(invitations)).toEqual(MEMBERS.map((m) => m.email).sort());

    // Arta sends a colleague: she gets no change notice, her colleague does.
    const items = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
    const arta = items.find((item) => item.contact.email === MEMBERS[0].email);
    const delegated = await app.post(`/api/invitations/${arta.id}/response`, {
      answer: 'delegate',
      source: 'phone',
      substitute: { fullName: COLLEAGUE.name, email: COLLEAGUE.email },
    });
    expect(delegated.status).toBe(200);
    await waitFor('the colleague’s invitation', () =>
      sink.messages.some(
        (mail) => mail.subject.startsWith('Ftesë') && mail.envelope.to.includes(COLLEAGUE.email),
      ),
    );

    await page.goto(`${app.baseUrl}/app/rounds/${roundId}/plan`);
    await page.getByRole('link', { name: /^Reschedule…/ }).click();
    await page.getByLabel('New date').fill(day(2));
    await page.getByLabel('Starts').fill('09:30');
    await page.getByLabel('Ends').fill('11:30');
    await page.getByRole('button', { name: 'Preview the change' }).click();
    await page.waitForURL(/\/reschedule\/preview$/);
    const listed = await page.locator('#change-notice tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({
        name: row.querySelector('th')?.textContent?.trim(),
        email: row.querySelector('td')?.textContent?.trim(),
      })),
    );
    expect(listed.map((row) => row.email).sort()).toEqual(
      [MEMBERS[1].email, MEMBERS[2].email, COLLEAGUE.email].sort(),
    );
    expect(await page.getByText('Reset: the day changes').count()).toBe(1);
    expect(await page.locator('.plan-steps').textContent()).toContain(
      'Reminder to those who have not answered',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'reschedule-preview.png'), fullPage: true });
    // The preview sent nothing.
    expect(sink.messages.filter((mail) => mail.subject.startsWith('Ndryshim'))).toHaveLength(0);

    await page.getByRole('button', { name: 'Confirm the reschedule' }).click();
    await page.waitForURL(`${app.baseUrl}/app/rounds/${roundId}?done=rescheduled`);
    const notices = await arrivals('Ndryshim në program', listed.length);
    // A moment more, in case anyone the preview left out were written to as well.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const allNotices = sink.messages.filter((mail) => mail.subject.startsWith('Ndryshim'));
    expect(allNotices).toHaveLength(notices.length);
    expect(addressesOf(allNotices)).toEqual(listed.map((row) => row.email).sort());
    expect(allNotices.map((mail) => mail.to[0].name).sort()).toEqual(
      listed.map((row) => row.name).sort(),
    );
  });

  it('fits the plan page on a phone', async () => {
    const round = await app.post('/api/rounds', {
      campaignId,
      countyId: await app.countyId('Elbasan'),
      startsOn: day(0),
      endsOn: day(1),
    });
    await app.post(`/api/rounds/${round.body.id}/sessions`, {
      titleSq: 'Seancë informuese me nxënësit',
      titleEn: 'Information session with students',
      kind: 'info_session',
      startsAt: DateTime.fromISO(`${day(1)}T11:00`, { zone: TIRANA }).toISO(),
      endsAt: DateTime.fromISO(`${day(1)}T12:30`, { zone: TIRANA }).toISO(),
      audience: { committeeIds: [committeeId] },
    });
    context = await phoneContext(browser);
    page = await context.newPage();
    await signInInBrowser(page, app, email, PASSWORD);
    await page.goto(`${app.baseUrl}/app/rounds/${round.body.id}/plan`);
    // clientWidth, not innerWidth: a mobile browser widens its layout viewport to fit what overflows.
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBe(0);
    const add = await page.getByRole('button', { name: 'Add the session' }).boundingBox();
    expect(add?.width).toBeGreaterThan(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-round-phone.png'), fullPage: true });
  });

  /** Waits for `count` messages whose subject starts so, and returns them. */
  async function arrivals(subject: string, count: number): Promise<ReceivedMail[]> {
    return waitFor(`${count} message(s) "${subject}…"`, () => {
      const found = sink.messages.filter((mail) => mail.subject.startsWith(subject));
      return found.length >= count ? found : undefined;
    });
  }
});

function addressesOf(mails: ReceivedMail[]): string[] {
  return mails.flatMap((mail) => mail.envelope.to).sort();
}
