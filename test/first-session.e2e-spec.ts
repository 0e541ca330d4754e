import { generateAlbanianContacts, toContactsCsv } from './fixtures/albanian-contacts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

/**
 * The foundation's "done when", as one person would do it over HTTP: sign in
 * as the bootstrap admin, import 200 contacts (dry run, then for real), form
 * the Elbasan Technical Table, and find the Korçë contacts.
 */
describe('a coordinator’s first session', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  it('goes from an empty directory to a committee and a search', async () => {
    const token = await app.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const contacts = generateAlbanianContacts(200);
    const csv = toContactsCsv(contacts);
    const upload = (query: string) =>
      app.request('POST', `/api/import/contacts${query}`, {
        token,
        raw: csv,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      });

    const before = await app.snapshot();
    const dryRun = await upload('?dryRun=true');
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.summary).toMatchObject({ total: 200, create: 200, error: 0 });
    expect(await app.snapshot()).toEqual(before);

    const imported = await upload('');
    expect(imported.status).toBe(200);
    expect(imported.body.summary).toMatchObject({ total: 200, create: 200, error: 0 });
    const all = await app.get('/api/contacts?limit=1', { token });
    expect(all.body.total).toBe(200);

    const elbasan = await app.countyId('Elbasan');
    const table = await app.post(
      '/api/committees',
      {
        name: 'Tryeza Teknike Antitrafik Elbasan',
        countyId: elbasan,
        description: 'Anti-Trafficking Technical Table of Elbasan county',
      },
      { token },
    );
    expect(table.status).toBe(201);
    const fromElbasan = await app.get(`/api/contacts?countyId=${elbasan}&limit=5`, { token });
    expect(fromElbasan.body.items.length).toBeGreaterThanOrEqual(3);
    const [chair, ...members] = fromElbasan.body.items;
    const added = [
      await app.post(
        `/api/committees/${table.body.id}/members`,
        { contactId: chair.id, role: 'chair' },
        { token },
      ),
      ...(await Promise.all(
        members.map((m: { id: string }) =>
          app.post(`/api/committees/${table.body.id}/members`, { contactId: m.id }, { token }),
        ),
      )),
    ];
    expect(added.map((r) => r.status)).toEqual(added.map(() => 201));
    const roster = await app.get(`/api/committees/${table.body.id}/members`, { token });
    expect(roster.body[0]).toMatchObject({ role: 'chair', contact: { id: chair.id } });
    expect(roster.body).toHaveLength(fromElbasan.body.items.length);
    const byMember = await app.get(`/api/contacts?committeeId=${table.body.id}`, { token });
    expect(byMember.body.total).toBe(fromElbasan.body.items.length);

    const korce = await app.countyId('Korçë');
    const inKorce = contacts.filter((c) => c.county === 'Korçë').length;
    const byCounty = await app.get(`/api/contacts?countyId=${korce}&limit=200`, { token });
    expect(byCounty.body.total).toBe(inKorce);
    const bySearch = await app.get('/api/institutions?q=korce&limit=200', { token });
    expect(bySearch.body.total).toBeGreaterThan(0);
    for (const institution of bySearch.body.items) {
      expect(
        institution.name
          .normalize('NFD')
          .replace(/\p{Diacritic}/gu, '')
          .toLowerCase(),
      ).toContain('korce');
    }
  });
});
