import { randomBytes } from 'node:crypto';
import { csrfIn, DashboardSession } from './support/dashboard-session';
import { contact } from './support/round-fixture';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

const VIEWER = { email: 'lexuesi@example.org', password: 'viewer-password-long-enough' };
const COORDINATOR = { email: 'koordinatorja@example.org', password: 'coordinator-password-long' };

const IMPORT_CSV = [
  'emri;posta elektronike;institucioni;qarku;pozicioni;gjuha',
  'Blerina Shehu;blerina.shehu@example.al.test;Bashkia Korçë;Korçë;Drejtore;sq',
  'Arbër Hoxha;arber.hoxha@example.al.test;Prefektura Korçë;Korçë;Zëvendësprefekt;anglisht',
  'Gëzim Leka;not-an-address;Bashkia Korçë;Korçë;;sq',
  'Drita Koçi;drita.koci@example.al.test;Bashkia Korçë;Qarku i Hënës;;sq',
].join('\n');

const VALID_CSV = IMPORT_CSV.split('\n').slice(0, 3).join('\n');

/**
 * The directory on the dashboard over plain HTTP, as a browser without
 * JavaScript uses it: lists that search and filter through the directory's
 * services, forms that show the API's reasons beside their fields and write
 * nothing on a mistake, the CSV import's dry run and its confirmation, and
 * the roles: a viewer reads and is refused every write.
 */
describe('the directory pages', () => {
  let app: TestApp;
  let admin: DashboardSession;
  let korceId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    for (const [role, user] of [
      ['viewer', VIEWER],
      ['coordinator', COORDINATOR],
    ] as const) {
      const created = await app.post('/api/users', { ...user, name: role, role });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    }
    admin = await DashboardSession.signIn(app);
    korceId = await app.countyId('Korçë');
  });

  beforeEach(() => app.reset());

  afterAll(() => app.close());

  async function institution(name: string, countyName: string, kind = 'municipality') {
    const created = await app.post('/api/institutions', {
      name,
      kind,
      countyId: await app.countyId(countyName),
    });
    return created.body.id as string;
  }

  it('searches without diacritics: korce finds Korçë, in institutions and contacts', async () => {
    const korce = await institution('Bashkia Korçë', 'Korçë');
    await institution('Bashkia Elbasan', 'Elbasan');
    await contact(app, 'Blerina Shehu', 'blerina.shehu@example.al.test', {
      institutionId: korce,
      position: 'Drejtore e Zyrës së Punësimit Korçë',
    });
    await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test');

    const institutions = await admin.get('/app/directory/institutions?q=korce');
    expect(institutions.status).toBe(200);
    expect(institutions.text).toContain('Bashkia Korçë');
    expect(institutions.text).not.toContain('Bashkia Elbasan');
    expect(institutions.text).toContain('name="q" type="search" value="korce"');

    const contacts = await admin.get('/app/directory/contacts?q=KORCE');
    expect(contacts.text).toContain('Blerina Shehu');
    expect(contacts.text).not.toContain('Arbër Hoxha');

    // The county filter finds the contact through her institution, and keeps its choice selected.
    const inKorce = await admin.get(`/app/directory/contacts?countyId=${korceId}`);
    expect(inKorce.text).toContain('Blerina Shehu');
    expect(inKorce.text).not.toContain('Arbër Hoxha');
    expect(inKorce.text).toContain(`<option value="${korceId}" selected>Korçë</option>`);

    const national = await admin.get('/app/directory/institutions?county=national');
    expect(national.text).not.toContain('Bashkia Korçë');
  });

  it('pages through a long list, keeping the filters in the links', async () => {
    for (let index = 1; index <= 30; index++) {
      const number = String(index).padStart(2, '0');
      await contact(app, `Kontakt ${number}`, `kontakt.${number}@example.al.test`, {
        language: 'en',
      });
    }
    const first = await admin.get('/app/directory/contacts?language=en');
    expect(first.text).toContain('Kontakt 25');
    expect(first.text).not.toContain('Kontakt 26');
    expect(first.text).toMatch(/1–25 \S+ 30/);
    expect(first.text).toContain(
      'href="/app/directory/contacts?language&#x3D;en&amp;offset&#x3D;25"',
    );
    const second = await admin.get('/app/directory/contacts?language=en&offset=25');
    expect(second.text).toContain('Kontakt 30');
    expect(second.text).not.toContain('Kontakt 25<');

    // A filter the API refuses is named on the error page, not answered with a 5xx.
    const wrong = await admin.get('/app/directory/contacts?countyId=nowhere');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('countyId: must be a county id (UUID)');
  });

  it('shows a contact form mistake beside its field and writes nothing', async () => {
    const korce = await institution('Bashkia Korçë', 'Korçë');
    const form = await admin.get('/app/directory/contacts/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="email">');
    const before = await data();

    const mistake = await admin.post(
      '/app/directory/contacts',
      { fullName: 'Gëzim Leka', email: 'gezim.leka-at-example', institutionId: korce },
      form.text,
    );
    expect(mistake.status).toBe(400);
    expect(mistake.text).toMatch(
      /<input id="email" name="email" type="email" value="gezim.leka-at-example"[^>]*aria-invalid="true" aria-describedby="email-error">/,
    );
    expect(mistake.text).toContain(
      '<p class="dir-field-error" id="email-error">must be an e-mail address</p>',
    );
    expect(mistake.text).toContain('value="Gëzim Leka"');
    expect(mistake.text).toContain(`<option value="${korce}" selected>Bashkia Korçë</option>`);
    expect(await data()).toEqual(before);

    // A mistake only the service can see (a taken e-mail) comes back the same way.
    await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test');
    const taken = await admin.post(
      '/app/directory/contacts',
      { fullName: 'Arbër Hoxha i dyti', email: 'ARBER.HOXHA@example.al.test' },
      form.text,
    );
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('another active contact already has this e-mail');

    const created = await admin.post(
      '/app/directory/contacts',
      { fullName: 'Gëzim Leka', email: 'gezim.leka@example.al.test', institutionId: korce },
      form.text,
    );
    expect(created.status).toBe(303);
    expect(created.location).toMatch(/^\/app\/directory\/contacts\/[0-9a-f-]{36}\?notice=created$/);
    const page = await admin.get(created.location as string);
    expect(page.text).toContain('<h1>Gëzim Leka</h1>');
    expect(page.text).toContain('Bashkia Korçë');
  });

  it('records an opt-out on the edit form and shows its date and reason', async () => {
    const id = await contact(app, 'Blerina Shehu', 'blerina.shehu@example.al.test', {
      notes: 'Takim në Korçë',
    });
    const edit = await admin.get(`/app/directory/contacts/${id}/edit`);
    expect(edit.text).toContain('Takim në Korçë</textarea>');

    const reasonWithoutOptOut = await admin.post(
      `/app/directory/contacts/${id}`,
      {
        fullName: 'Blerina Shehu',
        email: 'blerina.shehu@example.al.test',
        language: 'sq',
        optOutReason: 'asked by phone',
      },
      edit.text,
    );
    expect(reasonWithoutOptOut.status).toBe(422);
    expect(reasonWithoutOptOut.text).toContain('id="optOutReason-error">can only be given with');

    const saved = await admin.post(
      `/app/directory/contacts/${id}`,
      {
        fullName: 'Blerina Shehu',
        email: 'blerina.shehu@example.al.test',
        language: 'sq',
        notes: '',
        optedOut: 'true',
        optOutReason: 'asked by phone',
      },
      edit.text,
    );
    expect(saved.status).toBe(303);
    const stored = await app.get(`/api/contacts/${id}`);
    expect(stored.body).toMatchObject({
      optedOut: true,
      optOutReason: 'asked by phone',
      notes: null,
    });
    const page = await admin.get(`/app/directory/contacts/${id}`);
    expect(page.text).toContain('asked by phone');
    expect(page.text).toContain('Çregjistruar më');

    // Saving the form again without a reason keeps the one given.
    const again = await admin.get(`/app/directory/contacts/${id}/edit`);
    expect(again.text).toMatch(
      /id="optedOut" name="optedOut" type="checkbox" value="true" checked/,
    );
    await admin.post(
      `/app/directory/contacts/${id}`,
      { fullName: 'Blerina Shehu', email: 'blerina.shehu@example.al.test', optedOut: 'true' },
      again.text,
    );
    expect((await app.get(`/api/contacts/${id}`)).body.optOutReason).toBe('asked by phone');
  });

  it('creates and edits an institution, archives and restores it', async () => {
    const form = await admin.get('/app/directory/institutions/new');
    const mistake = await admin.post(
      '/app/directory/institutions',
      { name: 'Shkolla 9-vjeçare Korçë', kind: 'castle', countyId: korceId },
      form.text,
    );
    expect(mistake.status).toBe(400);
    expect(mistake.text).toContain('id="kind-error">must be one of ministry');

    const created = await admin.post(
      '/app/directory/institutions',
      { name: 'Shkolla 9-vjeçare Korçë', kind: 'school', countyId: korceId, email: '' },
      form.text,
    );
    expect(created.status).toBe(303);
    const path = (created.location as string).split('?')[0];
    const id = path.split('/').pop() as string;
    expect((await app.get(`/api/institutions/${id}`)).body).toMatchObject({
      name: 'Shkolla 9-vjeçare Korçë',
      kind: 'school',
      county: { name: 'Korçë' },
      email: null,
    });

    const edit = await admin.get(`${path}/edit`);
    expect(edit.text).toContain('<option value="school" selected>');
    await admin.post(
      path,
      { name: 'Shkolla 9-vjeçare "Naim Frashëri"', kind: 'school', countyId: '', phone: '082 000' },
      edit.text,
    );
    expect((await app.get(`/api/institutions/${id}`)).body).toMatchObject({
      name: 'Shkolla 9-vjeçare "Naim Frashëri"',
      county: null,
      phone: '082 000',
    });

    const page = await admin.get(path);
    expect(page.text).toContain('Shkolla 9-vjeçare &quot;Naim Frashëri&quot;');
    const archived = await admin.post(`${path}/archive`, {}, page.text);
    expect(archived.location).toBe(`${path}?notice=archived`);
    expect((await admin.get('/app/directory/institutions')).text).not.toContain('Naim');
    expect((await admin.get('/app/directory/institutions?archived=true')).text).toContain('Naim');
    await admin.post(`${path}/restore`, {}, page.text);
    expect((await app.get(`/api/institutions/${id}`)).body.archivedAt).toBeNull();
  });

  it("shows a committee's members and seats and unseats them", async () => {
    const committee = await app.post('/api/committees', {
      name: 'Tryeza Teknike Antitrafik Korçë',
      countyId: korceId,
    });
    const path = `/app/directory/committees/${committee.body.id}`;
    const blerina = await contact(app, 'Blerina Shehu', 'blerina.shehu@example.al.test');
    await app.post(`/api/committees/${committee.body.id}/members`, {
      contactId: blerina,
      role: 'chair',
    });
    const arber = await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test');

    const list = await admin.get('/app/directory/committees?q=korce');
    expect(list.text).toContain('Tryeza Teknike Antitrafik Korçë');

    const found = await admin.get(`${path}?find=hoxha`);
    expect(found.text).toContain('Blerina Shehu');
    expect(found.text).toContain('Kryetar');
    expect(found.text).toContain(`name="contactId" value="${arber}"`);

    const added = await admin.post(
      `${path}/members`,
      { contactId: arber, role: 'member', find: 'hoxha' },
      found.text,
    );
    expect(added.location).toBe(`${path}?notice=memberAdded`);
    const twice = await admin.post(
      `${path}/members`,
      { contactId: arber, role: 'member', find: 'hoxha' },
      found.text,
    );
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('the contact is already a current member of this committee');

    const members = await app.get(`/api/committees/${committee.body.id}/members`);
    const seat = members.body.find((m: any) => m.contact.id === arber);
    const removed = await admin.post(`${path}/members/${seat.id}/end`, {}, found.text);
    expect(removed.location).toBe(`${path}?notice=memberRemoved`);
    const after = await admin.get(path);
    expect(after.text).toContain('Blerina Shehu');
    expect(after.text).not.toContain('Arbër Hoxha');
    expect((await admin.get(`${path}?history=true`)).text).toContain('Arbër Hoxha');
  });

  describe('the CSV import', () => {
    it('shows each row of a dry run and writes nothing', async () => {
      await institution('Bashkia Korçë', 'Korçë');
      await contact(app, 'Blerina Shehu', 'blerina.shehu@example.al.test', { position: 'Mësuese' });
      const before = await data();

      const uploaded = await uploadCsv(ADMIN_EMAIL, ADMIN_PASSWORD, IMPORT_CSV, 'korce.csv');
      expect(uploaded.status).toBe(303);
      const dryRunPath = uploaded.location as string;
      expect(dryRunPath).toMatch(/^\/app\/directory\/import\/[\w-]{32}$/);
      const page = await admin.get(dryRunPath);
      expect(page.status).toBe(200);
      expect(page.text).toContain('korce.csv');
      const rows = tableRows(page.text);
      expect(rows).toEqual([
        expect.stringMatching(
          /^2 \| Blerina Shehu \| blerina.shehu@example.al.test \| Bashkia Korçë \| Përditësim \| Ndryshime: pozicioni, institucioni$/,
        ),
        expect.stringMatching(
          /^3 \| Arbër Hoxha \| arber.hoxha@example.al.test \| Prefektura Korçë i ri \| I ri \| $/,
        ),
        expect.stringMatching(
          /^4 \| Gëzim Leka \| not-an-address \| {2}\| Gabim \| posta elektronike: must be an e-mail address$/,
        ),
        expect.stringMatching(
          /^5 \| Drita Koçi \| drita.koci@example.al.test \| {2}\| Gabim \| qarku: no county named "Qarku i Hënës"/,
        ),
      ]);
      // Every row or none: with errors there is nothing to confirm.
      expect(page.text).not.toContain('Konfirmo');
      expect(await data()).toEqual(before);
    });

    it('imports exactly the checked file on confirmation, once', async () => {
      const uploaded = await uploadCsv(ADMIN_EMAIL, ADMIN_PASSWORD, VALID_CSV);
      const dryRun = await admin.get(uploaded.location as string);
      expect(dryRun.text).toContain('Konfirmo: importo këta rreshta');
      expect(await count('/api/contacts')).toBe(0);

      const confirmed = await admin.post(uploaded.location as string, {}, dryRun.text);
      expect(confirmed.status).toBe(303);
      expect(confirmed.location).toBe('/app/directory/import?create=2&update=0&unchanged=0');
      const done = await admin.get(confirmed.location as string);
      expect(done.text).toContain(
        'Skedari u importua: 2 kontakte të reja, 0 të përditësuar, 0 pa ndryshim.',
      );
      expect(await count('/api/contacts')).toBe(2);
      expect(await count('/api/institutions')).toBe(2);

      // The kept file is gone: confirming it again does nothing.
      const before = await data();
      const again = await admin.post(uploaded.location as string, {}, dryRun.text);
      expect(again.status).toBe(404);
      expect(again.text).toContain('Ngarkojeni skedarin përsëri');
      expect(await data()).toEqual(before);
    });

    it('refuses a forged confirmation, and one for another user’s file', async () => {
      const uploaded = await uploadCsv(ADMIN_EMAIL, ADMIN_PASSWORD, VALID_CSV);
      const form = await admin.get('/app/directory/import');
      const before = await data();

      const forged = await admin.post(
        `/app/directory/import/${randomBytes(24).toString('base64url')}`,
        {},
        form.text,
      );
      expect(forged.status).toBe(404);
      const coordinator = await DashboardSession.signIn(
        app,
        COORDINATOR.email,
        COORDINATOR.password,
      );
      const coordinatorForm = await coordinator.get('/app/directory/import');
      const someoneElses = await coordinator.post(
        uploaded.location as string,
        {},
        coordinatorForm.text,
      );
      expect(someoneElses.status).toBe(404);
      expect((await coordinator.get(uploaded.location as string)).status).toBe(404);
      // The right id without the form's CSRF token is refused too.
      expect((await admin.post(uploaded.location as string, {}, '')).status).toBe(403);
      expect(await data()).toEqual(before);
    });

    it('shows why a file cannot be read at all, on the form', async () => {
      const before = await data();
      const badHeader = await uploadCsv(ADMIN_EMAIL, ADMIN_PASSWORD, 'emri;adresa\nBlerina;x');
      expect(badHeader.status).toBe(400);
      expect(badHeader.text).toContain('adresa: unknown column');
      const notUtf8 = await uploadCsv(
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        Buffer.from('emri;email\nKor\xe7\xeb;k@example.al.test', 'latin1'),
      );
      expect(notUtf8.status).toBe(400);
      expect(notUtf8.text).toContain('must be UTF-8 text');
      const tooLarge = await uploadCsv(
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        `emri;email\n${'Blerina;b@example.al.test\n'.repeat(90_000)}`,
      );
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.text).toContain('file: is larger than 2 MiB; split the file');
      const empty = await uploadCsv(ADMIN_EMAIL, ADMIN_PASSWORD, '');
      expect(empty.status).toBe(400);
      expect(empty.text).toContain('choose a CSV file to import');
      expect(await data()).toEqual(before);
    });
  });

  it('shows a viewer no write buttons and refuses their writes', async () => {
    const korce = await institution('Bashkia Korçë', 'Korçë');
    const id = await contact(app, 'Blerina Shehu', 'blerina.shehu@example.al.test');
    const committee = await app.post('/api/committees', { name: 'Tryeza Teknike Korçë' });
    await app.post(`/api/committees/${committee.body.id}/members`, { contactId: id });
    const viewer = await DashboardSession.signIn(app, VIEWER.email, VIEWER.password);
    const pages = [
      '/app/directory',
      '/app/directory/contacts',
      `/app/directory/contacts/${id}`,
      '/app/directory/institutions',
      `/app/directory/institutions/${korce}`,
      '/app/directory/committees',
      `/app/directory/committees/${committee.body.id}?find=blerina`,
    ];
    for (const path of pages) {
      const page = await viewer.get(path);
      expect(page.status).toBe(200);
      // The layout's own forms (language, sign-out) are the only ones posting anywhere.
      const actions = [...page.text.matchAll(/<form method="post" action="([^"]+)"/g)].map(
        (match) => match[1],
      );
      expect(actions).toEqual(['/app/language', '/app/sign-out']);
      expect(page.text).not.toMatch(/\/new"|\/edit"|\/app\/directory\/import"/);
    }

    const page = await viewer.get(`/app/directory/contacts/${id}`);
    const before = await data();
    const writes: Array<[string, Record<string, string>]> = [
      ['/app/directory/contacts', { fullName: 'X', email: 'x@example.al.test' }],
      [`/app/directory/contacts/${id}`, { fullName: 'X', email: 'x@example.al.test' }],
      [`/app/directory/contacts/${id}/archive`, {}],
      [`/app/directory/institutions/${korce}/archive`, {}],
      [`/app/directory/committees/${committee.body.id}/members`, { contactId: id }],
    ];
    for (const [path, fields] of writes) {
      const refused = await viewer.post(path, fields, page.text);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('the viewer role may not do this');
    }
    expect((await viewer.get('/app/directory/contacts/new')).status).toBe(403);
    expect((await viewer.get('/app/directory/import')).status).toBe(403);
    const upload = await uploadCsv(VIEWER.email, VIEWER.password, VALID_CSV);
    expect(upload.status).toBe(403);
    expect(await data()).toEqual(before);
  });

  /** The text of each body row of the page's last table, cells joined by " | ". */
  function tableRows(html: string): string[] {
    const body = html.slice(html.lastIndexOf('<tbody>'), html.lastIndexOf('</tbody>'));
    return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
        .map((cell) =>
          cell[1]
            .replace(/<[^>]+>/g, '')
            .replace(/&quot;/g, '"')
            .replace(/\s+/g, ' ')
            .trim(),
        )
        .join(' | '),
    );
  }

  /** Every table but the tokens: signing in (as the upload helper does) adds a session. */
  async function data(): Promise<Record<string, string>> {
    const tables = await app.snapshot();
    delete tables.api_token;
    return tables;
  }

  async function count(path: string): Promise<number> {
    return (await app.get(`${path}?limit=1`)).body.total;
  }

  /**
   * A file sent through the upload form as a browser sends it (multipart,
   * the CSRF token first), in a session of its own: DashboardSession posts
   * URL-encoded forms only.
   */
  async function uploadCsv(
    email: string,
    password: string,
    csv: string | Buffer,
    fileName = 'contacts.csv',
  ): Promise<{ status: number; location: string | null; text: string }> {
    const cookies = new Map<string, string>();
    const visit = async (path: string, init: RequestInit = {}) => {
      const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(app.baseUrl + path, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie },
      });
      for (const header of response.headers.getSetCookie()) {
        const [name, value] = header.split(';')[0].split(/=(.*)/s);
        cookies.set(name, value);
      }
      return response;
    };
    const signInPage = await (await visit('/app/sign-in')).text();
    await visit('/app/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfIn(signInPage), email, password }).toString(),
    });
    // A viewer has no import page to take the token from; the sign-in page's works as well.
    const formPage = await visit('/app/directory/import');
    const token = csrfIn(formPage.status === 200 ? await formPage.text() : signInPage);
    const form = new FormData();
    form.append('_csrf', token);
    form.append('file', new Blob([csv], { type: 'text/csv' }), fileName);
    const response = await visit('/app/directory/import', { method: 'POST', body: form });
    return {
      status: response.status,
      location: response.headers.get('location'),
      text: await response.text(),
    };
  }
});
