import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { auditPage, blocking, PageAudit, summary } from './support/axe';
import { launchBrowser } from './support/browser';
import { signInInBrowser } from './support/dashboard-session';
import { officeWorld, tiranaDay } from './support/dashboard-story';
import { linkPath } from './support/invited-round';
import { contact, draftRound } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { attendancePath, staffedRound, staffMember } from './support/staffed-round';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

const ARTIFACTS = join(__dirname, 'artifacts');
const EN_ADMIN = { email: 'elira.dervishi@example.org', password: 'elira-password-long-enough' };

/** A dry run with one good row, a bad address and an unknown county and language. */
const IMPORT_CSV = [
  'emri;posta elektronike;institucioni;qarku;pozicioni;gjuha',
  'Blerina Shehu;blerina.shehu@example.al.test;Bashkia Korçë;Korçë;Drejtore;sq',
  'Gëzim Leka;gezim.leka-example.al.test;Bashkia Korçë;Korçë;;sq',
  'Anila Gjoka;anila.gjoka@example.al.test;Prefektura;Korça e Re;;anglisht',
].join('\n');

type Language = 'sq' | 'en';

/** The two widths the dashboard is built for: an office desk and a phone held upright. */
const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

interface World {
  campaignId: string;
  reportRoundId: string;
  draftRoundId: string;
  /** By language: the round in the charge of a staff member who reads it, and its people. */
  rounds: Record<
    Language,
    { roundId: string; sessionId: string; contactId: string; invitationId: string }
  >;
}

/**
 * axe-core on every page of ours, in both languages and at both widths: a
 * serious or critical violation fails, the rest is printed for the record.
 */
describe('every page passes axe-core', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  let world: World;
  const reports: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    browser = await launchBrowser();
    world = await buildWorld(app);
  }, 60_000);

  afterAll(async () => {
    // eslint-disable-next-line no-console -- the figures below serious are the test's record, not a failure
    console.log(reports.join('\n\n'));
    await browser?.close();
    await app?.close();
    await sink?.stop();
  });

  for (const language of ['sq', 'en'] as const) {
    for (const width of WIDTHS) {
      it(`has no serious or critical violation in ${language} on a ${width.name}`, async () => {
        const context = await browser.newContext({
          viewport: width.viewport,
          isMobile: width.isMobile,
          hasTouch: width.isMobile,
          locale: language,
          bypassCSP: true,
        });
        try {
          const audits = await auditEveryPage(await context.newPage(), language, width.name);
          reports.push(summary(`axe-core, ${language}, ${width.name}`, audits));
          expect(audits.flatMap(blocking)).toEqual([]);
        } finally {
          await context.close();
        }
      }, 180_000);
    }
  }

  async function auditEveryPage(page: Page, language: Language, width: string) {
    const audits: PageAudit[] = [];
    const base = app.baseUrl;
    /** The status proves the page audited is the one meant, not a sign-in or error page in its place. */
    const visit = async (name: string, path: string, status = 200) => {
      const response = await page.goto(base + path);
      expect({ name, status: response?.status() }).toEqual({ name, status });
      audits.push(await auditPage(page, name));
    };
    const round = world.rounds[language];

    await visit('sign-in', `/app/sign-in?lang=${language}`);
    if (language === 'sq') await signInInBrowser(page, app, ADMIN_EMAIL, ADMIN_PASSWORD);
    else await signInInBrowser(page, app, EN_ADMIN.email, EN_ADMIN.password);

    await visit('campaigns', '/app/campaigns');
    await visit('campaign', `/app/campaigns/${world.campaignId}`);
    await visit('round', `/app/rounds/${round.roundId}`);
    if (language === 'sq') {
      await page.screenshot({ path: join(ARTIFACTS, `round-page-${width}.png`), fullPage: true });
    }
    await visit('new round', `/app/campaigns/${world.campaignId}/rounds/new`);
    await visit('round plan', `/app/rounds/${world.draftRoundId}/plan`);
    await visit('schedule confirmation', `/app/rounds/${world.draftRoundId}/schedule`);
    if (language === 'sq' && width === 'desktop') {
      await page.screenshot({ path: join(ARTIFACTS, 'schedule-preview.png'), fullPage: true });
    }
    await visit('session edit', `/app/sessions/${round.sessionId}/edit`);
    await visit('session reschedule', `/app/sessions/${round.sessionId}/reschedule`);
    await page.fill('#date', tiranaDay(1));
    await page.fill('#startTime', '10:00');
    await page.fill('#endTime', '11:30');
    await page.locator('form[action$="/reschedule/preview"] button[type=submit]').click();
    await page.waitForURL(/\/reschedule\/preview$/);
    audits.push(await auditPage(page, 'session reschedule preview'));
    await visit('session cancel preview', `/app/sessions/${round.sessionId}/cancel`);
    await visit('round cancel preview', `/app/rounds/${round.roundId}/cancel`);
    await visit('session audience', `/app/sessions/${round.sessionId}/audience`);
    await page.locator('input[type=checkbox]:checked').first().uncheck();
    await page.locator('form button.primary[type=submit]').first().click();
    await page.waitForURL(/\/audience\/preview$/);
    audits.push(await auditPage(page, 'session audience preview'));
    await visit('round report', `/app/rounds/${world.reportRoundId}/report`);
    await visit('campaign report', `/app/campaigns/${world.campaignId}/report`);

    await visit('contacts', '/app/directory/contacts');
    await visit('contact', `/app/directory/contacts/${round.contactId}`);
    await visit('contact form', '/app/directory/contacts/new');
    await visit('institutions', '/app/directory/institutions');
    await visit('committees', '/app/directory/committees');
    await visit('import upload', '/app/directory/import');
    await page.setInputFiles('#file', {
      name: 'kontaktet.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(IMPORT_CSV),
    });
    await page.locator('form button.primary[type=submit]').click();
    await page.waitForURL(/\/app\/directory\/import\/[^/?]+$/);
    audits.push(await auditPage(page, 'import dry run'));

    await visit('admin overview', '/app/admin');
    await visit('admin users', '/app/admin/users');
    await visit('admin tokens', '/app/admin/tokens');
    await visit('dashboard not found', '/app/no-such-page', 404);
    // The queue dashboard (Bull Board) is a third party's page, not ours to fix, so it is not audited.

    await visit('rsvp', linkPath(app, 'rsvp', round.invitationId));
    // The browser's own checks are turned off to reach the page's list of every mistake.
    const colleague = page.locator('form:has(#substituteName)');
    await colleague.evaluate(
      (form) => ((form as unknown as { noValidate: boolean }).noValidate = true),
    );
    await page.fill('#substituteEmail', 'not-an-address');
    await colleague.locator('button[type=submit]').click();
    await page.locator('[role=alert] li').nth(1).waitFor();
    audits.push(await auditPage(page, 'rsvp with mistakes'));
    await visit('attendance sheet', attendancePath(app, round.sessionId));
    await visit('unsubscribe', linkPath(app, 'opt-out', round.contactId));
    await visit('link not found', '/rsvp/no-such-link', 404);
    return audits;
  }
});

/**
 * The office with its Elbasan report and Kukës directory, an English-reading
 * admin, a draft round, and per language a scheduled round whose staff member
 * and invitee read that language, starting within the hour so its
 * attendance sheet is open.
 */
async function buildWorld(app: TestApp): Promise<World> {
  const { campaignId } = await officeWorld(app);
  const created = await app.post('/api/users', {
    ...EN_ADMIN,
    name: 'Elira Dervishi',
    role: 'admin',
    language: 'en',
  });
  if (created.status !== 201) throw new Error(`admin: ${JSON.stringify(created.body)}`);
  const completed = await app.get(`/api/rounds?campaignId=${campaignId}&status=completed`);
  const reportRoundId = completed.body.items[0].id as string;
  const { roundId: draftRoundId } = await draftRound(app, campaignId, [
    {
      titleSq: 'Punëtori me mësuesit',
      titleEn: 'Workshop with the teachers',
      startInMs: 26 * 3600_000,
      audience: { contactIds: [await contact(app, 'Mira Lami', 'mira.lami@example.al.test')] },
    },
  ]);
  const rounds = {} as World['rounds'];
  for (const language of ['sq', 'en'] as const) {
    const people = [
      await contact(app, `Ana Kola ${language}`, `ana.kola.${language}@example.al.test`, {
        language,
      }),
      await contact(app, `Besa Hoxha ${language}`, `besa.hoxha.${language}@example.al.test`, {
        language,
      }),
    ];
    const staffId = await staffMember(app, `Staf ${language}`, language);
    const staffed = await staffedRound(app, campaignId, staffId, people);
    rounds[language] = {
      roundId: staffed.roundId,
      sessionId: staffed.sessionId,
      contactId: people[0],
      invitationId: staffed.invitationOf.get(people[0]) as string,
    };
  }
  return { campaignId, reportRoundId, draftRoundId, rounds };
}
