import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { readPdf } from '../src/reports/render/testing/pdf-content';
import { launchBrowser } from './support/browser';
import { DashboardSession, signInInBrowser } from './support/dashboard-session';
import { invitingCampaign, linkPath } from './support/invited-round';
import { pageRequest } from './support/page-request';
import { contact, draftRound } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { attendancePath, staffMember } from './support/staffed-round';
import { TestApp } from './support/test-app';
import { queuedMessagesSettled, waitFor } from './support/wait-for';

/**
 * What a user types, made to break out of wherever it lands: markup that
 * would run a script, Handlebars syntax that would be evaluated if the data
 * were ever compiled as a template, and a quote that would end an HTML
 * attribute. `tag` says which field it is. One line, as names and titles
 * must be (a line break in one is refused, see single-line-fields.e2e-spec.ts).
 */
const hostile = (tag: string) =>
  `${tag} <script>window.__pwned='${tag}'</script>"><svg/onload=window.__pwned='${tag}'> ` +
  `{{constructor}} {{#each this}}E{{/each}} {{{x}}}`;

/** The same with line breaks that would start a new mail header (Bcc) or calendar property, for texts of several lines. */
const hostileLines = (tag: string) => `${hostile(tag)}\r\nBcc: x@evil.test\r\nX-Injected: ${tag}`;

/** What would be there had the markup not been escaped. */
const RAW_MARKUP = ['<script>window.__pwned', '<svg/onload'];
/** What is there when it is. */
const ESCAPED = '&lt;script&gt;window.__pwned';
/** Handlebars syntax shown as typed: compiled, it would have become E, E, E… */
const TEMPLATE_TEXT = '{{#each this}}E{{/each}}';
const FORMULA = '=HYPERLINK("http://evil.example","open")';

/**
 * Hostile text in every field a user fills that reaches an e-mail, a page or
 * a report — campaign names, slogans, organiser and sender, institution,
 * contact and staff names, session titles and venues, a colleague named in
 * an RSVP form, walk-ins, head-count notes, materials, recommendations —
 * driven through the real workflow into a real SMTP server and a real
 * Chromium: escaped in every page and e-mail, never run, never evaluated as
 * a template, never splitting a mail header or a calendar line.
 */
describe('injection through user-supplied text', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let browser: Browser;
  const ids: Record<string, string> = {};
  const links: Record<string, string> = {};

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, TRUST_PROXY_HOPS: '1' });
    browser = await launchBrowser();

    const campaignId = await invitingCampaign(app);
    const splitHeader = await app.patch(`/api/campaigns/${campaignId}`, {
      senderName: hostileLines('sender'),
    });
    expect([splitHeader.status, splitHeader.body.errors?.[0]?.field]).toEqual([422, 'senderName']);
    const campaign = await app.patch(`/api/campaigns/${campaignId}`, {
      nameSq: hostile('nameSq'),
      nameEn: hostile('nameEn'),
      sloganSq: hostile('slogSq'),
      sloganEn: hostile('slogEn'),
      organiserSq: hostile('orgSq'),
      organiserEn: hostile('orgEn'),
      senderName: hostile('sender'),
    });
    expect(campaign.status).toBe(200);
    const institution = await app.post('/api/institutions', {
      name: hostile('inst'),
      kind: 'prefecture',
      countyId: await app.countyId('Elbasan'),
    });
    expect(institution.status).toBe(201);
    const at = { institutionId: institution.body.id, position: hostile('pos') };
    const arber = await contact(app, hostile('arber'), 'arber.hoxha@example.al.test', at);
    const blerina = await contact(app, hostile('blerina'), 'blerina.shehu@example.al.test', {
      ...at,
      language: 'en',
    });
    const staffId = await staffMember(app, 'Drita Koçi', 'sq');
    expect((await app.patch(`/api/users/${staffId}`, { name: hostile('staff') })).status).toBe(200);

    const { roundId, sessionIds } = await draftRound(app, campaignId, [
      {
        titleSq: hostile('titleSq'),
        titleEn: hostile('titleEn'),
        startInMs: 3600_000,
        audience: { contactIds: [arber, blerina] },
      },
    ]);
    const [sessionId] = sessionIds;
    const venue = { venueSq: hostile('venueSq'), venueEn: hostile('venueEn') };
    expect((await app.patch(`/api/sessions/${sessionId}`, venue)).status).toBe(200);
    expect((await app.patch(`/api/rounds/${roundId}`, { staffUserId: staffId })).status).toBe(200);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    const invitations = await waitFor('the invitations', async () => {
      const items = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
      return items.length === 2 ? items : undefined;
    });
    const invitationOf = (contactId: string) =>
      invitations.find((i) => i.contact.id === contactId).id as string;
    Object.assign(ids, { campaignId, roundId, sessionId, arber, blerina, staffId });
    Object.assign(ids, { institution: institution.body.id });
    links.arber = linkPath(app, 'rsvp', invitationOf(arber));
    links.blerina = linkPath(app, 'rsvp', invitationOf(blerina));
    links.optOut = linkPath(app, 'opt-out', blerina);
    links.attendance = attendancePath(app, sessionId);

    // Arbër sends a colleague whose name he types into the RSVP form.
    const delegated = await delegate(links.arber, 'colleague', 'elona.dervishi@example.al.test');
    expect(delegated.status).toBe(303);
    const standIn = (await app.get(`/api/rounds/${roundId}/invitations`)).body.items.find(
      (i: any) => i.substituteForId === invitationOf(arber),
    );
    links.colleague = linkPath(app, 'rsvp', standIn.id);

    const attendance = await app.request('PUT', `/api/sessions/${sessionId}/attendance`, {
      body: {
        invitees: [{ invitationId: invitationOf(blerina), present: true }],
        walkIns: [{ fullName: hostile('walkIn') }, { fullName: FORMULA }],
        headCount: {
          total: 30,
          breakdown: [
            { label: `g <script>window.__pwned='g'</script> ${TEMPLATE_TEXT}`, count: 30 },
          ],
          note: hostileLines('note'),
        },
      },
    });
    expect([attendance.status, attendance.body.message]).toEqual([200, undefined]);
    const material = await app.post(`/api/rounds/${roundId}/materials`, {
      descriptionSq: hostile('matSq'),
      descriptionEn: hostile('matEn'),
      quantity: 4000,
      placesSq: hostile('placeSq'),
      placesEn: hostile('placeEn'),
    });
    expect(material.status).toBe(201);
    const recommendations = await app.request('PUT', `/api/rounds/${roundId}/recommendations`, {
      body: { items: [{ textSq: hostileLines('recSq'), textEn: hostileLines('recEn') }] },
    });
    expect(recommendations.status).toBe(200);
    await queuedMessagesSettled(app);
  });

  afterAll(async () => {
    await browser?.close();
    await app.close();
    await sink.stop();
  });

  /** An RSVP form sending a colleague instead, with a hostile name and position typed in. */
  function delegate(link: string, tag: string, email: string) {
    return pageRequest(app.baseUrl, '198.51.100.1', 'POST', link, {
      answer: 'delegate',
      substituteName: hostile(tag),
      substituteEmail: email,
      substitutePosition: hostile(`${tag}Pos`),
    });
  }

  /** The header block of a message as it was sent, before the first empty line. */
  const headerBlock = (mail: ReceivedMail) => {
    const raw = mail.raw.toString('utf8');
    return raw.slice(0, raw.search(/\r?\n\r?\n/));
  };

  it('sends e-mails whose headers are not split, whose HTML is escaped and whose templates are not fed the data', async () => {
    // Two invitations, the answer's confirmation to Arbër, the colleague's invitation, and the
    // attendance-sheet link to the staff member in charge.
    const mails = await sink.waitFor(5);
    expect(mails.map((m) => m.envelope.to.join()).sort()).toEqual([
      'arber.hoxha@example.al.test',
      'arber.hoxha@example.al.test',
      'blerina.shehu@example.al.test',
      'elona.dervishi@example.al.test',
      expect.stringMatching(/^staff-[0-9a-f]+@example\.org$/),
    ]);
    for (const mail of mails) {
      const where = `${mail.envelope.to[0]}: ${mail.subject.slice(0, 60)}`;
      const headers = headerBlock(mail);
      expect({ where, injected: headers.match(/^(bcc|x-injected):.*$/gim) }).toEqual({
        where,
        injected: null,
      });
      expect([...mail.rawHeaders.keys()]).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(bcc|x-injected)$/)]),
      );
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.subject).toContain(TEMPLATE_TEXT);
      expect(mail.from?.address).toBe('fushata@example.org');
      expect(mail.to.map((to) => to.address)).toEqual(mail.envelope.to);
      expect(mail.replyTo.every((to) => !to.address.includes('evil'))).toBe(true);

      for (const raw of RAW_MARKUP)
        expect({ where, html: mail.html.includes(raw) }).toEqual({ where, html: false });
      expect(mail.html).toContain(ESCAPED);
      expect(mail.html).toContain(TEMPLATE_TEXT);
      expect(mail.text).toContain(TEMPLATE_TEXT);
      expect(mail.html).not.toContain('function Object()');
      expect(mail.text).not.toContain('function Object()');

      if (mail.calendar) {
        const lines = mail.calendar.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
        expect({ where, injected: lines.filter((l) => /^(bcc|x-injected)/i.test(l)) }).toEqual({
          where,
          injected: [],
        });
        expect(lines.find((l) => l.startsWith('SUMMARY'))).toContain(TEMPLATE_TEXT);
      }
    }
    // The names the mails are addressed to come through whole, on one line.
    const blerina = mails.find((m) => m.envelope.to[0] === 'blerina.shehu@example.al.test');
    expect(blerina?.to[0].name).toContain('blerina <script>');
    expect(blerina?.from?.name).toContain('sender <script>');
  });

  const PUBLIC_PAGES = () => ({
    'RSVP page (sq)': links.arber,
    'RSVP page (en)': links.blerina,
    'RSVP page of the colleague sent instead': links.colleague,
    'attendance sheet': links.attendance,
  });

  const DASHBOARD_PAGES = () => ({
    campaigns: '/app/campaigns',
    campaign: `/app/campaigns/${ids.campaignId}`,
    round: `/app/rounds/${ids.roundId}`,
    'round plan': `/app/rounds/${ids.roundId}/plan`,
    'round cancel preview': `/app/rounds/${ids.roundId}/cancel`,
    'session reschedule': `/app/sessions/${ids.sessionId}/reschedule`,
    'session cancel preview': `/app/sessions/${ids.sessionId}/cancel`,
    'round report': `/app/rounds/${ids.roundId}/report`,
    'campaign report': `/app/campaigns/${ids.campaignId}/report`,
    contacts: '/app/directory/contacts',
    contact: `/app/directory/contacts/${ids.arber}`,
    'contact form': `/app/directory/contacts/${ids.arber}/edit`,
    institutions: '/app/directory/institutions',
    institution: `/app/directory/institutions/${ids.institution}`,
    users: '/app/admin/users',
    user: `/app/admin/users/${ids.staffId}`,
  });

  function expectEscaped(where: string, html: string) {
    for (const raw of RAW_MARKUP)
      expect({ where, raw: html.includes(raw) }).toEqual({ where, raw: false });
    expect({ where, escaped: html.includes(ESCAPED) }).toEqual({ where, escaped: true });
    expect({ where, template: html.includes(TEMPLATE_TEXT) }).toEqual({ where, template: true });
  }

  it('escapes the text on every page that shows it', async () => {
    for (const [where, path] of Object.entries(PUBLIC_PAGES())) {
      const response = await pageRequest(app.baseUrl, '198.51.100.2', 'GET', path);
      expect({ where, status: response.status }).toEqual({ where, status: 200 });
      expectEscaped(where, response.body);
    }
    const dashboard = await DashboardSession.signIn(app);
    for (const [where, path] of Object.entries(DASHBOARD_PAGES())) {
      const response = await dashboard.get(path);
      expect({ where, status: response.status }).toEqual({ where, status: 200 });
      expectEscaped(where, response.text);
    }
  });

  it('escapes what a visitor typed when a form comes back with a mistake', async () => {
    const rsvp = await delegate(links.blerina, 'typed', 'not an e-mail');
    expect(rsvp.status).toBe(422);
    expectEscaped('RSVP form with a mistake', rsvp.body);

    const visitor = DashboardSession.anonymous(app);
    const signIn = await visitor.post(
      '/app/sign-in',
      { email: hostile('typedEmail'), password: 'not the password', next: '/app' },
      (await visitor.get('/app/sign-in')).text,
    );
    expect(signIn.status).toBe(401);
    expectEscaped('sign-in form with a mistake', signIn.text);

    const dashboard = await DashboardSession.signIn(app);
    const form = await dashboard.get('/app/directory/contacts/new');
    const refused = await dashboard.post(
      '/app/directory/contacts',
      { fullName: hostile('typedFull'), email: 'not an e-mail', notes: hostileLines('typedNotes') },
      form.text,
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expectEscaped('contact form with a mistake', refused.text);
  });

  it('escapes it in the reports: HTML, PDF text and CSV cells a spreadsheet would take for formulas', async () => {
    const download = async (query: string) => {
      const response = await fetch(`${app.baseUrl}/api/rounds/${ids.roundId}/report?${query}`, {
        headers: { authorization: `Bearer ${app.adminToken}` },
      });
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    for (const lang of ['sq', 'en']) {
      expectEscaped(
        `report HTML (${lang})`,
        (await download(`format=html&lang=${lang}`)).toString(),
      );
      // Shown as the text it is, the markup and the template syntax letter for letter (lines wrap anywhere).
      const pdf = (await readPdf(await download(`format=pdf&lang=${lang}`))).text.replace(
        /\s/g,
        '',
      );
      expect(pdf).toContain(`walkIn<script>window.__pwned='walkIn'</script>`);
      expect(pdf).toContain(TEMPLATE_TEXT.replace(/\s/g, ''));
    }
    const files = unzipSync(new Uint8Array(await download('format=csv&lang=en')));
    const cells = Object.values(files)
      .flatMap((file) => strFromU8(file).split(/\r\n/))
      .flatMap((line) => line.split(','));
    expect(cells.some((cell) => cell.includes(FORMULA.slice(0, 10)))).toBe(true);
    const formulas = cells.filter((cell) => /^"?[=+\-@]/.test(cell) && !/^"?-?\d/.test(cell));
    expect(formulas).toEqual([]);
  });

  describe('in a real browser', () => {
    let page: Page;
    const dialogs: string[] = [];

    beforeAll(async () => {
      page = await (await browser.newContext()).newPage();
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await signInInBrowser(page, app);
    });

    it('runs none of the injected scripts on any page', async () => {
      const pages = { ...PUBLIC_PAGES(), ...DASHBOARD_PAGES() };
      for (const [where, path] of Object.entries(pages)) {
        await page.goto(app.baseUrl + path);
        await page.waitForLoadState('load');
        const pwned = await page.evaluate('window.__pwned ?? null');
        expect({ where, pwned }).toEqual({ where, pwned: null });
        // The text is on the page as text, where a person reads it.
        expect({ where, shown: (await page.content()).includes(ESCAPED) }).toEqual({
          where,
          shown: true,
        });
      }
      expect(dialogs).toEqual([]);
    });
  });
});
