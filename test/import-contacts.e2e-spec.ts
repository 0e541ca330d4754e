import { Contact } from '../src/directory/contacts/contact.entity';
import { Institution } from '../src/directory/institutions/institution.entity';
import {
  ENGLISH_COLUMNS,
  GeneratedContact,
  generateAlbanianContacts,
  toContactsCsv,
} from './fixtures/albanian-contacts';
import { TestApp } from './support/test-app';

const CSV = { 'content-type': 'text/csv; charset=utf-8' };

describe('POST /api/import/contacts', () => {
  let app: TestApp;

  const importCsv = (csv: string | Buffer, query = '', token?: string | null) =>
    app.request('POST', `/api/import/contacts${query}`, { raw: csv, headers: CSV, token });

  const count = (entity: typeof Contact | typeof Institution) => app.orm.em.fork().count(entity);

  /** Distinct institutions the contacts name, as the import should create them. */
  const institutionsOf = (contacts: GeneratedContact[]) =>
    new Set(contacts.map((c) => `${c.institution}|${c.county}`)).size;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  beforeEach(async () => {
    await app.reset();
  });

  afterAll(async () => {
    await app.close();
  });

  it('imports 200 Albanian contacts: dry run first, then for real, then again unchanged', async () => {
    const contacts = generateAlbanianContacts(200);
    const csv = toContactsCsv(contacts);
    const before = await app.snapshot();

    const dryRun = await importCsv(csv, '?dryRun=true');
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.dryRun).toBe(true);
    expect(dryRun.body.summary).toEqual({
      total: 200,
      create: 200,
      update: 0,
      unchanged: 0,
      error: 0,
      institutionsCreated: institutionsOf(contacts),
    });
    expect(dryRun.body.rows[0]).toEqual({
      row: 2,
      email: contacts[0].email,
      action: 'create',
      institution: { name: contacts[0].institution, action: 'create' },
    });
    expect(dryRun.body.rows[199].row).toBe(201);
    expect(await app.snapshot()).toEqual(before);

    const real = await importCsv(csv);
    expect(real.status).toBe(200);
    expect(real.body.dryRun).toBe(false);
    expect(real.body.summary).toEqual({ ...dryRun.body.summary });
    const listed = await app.get('/api/contacts?limit=1');
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(200);
    expect(await count(Institution)).toBe(institutionsOf(contacts));

    const school = await app.orm.em
      .fork()
      .findOneOrFail(
        Institution,
        { name: 'Shkolla e mesme "Vasil Kamami"' },
        { populate: ['county'] },
      );
    expect(school.kind).toBe('school');
    expect(school.county?.name).toBe('Elbasan');
    const gezim = await app.orm.em
      .fork()
      .findOneOrFail(Contact, { email: contacts[4].email }, { populate: ['institution'] });
    expect(gezim).toMatchObject({
      fullName: 'Gëzim Hoxha',
      position: contacts[4].position,
      phone: contacts[4].phone,
      language: contacts[4].language,
    });
    expect(gezim.institution?.name).toBe(contacts[4].institution);

    const again = await importCsv(csv);
    expect(again.status).toBe(200);
    expect(again.body.summary).toMatchObject({
      total: 200,
      unchanged: 200,
      institutionsCreated: 0,
    });
    expect(again.body.rows[0].institution).toEqual({
      name: contacts[0].institution,
      action: 'match',
    });
    expect(await count(Institution)).toBe(institutionsOf(contacts));
  });

  it('updates only what changed and leaves fields with empty cells as they are', async () => {
    const contacts = generateAlbanianContacts(30);
    expect((await importCsv(toContactsCsv(contacts))).status).toBe(200);

    // Names left empty and only e-mail and position given: every other field stays as it is.
    const changed = contacts.map((contact, i) => ({
      ...contact,
      name: '',
      position: [3, 11, 27].includes(i) ? 'Koordinatore rajonale' : contact.position,
    }));
    const csv = toContactsCsv(changed, {
      columns: [
        ['name', 'name'],
        ['email', 'email'],
        ['position', 'position'],
      ],
    });
    const response = await importCsv(csv);
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ update: 3, unchanged: 27, error: 0 });
    expect(response.body.rows.filter((r: any) => r.action === 'update')).toEqual(
      [3, 11, 27].map((i) => ({
        row: i + 2,
        email: contacts[i].email,
        action: 'update',
        institution: null,
        changes: ['position'],
      })),
    );
    const updated = await app.orm.em
      .fork()
      .findOneOrFail(Contact, { email: contacts[11].email }, { populate: ['institution'] });
    expect(updated.position).toBe('Koordinatore rajonale');
    expect(updated.fullName).toBe(contacts[11].name);
    expect(updated.phone).toBe(contacts[11].phone);
    expect(updated.institution?.name).toBe(contacts[11].institution);
  });

  it('reads a semicolon file with Albanian headers and a BOM', async () => {
    const contacts = generateAlbanianContacts(12).map((contact) => ({
      ...contact,
      county: contact.county.toUpperCase(),
      language: contact.language === 'en' ? 'anglisht' : 'shqip',
    }));
    const csv = toContactsCsv(contacts, {
      delimiter: ';',
      bom: true,
      columns: [
        ['name', 'Emri'],
        ['email', 'Posta elektronike'],
        ['institution', 'Institucioni'],
        ['county', 'Qarku'],
        ['position', 'Pozicioni'],
        ['language', 'Gjuha'],
      ],
    });
    const response = await importCsv(Buffer.from(csv, 'utf8'));
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ total: 12, create: 12, error: 0 });
    const english = contacts.findIndex((c) => c.language === 'anglisht');
    const contact = await app.orm.em
      .fork()
      .findOneOrFail(Contact, { email: contacts[english].email });
    expect(contact.language).toBe('en');
    expect(contact.fullName).toBe(contacts[english].name);
    const institution = await app.orm.em
      .fork()
      .findOneOrFail(Institution, { name: contacts[0].institution }, { populate: ['county'] });
    expect(institution.name).toBe('Shkolla e mesme "Vasil Kamami"');
    expect(institution.county?.name).toBe('Elbasan');
  });

  it('matches `korce` to Korçë and an existing institution written without accents', async () => {
    const korce = await app.countyId('Korçë');
    const existing = await app.post('/api/institutions', {
      name: 'Prefektura e Qarkut Korçë',
      kind: 'prefecture',
      countyId: korce,
    });
    expect(existing.status).toBe(201);
    const csv =
      'name,email,institution,county\r\n' +
      'Rezarta Bregu,rezarta.bregu@example.al.test,PREFEKTURA E QARKUT KORCE,korce\r\n' +
      'Klodian Dibra,klodian.dibra@example.al.test,Bashkia Korçë,Korce\r\n';
    const response = await importCsv(csv);
    expect(response.status).toBe(200);
    expect(response.body.rows.map((r: any) => r.institution)).toEqual([
      { name: 'Prefektura e Qarkut Korçë', action: 'match' },
      { name: 'Bashkia Korçë', action: 'create' },
    ]);
    const created = await app.orm.em
      .fork()
      .findOneOrFail(Institution, { name: 'Bashkia Korçë' }, { populate: ['county'] });
    expect(created.county?.id).toBe(korce);
    expect(created.kind).toBe('other');
    expect(await count(Institution)).toBe(2);
  });

  it('without a county, matches the only institution of that name and asks when there are several', async () => {
    for (const county of ['Fier', 'Berat']) {
      const created = await app.post('/api/institutions', {
        name: `Qendra Rinore "Ardhmëria"`,
        kind: 'civil_society_organisation',
        countyId: await app.countyId(county),
      });
      expect(created.status).toBe(201);
    }
    await app.post('/api/institutions', {
      name: 'Bashkia Durrës',
      kind: 'municipality',
      countyId: await app.countyId('Durrës'),
    });
    const csv =
      'Emri,Email,Institucioni\r\n' +
      'Fatbardh Mema,fatbardh.mema@example.al.test,bashkia durres\r\n' +
      'Lindita Kola,lindita.kola@example.al.test,"Qendra Rinore ""Ardhmëria"""\r\n';
    const response = await importCsv(csv, '?dryRun=true');
    expect(response.status).toBe(200);
    expect(response.body.rows).toEqual([
      expect.objectContaining({ row: 2, institution: { name: 'Bashkia Durrës', action: 'match' } }),
      expect.objectContaining({
        row: 3,
        action: 'error',
        errors: [
          {
            row: 3,
            field: 'Institucioni',
            reason: 'several institutions have this name (in Fier, Berat); give the county',
          },
        ],
      }),
    ]);
  });

  it('refuses a real run with one bad e-mail among 50 rows, naming row and column, writing nothing', async () => {
    const contacts = generateAlbanianContacts(50);
    contacts[36] = { ...contacts[36], email: 'ermal.kola(at)example.al.test' };
    const csv = toContactsCsv(contacts);
    const before = await app.snapshot();

    const response = await importCsv(csv);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      statusCode: 422,
      error: 'Unprocessable Entity',
      errors: [{ row: 38, field: 'email', reason: 'must be an e-mail address' }],
      dryRun: false,
      summary: { total: 50, create: 49, error: 1 },
    });
    expect(response.body.message).toContain('row 38, email: must be an e-mail address');
    expect(response.body.rows[36]).toEqual({
      row: 38,
      email: 'ermal.kola(at)example.al.test',
      action: 'error',
      institution: null,
      errors: [{ row: 38, field: 'email', reason: 'must be an e-mail address' }],
    });
    expect(await app.snapshot()).toEqual(before);

    const dryRun = await importCsv(csv, '?dryRun=true');
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.summary).toMatchObject({ create: 49, error: 1 });
  });

  it('reports an unknown county and a duplicate e-mail on their rows and columns', async () => {
    const contacts = generateAlbanianContacts(4);
    contacts[1] = { ...contacts[1], county: 'Lushnjë' };
    contacts[3] = { ...contacts[3], email: contacts[0].email.toUpperCase() };
    const csv = toContactsCsv(contacts, {
      columns: ENGLISH_COLUMNS.map(([field, header]) =>
        field === 'county' ? ['county', 'Qarku'] : [field, header],
      ),
    });
    const before = await app.snapshot();
    const response = await importCsv(csv);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { row: 3, field: 'Qarku', reason: expect.stringContaining('no county named "Lushnjë"') },
      { row: 5, field: 'email', reason: 'the same e-mail is already on row 2' },
    ]);
    expect(response.body.summary).toMatchObject({ create: 2, error: 2 });
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses a file without an email column or with an unknown column (400)', async () => {
    const missing = await importCsv('Emri,Institucioni\r\nDrita Leka,Bashkia Fier\r\n');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([
      expect.objectContaining({
        row: 1,
        field: 'email',
        reason: expect.stringContaining('missing'),
      }),
    ]);

    const unknown = await importCsv(
      'name,email,positon\r\nDrita Leka,drita.leka@example.al.test,Drejtore\r\n',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({
        field: 'positon',
        reason: expect.stringContaining('unknown column'),
      }),
    ]);
    expect(unknown.body.message).toContain('positon');
  });

  it('refuses empty, malformed and non-UTF-8 files with a 400', async () => {
    expect((await importCsv('')).status).toBe(400);
    const headerOnly = await importCsv('name,email\r\n');
    expect(headerOnly.status).toBe(400);
    expect(headerOnly.body.errors[0]).toMatchObject({ field: 'file' });

    const unclosed = await importCsv(
      'name,email\r\nIlir Gjoka,ilir.gjoka@example.al.test\r\n"Elona Bushati,elona@example.al.test\r\n',
    );
    expect(unclosed.status).toBe(400);
    expect(unclosed.body.errors[0]).toMatchObject({ row: 3, field: 'file' });

    const ragged = await importCsv('name,email\r\nIlir Gjoka,ilir.gjoka@example.al.test,extra\r\n');
    expect(ragged.status).toBe(400);
    expect(ragged.body.errors[0]).toMatchObject({ row: 2, field: 'file' });

    const windows1252 = Buffer.from(
      'name,email\r\nGëzim Çela,gezim.cela@example.al.test\r\n',
      'latin1',
    );
    // As a text/csv body Fastify decodes it first and refuses it for its changed length.
    expect((await importCsv(windows1252)).status).toBe(400);
    const form = new FormData();
    form.append('file', new Blob([windows1252], { type: 'text/csv' }), 'kontaktet.csv');
    const latin = await app.request('POST', '/api/import/contacts', { raw: form });
    expect(latin.status).toBe(400);
    expect(latin.body.errors).toEqual([
      { field: 'file', reason: expect.stringContaining('must be UTF-8') },
    ]);
  });

  it('accepts a multipart upload in the field "file"', async () => {
    const contacts = generateAlbanianContacts(5);
    const form = new FormData();
    form.append('file', new Blob([toContactsCsv(contacts)], { type: 'text/csv' }), 'kontaktet.csv');
    const response = await app.request('POST', '/api/import/contacts', { raw: form });
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ total: 5, create: 5 });
    expect(await count(Contact)).toBe(5);

    const misnamed = new FormData();
    misnamed.append('csv', new Blob([toContactsCsv(contacts)], { type: 'text/csv' }), 'k.csv');
    const refused = await app.request('POST', '/api/import/contacts', { raw: misnamed });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
  });

  it('refuses a 3 MB file and more than 5,000 rows with a 413', async () => {
    const notes = 'Shënim për takimin në Elbasan. '.repeat(100);
    const big = toContactsCsv(
      generateAlbanianContacts(1000).map((contact) => ({ ...contact, notes })),
      { columns: [...ENGLISH_COLUMNS, ['notes', 'notes']] },
    );
    expect(Buffer.byteLength(big)).toBeGreaterThan(3_000_000);
    expect((await importCsv(big)).status).toBe(413);
    const form = new FormData();
    form.append('file', new Blob([big], { type: 'text/csv' }), 'big.csv');
    expect((await app.request('POST', '/api/import/contacts', { raw: form })).status).toBe(413);

    const tooMany = await importCsv(toContactsCsv(generateAlbanianContacts(5001)));
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.message).toContain('has 5001 rows; at most 5000');
    expect(await count(Contact)).toBe(0);
  });

  it('imports 5,000 rows with a fixed number of queries', async () => {
    const csv = toContactsCsv(generateAlbanianContacts(5000));
    const execute = jest.spyOn(app.orm.em.getConnection(), 'execute');
    const sqlSent = () => execute.mock.calls.map(([query]) => String(query));
    const readsOf = (table: string) =>
      sqlSent().filter((query) => query.startsWith('select') && query.includes(`from "${table}"`));
    try {
      const response = await importCsv(csv);
      expect(response.status).toBe(200);
      expect(response.body.summary).toMatchObject({ create: 5000, error: 0 });
      expect(readsOf('contact')).toHaveLength(1);
      expect(readsOf('institution')).toHaveLength(1);
      // MikroORM batches the inserts (300 rows a statement).
      expect(sqlSent().length).toBeLessThan(30);

      execute.mockClear();
      const again = await importCsv(csv, '?dryRun=true');
      expect(again.body.summary).toMatchObject({ unchanged: 5000 });
      expect(sqlSent().length).toBeLessThan(6);
    } finally {
      execute.mockRestore();
    }
    expect(await count(Contact)).toBe(5000);
  });

  it('lets only admins and coordinators import', async () => {
    const csv = toContactsCsv(generateAlbanianContacts(2));
    const viewer = await app.tokenFor('viewer');
    const refused = await importCsv(csv, '', viewer);
    expect(refused.status).toBe(403);
    const coordinator = await app.tokenFor('coordinator');
    expect((await importCsv(csv, '?dryRun=true', coordinator)).status).toBe(200);
    expect((await importCsv(csv, '', null)).status).toBe(401);
  });
});
