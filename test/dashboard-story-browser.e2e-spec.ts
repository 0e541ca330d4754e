import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { readPdf } from '../src/reports/render/testing/pdf-content';
import { launchBrowser, phoneContext } from './support/browser';
import {
  COMMITTEE,
  COMMITTEE_MEMBERS,
  COORDINATOR,
  officeWorld,
  PEOPLE,
  SCHOOL,
  SCHOOL_CONTACTS,
  sessionSoon,
  tiranaDay,
} from './support/dashboard-story';
import { ELBASAN } from './support/elbasan-round';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const SCREENSHOTS = join(__dirname, '..', 'test-artifacts', 'screenshots');

/** The three sessions the coordinator plans, in both languages, and who each one invites. */
const MEETING = {
  titleSq: 'Takim me anëtarët e Tryezës Teknike Antitrafik Kukës',
  titleEn: 'Meeting with the members of the Kukës Anti-Trafficking Technical Table',
  kind: 'Takim',
  venueSq: 'Institucioni i Prefektit të qarkut Kukës',
  venueEn: 'Prefect’s Institution, Kukës county',
  audience: [COMMITTEE],
  invitees: COMMITTEE_MEMBERS,
};
const WORKSHOP = {
  titleSq: 'Punëtori me Tryezën Teknike dhe mësuesit e gjimnazit',
  titleEn: 'Workshop with the Technical Table and the gymnasium’s teachers',
  kind: 'Punëtori',
  venueSq: 'Gjimnazi i Kukësit',
  venueEn: 'Kukës gymnasium',
  audience: [COMMITTEE, SCHOOL],
  invitees: [...COMMITTEE_MEMBERS, PEOPLE.ervis],
};
const INFO_SESSION = {
  titleSq: 'Seancë informuese në Gjimnazin e Kukësit',
  titleEn: 'Information session at the Kukës gymnasium',
  kind: 'Sesion informimi',
  venueSq: 'Gjimnazi i Kukësit',
  venueEn: 'Kukës gymnasium',
  audience: [SCHOOL],
  invitees: SCHOOL_CONTACTS,
};
const EVERYONE = [...COMMITTEE_MEMBERS, PEOPLE.ervis];

/**
 * The dashboard's "done when", as a coordinator who has never seen Fushata
 * lives it in Chromium, in Albanian, with a real SMTP server receiving what
 * the workflow sends: sign in, read the Elbasan report and download its PDF,
 * plan a Kukës round of three sessions for the county's committee and
 * gymnasium and schedule it, move a session after its preview, and record
 * the first session's attendance on a phone. Only what the office had before
 * (the Elbasan round, the account, the Kukës directory) goes in through the API.
 */
describe('a coordinator’s first round, all in the browser', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext | undefined;
  let page: Page;
  let campaignId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, RECONCILE_EVERY_MS: '300' });
    browser = await launchBrowser();
    ({ campaignId } = await officeWorld(app));
  });

  afterAll(async () => {
    await phone?.close();
    await desktop?.close();
    await browser?.close();
    await app?.close();
    await sink?.stop();
  });

  it('signs in, reads the Elbasan report, plans and schedules Kukës, moves a session and records attendance', async () => {
    desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await desktop.newPage();

    await signIn();
    await readElbasanReport();
    const roundId = await planKukes();
    await expectInvitations(roundId);
    await rescheduleInfoSession(roundId);
    await recordAttendanceOnPhone(roundId);
  }, 90_000);

  /** From the dashboard's address, through the sign-in form it sends a stranger to. */
  async function signIn(): Promise<void> {
    await page.goto(`${app.baseUrl}/app`);
    await page.waitForURL(/\/app\/sign-in/);
    await page.getByLabel('E-maili').fill(COORDINATOR.email);
    await page.getByLabel('Fjalëkalimi').fill(COORDINATOR.password);
    await page.getByRole('button', { name: 'Hyr' }).click();
    await page.waitForURL(`${app.baseUrl}/app/campaigns`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Fushatat');
  }

  async function readElbasanReport(): Promise<void> {
    await page.getByRole('link', { name: ELBASAN.campaign.name }).click();
    await page.waitForURL(`${app.baseUrl}/app/campaigns/${campaignId}`);
    await page.getByRole('link', { name: 'Raporti i raundit në Elbasan, 22 nëntor 2017' }).click();
    await page.waitForURL(/\/app\/rounds\/[0-9a-f-]{36}\/report$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Raporti i raundit: Elbasan, 22 nëntor 2017',
    );
    const sessions = page.getByRole('region', { name: 'Takimet' });
    expect(
      await sessions
        .getByRole('row', { name: /Takim me anëtarët e Tryezës Teknike/ })
        .getByRole('cell')
        .last()
        .innerText(),
    ).toBe('29');
    expect(
      await page.getByRole('region', { name: 'Materialet e shpërndara' }).innerText(),
    ).toContain('4000 fletëpalosje');
    expect(
      await page
        .getByRole('region', { name: 'Rekomandimet' })
        .getByRole('listitem')
        .allInnerTexts(),
    ).toEqual(ELBASAN.round.recommendations);
    const narrative = await page.getByRole('region', { name: 'Përmbledhje' }).innerText();
    for (const recommendation of ELBASAN.round.recommendations) {
      expect(narrative).toContain(recommendation);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'story-report.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF (Shqip)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('raporti-elbasan-2017-11-22.pdf');
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await readPdf(pdf)).text.replace(/\s+/g, ' ');
    expect(text).toContain('4000');
    expect(text).toContain('29');
  }

  /** "Plan a round" from the calendar, three sessions with their audiences, then Schedule. */
  async function planKukes(): Promise<string> {
    await page.getByRole('link', { name: ELBASAN.campaign.name }).first().click();
    await page.waitForURL(`${app.baseUrl}/app/campaigns/${campaignId}`);
    await page.getByRole('link', { name: 'Planifikoni një raund' }).click();
    await page.getByLabel('Qarku').selectOption({ label: 'Kukës' });
    await page.getByLabel('Dita e parë').fill(tiranaDay(0));
    await page.getByLabel('Dita e fundit').fill(tiranaDay(2));
    await page
      .getByLabel('Anëtari i stafit përgjegjës')
      .selectOption({ label: `${COORDINATOR.name} (${COORDINATOR.email})` });
    await page.getByRole('button', { name: 'Krijo raundin' }).click();
    await page.waitForURL(/\/app\/rounds\/[0-9a-f-]{36}\/plan$/);
    const roundId = new URL(page.url()).pathname.split('/')[3];

    await addSession(MEETING, sessionSoon(), { session: 4, round: 4 });
    await addSession(
      WORKSHOP,
      { date: tiranaDay(1), startTime: '10:00', endTime: '12:30' },
      { session: 5, round: 5 },
    );
    await addSession(
      INFO_SESSION,
      { date: tiranaDay(1), startTime: '14:00', endTime: '15:00' },
      { session: 2, round: 5 },
    );
    const planned = page.getByRole('region', { name: 'Takimet' });
    for (const [session, invited] of [
      [MEETING, '4'],
      [WORKSHOP, '5'],
      [INFO_SESSION, '2'],
    ] as const) {
      expect(
        await planned
          .getByRole('row', { name: new RegExp(`^${session.titleSq}`) })
          .getByRole('cell')
          .nth(2)
          .innerText(),
      ).toBe(invited);
    }
    expect(
      await planned
        .getByRole('row', { name: /Njerëz të ndryshëm që fton raundi/ })
        .getByRole('cell')
        .first()
        .innerText(),
    ).toBe('5');
    await page.screenshot({ path: join(SCREENSHOTS, 'story-plan.png'), fullPage: true });

    await page.getByRole('link', { name: 'Planifiko raundin…' }).click();
    await page.waitForURL(`${app.baseUrl}/app/rounds/${roundId}/schedule`);
    expect(await page.getByText('Ftesat shkojnë te').innerText()).toContain(
      'Ftesat shkojnë te 5 njerëz të ndryshëm',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'story-schedule.png'), fullPage: true });
    await page.getByRole('button', { name: 'Planifiko dhe nis' }).click();
    await page.waitForURL(`${app.baseUrl}/app/rounds/${roundId}?done=scheduled`);
    return roundId;
  }

  /** Fills the plan page's form as a person would and ticks the audience, watching the live count. */
  async function addSession(
    session: typeof MEETING,
    times: { date: string; startTime: string; endTime: string },
    count: { session: number; round: number },
  ): Promise<void> {
    await page.getByLabel('Titulli në shqip').fill(session.titleSq);
    await page.getByLabel('Titulli në anglisht').fill(session.titleEn);
    await page.getByLabel('Lloji', { exact: true }).selectOption({ label: session.kind });
    await page.getByLabel('Data', { exact: true }).fill(times.date);
    await page.getByLabel('Fillon', { exact: true }).fill(times.startTime);
    await page.getByLabel('Mbaron', { exact: true }).fill(times.endTime);
    await page.getByLabel('Vendi në shqip (opsionale)').fill(session.venueSq);
    await page.getByLabel('Vendi në anglisht (opsionale)').fill(session.venueEn);
    for (const name of session.audience) await page.getByLabel(new RegExp(name)).check();
    const counted = (label: string) =>
      page.locator('p', { hasText: label }).getByRole('status').innerText();
    await waitFor(`the live count of "${session.titleEn}"`, async () => {
      const now = [
        await counted('Njerëz që fton ky takim:'),
        await counted('Njerëz të ndryshëm në gjithë raundin:'),
      ];
      return now.join() === `${count.session},${count.round}` ? true : undefined;
    });
    await page.getByRole('button', { name: 'Shto takimin' }).click();
    await page.waitForURL(/\/plan\?added=1$/);
    expect(await page.getByRole('status').filter({ hasText: 'Takimi u shtua.' }).count()).toBe(1);
  }

  /** One e-mail per person, however many sessions they are invited to, naming just theirs. */
  async function expectInvitations(roundId: string): Promise<void> {
    await stepDone(roundId, 'invite');
    const invitations = sink.messages.filter((mail) => /^(Ftesë|Invitation): /.test(mail.subject));
    expect(addressesOf(invitations)).toEqual(EVERYONE.map((person) => person.email).sort());
    for (const person of EVERYONE) {
      const mail = invitations.find((m) => m.envelope.to.includes(person.email)) as ReceivedMail;
      // Ervis reads English; the others Albanian, the directory's default.
      const titleOf = (session: typeof MEETING) =>
        person === PEOPLE.ervis ? session.titleEn : session.titleSq;
      const sessions = [MEETING, WORKSHOP, INFO_SESSION];
      expect({
        to: person.email,
        sessions: sessions.map(titleOf).filter((t) => mail.text.includes(t)),
      }).toEqual({
        to: person.email,
        sessions: sessions.filter((s) => s.invitees.includes(person)).map(titleOf),
      });
    }
  }

  /** The preview names who is told; confirming tells exactly them, and nobody else. */
  async function rescheduleInfoSession(roundId: string): Promise<void> {
    await page.getByRole('link', { name: `Zhvendos (${INFO_SESSION.titleSq})` }).click();
    await page.getByLabel('Data e re').fill(tiranaDay(2));
    await page.getByLabel('Fillon', { exact: true }).fill('11:00');
    await page.getByLabel('Mbaron', { exact: true }).fill('12:00');
    await page.getByRole('button', { name: 'Shiko çfarë ndodh' }).click();
    await page.waitForURL(/\/reschedule\/preview$/);
    const rows = page.getByRole('table', { name: 'Njoftimi i ndryshimit' }).locator('tbody tr');
    const listed = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('th')?.textContent?.trim() ?? '',
        email: tr.querySelector('td')?.textContent?.trim() ?? '',
      })),
    );
    expect(listed.map((row) => row.email).sort()).toEqual(
      INFO_SESSION.invitees.map((person) => person.email).sort(),
    );
    await page.screenshot({
      path: join(SCREENSHOTS, 'story-reschedule-preview.png'),
      fullPage: true,
    });
    expect(sink.messages.filter(isChangeNotice)).toHaveLength(0);

    await page.getByRole('button', { name: 'Konfirmo zhvendosjen' }).click();
    await page.waitForURL(`${app.baseUrl}/app/rounds/${roundId}?done=rescheduled`);
    await stepDone(roundId, 'change_notice');
    const notices = sink.messages.filter(isChangeNotice);
    expect(addressesOf(notices)).toEqual(listed.map((row) => row.email).sort());
    expect(notices.map((mail) => mail.to[0].name).sort()).toEqual(
      listed.map((row) => row.name).sort(),
    );
    // Moving one session must not send the sheet link of another again.
    await waitFor('every e-mail of the round sent', async () => {
      const messages = (await app.get(`/api/rounds/${roundId}/messages?limit=200`)).body
        .items as Array<{ status: string }>;
      return messages.every((message) => message.status !== 'queued') ? true : undefined;
    });
    const sheetLinks = sink.messages.filter((mail) =>
      mail.subject.startsWith('Lista e pjesëmarrjes është e hapur: '),
    );
    expect(sheetLinks).toHaveLength(1);
  }

  /** The sheet's link from the round page, opened on a phone; then the calendar shows the record. */
  async function recordAttendanceOnPhone(roundId: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, 'story-round.png'), fullPage: true });
    const link = page.getByRole('link', { name: `Lista e pjesëmarrjes (${MEETING.titleSq})` });
    const sheetPath = (await link.getAttribute('href')) as string;
    phone = await phoneContext(browser);
    const sheet = await phone.newPage();
    await sheet.goto(app.baseUrl + sheetPath);
    expect(await sheet.getByRole('heading', { level: 1 }).innerText()).toBe(MEETING.titleSq);
    const mark = (person: { name: string }, choice: string) =>
      sheet.getByRole('group', { name: person.name }).getByLabel(choice, { exact: true }).check();
    await mark(PEOPLE.arben, 'Erdhi');
    await mark(PEOPLE.vjollca, 'Erdhi');
    await mark(PEOPLE.lindita, 'Erdhi');
    await mark(PEOPLE.teuta, 'Nuk erdhi');
    const walkIn = sheet.getByRole('group', { name: 'Personi 1' });
    await walkIn.getByLabel('Emri dhe mbiemri').fill('Gentian Muça');
    await walkIn.getByLabel('Institucioni (jo i detyrueshëm)').fill('Bashkia Kukës');
    await walkIn.getByLabel('E-maili (jo i detyrueshëm)').fill('gentian.muca@example.al.test');
    await sheet.getByLabel('Gjithsej', { exact: true }).fill('12');
    await sheet.getByLabel(/^Shënim/).fill('rreth 12, me stafin e prefekturës');
    await sheet.screenshot({
      path: join(SCREENSHOTS, 'story-attendance-phone.png'),
      fullPage: true,
    });
    await sheet.getByRole('button', { name: 'Ruaj' }).click();
    await sheet.waitForURL(/\?saved=1$/);
    expect(await sheet.getByRole('status').innerText()).toBe('U ruajt.');
    await sheet.screenshot({
      path: join(SCREENSHOTS, 'story-attendance-saved-phone.png'),
      fullPage: true,
    });

    // Back at the desk: the calendar counts invitations session by session (4 + 5 + 2), the three
    // invitees who came and the room's twelve.
    await page.getByRole('link', { name: 'Kalendari i fushatës' }).click();
    await page.waitForURL(`${app.baseUrl}/app/campaigns/${campaignId}`);
    const kukes = page
      .getByRole('region', { name: 'Raundet' })
      .getByRole('row')
      .filter({ has: page.locator(`a[href="/app/rounds/${roundId}"]`) });
    const [, , invited, , , attended, participants] = await kukes.getByRole('cell').allInnerTexts();
    expect([invited, attended, participants]).toEqual(['11', '3', '12']);
    await page.screenshot({ path: join(SCREENSHOTS, 'story-calendar.png'), fullPage: true });

    const sessions = (await app.get(`/api/rounds/${roundId}/sessions`)).body as any[];
    const meeting = sessions.find((session) => session.titleSq === MEETING.titleSq);
    const recorded = (await app.get(`/api/sessions/${meeting.id}/attendance`)).body;
    expect(Object.fromEntries(recorded.invitees.map((i: any) => [i.fullName, i.present]))).toEqual({
      [PEOPLE.arben.name]: true,
      [PEOPLE.vjollca.name]: true,
      [PEOPLE.lindita.name]: true,
      [PEOPLE.teuta.name]: false,
    });
    expect(recorded.walkIns).toEqual([
      expect.objectContaining({ fullName: 'Gentian Muça', institution: 'Bashkia Kukës' }),
    ]);
    expect(recorded.headCount).toMatchObject({
      total: 12,
      note: 'rreth 12, me stafin e prefekturës',
    });
    expect(recorded.recordedBy.name).toBe(COORDINATOR.name);
  }

  /** Waits until a step of the round has run and every e-mail it wrote has left. */
  async function stepDone(roundId: string, kind: string): Promise<void> {
    await waitFor(`the ${kind} step sent`, async () => {
      const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps as any[];
      const ofKind = steps.filter((step) => step.kind === kind);
      return (
        ofKind.length > 0 &&
        ofKind.every((step) => step.status === 'done' && step.messages.queued === 0)
      );
    });
  }
});

function isChangeNotice(mail: ReceivedMail): boolean {
  return /^(Ndryshim në program|Change of schedule): /.test(mail.subject);
}

function addressesOf(mails: ReceivedMail[]): string[] {
  return mails.flatMap((mail) => mail.envelope.to).sort();
}
