import { officeToday } from '../src/directory/committees/current-membership';
import { Committee } from '../src/directory/committees/committee.entity';
import { CommitteeMembership } from '../src/directory/committees/committee-membership.entity';
import { Contact } from '../src/directory/contacts/contact.entity';
import { TestApp } from './support/test-app';

describe('contacts', () => {
  let app: TestApp;
  let elbasan: string;
  let korce: string;

  beforeAll(async () => {
    app = await TestApp.start();
    elbasan = await app.countyId('Elbasan');
    korce = await app.countyId('Korçë');
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(async () => {
    await app.reset();
  });

  async function institution(name: string, countyId: string | null, kind = 'prefecture') {
    const response = await app.post('/api/institutions', { name, kind, countyId });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async function contact(body: Record<string, unknown>) {
    const response = await app.post('/api/contacts', body);
    expect(response.status).toBe(201);
    return response.body;
  }

  async function listNames(query: string): Promise<string[]> {
    const response = await app.get(`/api/contacts?${query}`);
    expect(response.status).toBe(200);
    return response.body.items.map((item: { fullName: string }) => item.fullName);
  }

  /** Committees have their own API; the contacts filter only needs rows to exist. */
  async function committeeWith(
    members: Array<{ contactId: string; endsOn: string | null }>,
  ): Promise<string> {
    const em = app.orm.em.fork();
    const committee = em.create(Committee, { name: 'Tryeza Teknike Antitrafik Elbasan' });
    for (const member of members) {
      em.create(CommitteeMembership, {
        committee,
        contact: em.getReference(Contact, member.contactId),
        endsOn: member.endsOn,
      });
    }
    await em.flush();
    return committee.id;
  }

  /** A date in the office's calendar, which decides whether a membership is current. */
  function isoDay(offsetDays: number): string {
    return officeToday(new Date(Date.now() + offsetDays * 86_400_000));
  }

  it('creates a contact and reads it back with its institution and county', async () => {
    const prefecture = await institution('Prefektura e Qarkut Elbasan', elbasan);
    const created = await app.post('/api/contacts', {
      fullName: 'Arbër Hoxhë',
      email: 'Arber.Hoxhe@Example.al.test',
      institutionId: prefecture,
      position: 'Drejtor',
      phone: '+355 54 000 001',
      notes: 'Anëtar i Komitetit Rajonal Antitrafik',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      fullName: 'Arbër Hoxhë',
      email: 'Arber.Hoxhe@Example.al.test',
      institution: {
        id: prefecture,
        name: 'Prefektura e Qarkut Elbasan',
        kind: 'prefecture',
        county: { id: elbasan, name: 'Elbasan', country: 'AL' },
      },
      position: 'Drejtor',
      language: 'sq',
      optedOut: false,
      optedOutAt: null,
      optOutReason: null,
      archivedAt: null,
    });
    expect(created.body).not.toHaveProperty('searchKey');

    const read = await app.get(`/api/contacts/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('keeps a contact without an institution, and clears the institution with null', async () => {
    const prefecture = await institution('Prefektura e Qarkut Elbasan', elbasan);
    const independent = await contact({ fullName: 'Ermira Çela', email: 'ermira@example.org' });
    expect(independent.institution).toBeNull();

    const attached = await app.patch(`/api/contacts/${independent.id}`, {
      institutionId: prefecture,
    });
    expect(attached.status).toBe(200);
    expect(attached.body.institution.county.name).toBe('Elbasan');

    const detached = await app.patch(`/api/contacts/${independent.id}`, { institutionId: null });
    expect(detached.status).toBe(200);
    expect(detached.body.institution).toBeNull();
  });

  it('filters by county, institution, language and opt-out, and sorts', async () => {
    const prefecture = await institution('Prefektura e Qarkut Elbasan', elbasan);
    const school = await institution('Shkolla e mesme "Vasil Kamami"', elbasan, 'school');
    const korceOffice = await institution(
      'Zyra Vendore e Punësimit Korçë',
      korce,
      'employment_office',
    );
    const besa = await contact({
      fullName: 'Besa Dervishi',
      email: 'besa@example.al.test',
      institutionId: prefecture,
    });
    await contact({
      fullName: 'Dritan Kola',
      email: 'dritan@example.al.test',
      institutionId: school,
      language: 'en',
    });
    await contact({
      fullName: 'Elona Shehu',
      email: 'elona@example.al.test',
      institutionId: korceOffice,
    });
    await contact({ fullName: 'Gëzim Murati', email: 'gezim@example.org' });
    await app.patch(`/api/contacts/${besa.id}`, { optedOut: true });

    expect(await listNames('')).toEqual([
      'Besa Dervishi',
      'Dritan Kola',
      'Elona Shehu',
      'Gëzim Murati',
    ]);
    expect(await listNames(`countyId=${elbasan}`)).toEqual(['Besa Dervishi', 'Dritan Kola']);
    expect(await listNames(`countyId=${korce}`)).toEqual(['Elona Shehu']);
    expect(await listNames(`institutionId=${school}`)).toEqual(['Dritan Kola']);
    expect(await listNames(`institutionId=${school}&countyId=${korce}`)).toEqual([]);
    expect(await listNames('language=en')).toEqual(['Dritan Kola']);
    expect(await listNames('optedOut=true')).toEqual(['Besa Dervishi']);
    expect(await listNames('optedOut=false')).toEqual([
      'Dritan Kola',
      'Elona Shehu',
      'Gëzim Murati',
    ]);
    expect(await listNames('sort=email&order=desc')).toEqual([
      'Gëzim Murati',
      'Elona Shehu',
      'Dritan Kola',
      'Besa Dervishi',
    ]);

    const page = await app.get('/api/contacts?limit=2&offset=1');
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.body.items.map((item: { fullName: string }) => item.fullName)).toEqual([
      'Dritan Kola',
      'Elona Shehu',
    ]);
  });

  it('filters by committee, counting only memberships that have not ended (endsOn is the first day off)', async () => {
    const chair = await contact({ fullName: 'Albana Koçi', email: 'albana@example.al.test' });
    const endsToday = await contact({ fullName: 'Blerta Gjoka', email: 'blerta@example.al.test' });
    const endsLater = await contact({ fullName: 'Çlirim Basha', email: 'clirim@example.al.test' });
    const former = await contact({ fullName: 'Dashnor Lika', email: 'dashnor@example.al.test' });
    const outsider = await contact({ fullName: 'Etleva Mema', email: 'etleva@example.al.test' });
    const committeeId = await committeeWith([
      { contactId: chair.id, endsOn: null },
      { contactId: endsToday.id, endsOn: isoDay(0) },
      { contactId: endsLater.id, endsOn: isoDay(30) },
      { contactId: former.id, endsOn: isoDay(-1) },
    ]);
    await committeeWith([{ contactId: outsider.id, endsOn: null }]);
    const emptyCommittee = await committeeWith([]);

    expect(await listNames(`committeeId=${committeeId}`)).toEqual(['Albana Koçi', 'Çlirim Basha']);
    expect(await listNames(`committeeId=${emptyCommittee}`)).toEqual([]);
  });

  it('searches name, e-mail and position without regard to diacritics or case', async () => {
    await contact({ fullName: 'Arbër Hoxhë', email: 'a.hoxhe@example.al.test' });
    await contact({
      fullName: 'Mirela Daci',
      email: 'mirela@example.al.test',
      position: 'Specialiste, Zyra Vendore e Punësimit Korçë',
    });
    await contact({ fullName: 'Sokol Brahimi', email: 'sokol.b@example.org' });

    expect(await listNames('q=hoxha')).toEqual([]);
    expect(await listNames('q=hoxhe')).toEqual(['Arbër Hoxhë']);
    expect(await listNames('q=ARBER%20HOXHE')).toEqual(['Arbër Hoxhë']);
    expect(await listNames('q=korce')).toEqual(['Mirela Daci']);
    expect(await listNames(`q=${encodeURIComponent('Korçë')}`)).toEqual(['Mirela Daci']);
    expect(await listNames('q=sokol.b%40example')).toEqual(['Sokol Brahimi']);
    expect(await listNames('q=%25')).toEqual([]);
  });

  it('finds contacts by their institution and its county, the county also as people say it', async () => {
    const prefecture = await institution('Institucioni i Prefektit', korce);
    const school = await institution('Shkolla e Mesme "Sami Frashëri"', elbasan, 'school');
    await contact({
      fullName: 'Elona Shehu',
      email: 'e.shehu@example.al.test',
      institutionId: prefecture,
    });
    await contact({
      fullName: 'Besa Dervishi',
      email: 'b.dervishi@example.al.test',
      institutionId: school,
    });
    await contact({ fullName: 'Arta Korca', email: 'arta@example.org' });

    expect(await listNames('q=prefektit')).toEqual(['Elona Shehu']);
    expect(await listNames('q=sami%20frasheri')).toEqual(['Besa Dervishi']);
    expect(await listNames('q=korce')).toEqual(['Elona Shehu']);
    expect(await listNames('q=KORCA')).toEqual(['Arta Korca', 'Elona Shehu']);
    expect(await listNames('q=elbasani')).toEqual(['Besa Dervishi']);
    expect(await listNames('q=elbasan')).toEqual(['Besa Dervishi']);
    expect(await listNames('q=shkodra')).toEqual([]);
  });

  it('refuses a second active contact with the same e-mail in any case, writing nothing', async () => {
    const first = await contact({ fullName: 'Lindita Rama', email: 'lindita@example.al.test' });
    const other = await contact({ fullName: 'Ilir Dema', email: 'ilir@example.al.test' });
    const before = await app.snapshot();

    const duplicate = await app.post('/api/contacts', {
      fullName: 'Lindita Rama',
      email: 'LINDITA@Example.AL.test',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0]).toEqual({
      field: 'email',
      reason: 'another active contact already has this e-mail',
    });

    const taken = await app.patch(`/api/contacts/${other.id}`, {
      fullName: 'Ilir Dema i ri',
      email: 'Lindita@example.al.test',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].field).toBe('email');
    expect(await app.snapshot()).toEqual(before);

    const ownInOtherCase = await app.patch(`/api/contacts/${first.id}`, {
      email: 'Lindita@Example.al.test',
    });
    expect(ownInOtherCase.status).toBe(200);
    expect(ownInOtherCase.body.email).toBe('Lindita@Example.al.test');
  });

  it('lets only one of several simultaneous creations with one e-mail through', async () => {
    const responses = await Promise.all(
      ['Teuta', 'TEUTA', 'teuta', 'Teuta'].map((local) =>
        app.post('/api/contacts', { fullName: 'Teuta Marku', email: `${local}@example.org` }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body.errors).toEqual([
        { field: 'email', reason: 'another active contact already has this e-mail' },
      ]);
    }
    expect(await listNames('')).toEqual(['Teuta Marku']);
  });

  it('refuses an unknown or archived institution with 422, writing nothing', async () => {
    const archivedSchool = await institution('Shkolla "Naim Frashëri"', elbasan, 'school');
    expect((await app.post(`/api/institutions/${archivedSchool}/archive`)).status).toBe(200);
    const existing = await contact({ fullName: 'Genta Bego', email: 'genta@example.al.test' });
    const before = await app.snapshot();

    for (const institutionId of ['6a0f7b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', archivedSchool]) {
      const created = await app.post('/api/contacts', {
        fullName: 'Genci Lami',
        email: 'genci@example.al.test',
        institutionId,
      });
      expect(created.status).toBe(422);
      expect(created.body.errors).toEqual([
        { field: 'institutionId', reason: 'no active institution with this id' },
      ]);
      const updated = await app.patch(`/api/contacts/${existing.id}`, {
        fullName: 'Genta Bego-Lami',
        institutionId,
      });
      expect(updated.status).toBe(422);
      expect(updated.body.errors[0].field).toBe('institutionId');
    }
    expect(await app.snapshot()).toEqual(before);
  });

  it('answers malformed input with 400 naming the field, writing nothing', async () => {
    const existing = await contact({ fullName: 'Klodiana Xhafa', email: 'klodiana@example.org' });
    const before = await app.snapshot();
    const cases: Array<[string, () => Promise<{ status: number; body: any }>, string]> = [
      [
        'unknown field',
        () => app.post('/api/contacts', { fullName: 'A', email: 'a@example.org', role: 'x' }),
        'role',
      ],
      [
        'bad e-mail',
        () => app.post('/api/contacts', { fullName: 'A', email: 'not-mail' }),
        'email',
      ],
      ['missing e-mail', () => app.post('/api/contacts', { fullName: 'A' }), 'email'],
      [
        'blank name',
        () => app.post('/api/contacts', { fullName: '   ', email: 'a@example.org' }),
        'fullName',
      ],
      [
        'bad language',
        () => app.post('/api/contacts', { fullName: 'A', email: 'a@example.org', language: 'it' }),
        'language',
      ],
      [
        'institution id not a uuid',
        () =>
          app.post('/api/contacts', { fullName: 'A', email: 'a@example.org', institutionId: 7 }),
        'institutionId',
      ],
      [
        'null name',
        () => app.patch(`/api/contacts/${existing.id}`, { fullName: null }),
        'fullName',
      ],
      ['null e-mail', () => app.patch(`/api/contacts/${existing.id}`, { email: null }), 'email'],
      [
        'null language',
        () => app.patch(`/api/contacts/${existing.id}`, { language: null }),
        'language',
      ],
      [
        'opt-out not boolean',
        () => app.patch(`/api/contacts/${existing.id}`, { optedOut: 'yes' }),
        'optedOut',
      ],
      [
        'opt-out on create',
        () => app.post('/api/contacts', { fullName: 'A', email: 'a@example.org', optedOut: true }),
        'optedOut',
      ],
      ['bad filter', () => app.get('/api/contacts?optedOut=maybe'), 'optedOut'],
      ['bad sort', () => app.get('/api/contacts?sort=phone'), 'sort'],
      ['bad committee id', () => app.get('/api/contacts?committeeId=12'), 'committeeId'],
    ];
    for (const [name, send, field] of cases) {
      const response = await send();
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect({ name, fields: response.body.errors.map((e: { field: string }) => e.field) }).toEqual(
        { name, fields: [field] },
      );
    }
    expect((await app.get('/api/contacts/not-a-uuid')).status).toBe(400);
    expect((await app.get('/api/contacts/6a0f7b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b')).status).toBe(404);
    expect(await app.snapshot()).toEqual(before);
  });

  it('hides archived contacts, frees their e-mail, and refuses a restore once it is reused', async () => {
    const old = await contact({ fullName: 'Pranvera Leka', email: 'pranvera@example.al.test' });
    const archived = await app.post(`/api/contacts/${old.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect(await listNames('')).toEqual([]);
    expect(await listNames('archived=true')).toEqual(['Pranvera Leka']);

    const successor = await contact({
      fullName: 'Pranvera Leka (Bashkia Elbasan)',
      email: 'Pranvera@example.al.test',
    });
    const before = await app.snapshot();
    const refused = await app.post(`/api/contacts/${old.id}/restore`);
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].field).toBe('email');
    expect(await app.snapshot()).toEqual(before);

    expect((await app.post(`/api/contacts/${successor.id}/archive`)).status).toBe(200);
    const restored = await app.post(`/api/contacts/${old.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
    expect(await listNames('')).toEqual(['Pranvera Leka']);
  });

  it('lets a viewer read but not write', async () => {
    const existing = await contact({ fullName: 'Fatjona Hysa', email: 'fatjona@example.org' });
    const viewer = await app.tokenFor('viewer');
    expect((await app.get('/api/contacts', { token: viewer })).status).toBe(200);
    expect((await app.get(`/api/contacts/${existing.id}`, { token: viewer })).status).toBe(200);
    const before = await app.snapshot();
    const body = { fullName: 'Fatos Hysa', email: 'fatos@example.org' };
    expect((await app.post('/api/contacts', body, { token: viewer })).status).toBe(403);
    expect(
      (await app.patch(`/api/contacts/${existing.id}`, { notes: 'x' }, { token: viewer })).status,
    ).toBe(403);
    expect(
      (await app.post(`/api/contacts/${existing.id}/archive`, {}, { token: viewer })).status,
    ).toBe(403);
    expect((await app.get('/api/contacts', { token: null })).status).toBe(401);
    expect(await app.snapshot()).toEqual(before);
  });

  it('records an opt-out with its date and reason, and clears it', async () => {
    const existing = await contact({ fullName: 'Valbona Kurti', email: 'valbona@example.al.test' });
    const url = `/api/contacts/${existing.id}`;

    const before = await app.snapshot();
    const reasonAlone = await app.patch(url, { optOutReason: 'Nuk dëshiron ftesa' });
    expect(reasonAlone.status).toBe(422);
    expect(reasonAlone.body.errors[0].field).toBe('optOutReason');
    expect(await app.snapshot()).toEqual(before);

    const startedAt = Date.now();
    const optedOut = await app.patch(url, {
      optedOut: true,
      optOutReason: 'Kërkoi me telefon të mos ftohet më',
    });
    expect(optedOut.status).toBe(200);
    expect(optedOut.body).toMatchObject({
      optedOut: true,
      optOutReason: 'Kërkoi me telefon të mos ftohet më',
    });
    const optedOutAt = Date.parse(optedOut.body.optedOutAt);
    expect(optedOutAt).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(optedOutAt).toBeLessThanOrEqual(Date.now() + 1000);

    const again = await app.patch(url, { optedOut: true, optOutReason: 'Me e-mail' });
    expect(again.body.optedOutAt).toBe(optedOut.body.optedOutAt);
    expect(again.body.optOutReason).toBe('Me e-mail');

    const cleared = await app.patch(url, { optedOut: false });
    expect(cleared.body).toMatchObject({ optedOut: false, optedOutAt: null, optOutReason: null });

    const withoutReason = await app.patch(url, { optedOut: true });
    expect(withoutReason.body.optOutReason).toBe('recorded by staff');
    expect(withoutReason.body.optedOutAt).not.toBeNull();
  });
});
