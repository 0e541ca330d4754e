import { randomUUID } from 'node:crypto';
import { RequestOptions, TestApp } from './support/test-app';

type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  maxLength?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
};

interface Attempt {
  label: string;
  method: string;
  path: string;
  options: RequestOptions;
}

/**
 * Sends a batch of malformed requests to every write route the OpenAPI
 * document lists: wrong types, bad formats, unknown enum values, missing and
 * null fields, unknown fields, bodies of the wrong shape or content type,
 * oversize bodies, bad and unknown ids, and the viewer role. Every one must get
 * a 4xx with the error shape, and the database must be exactly as before.
 */
describe('malformed requests to every write route', () => {
  let app: TestApp;
  let document: {
    paths: Record<string, Record<string, any>>;
    components: { schemas: Record<string, Schema> };
  };
  const ids: Record<string, string> = {};
  const validBodies: Record<string, unknown> = {};

  beforeAll(async () => {
    app = await TestApp.start();
    document = (await app.get('/docs-json', { token: null })).body;
    const elbasan = await app.countyId('Elbasan');
    const institution = await app.post('/api/institutions', {
      name: 'Prefektura e Qarkut Elbasan',
      kind: 'prefecture',
      countyId: elbasan,
    });
    const contact = await app.post('/api/contacts', {
      fullName: 'Arjana Çela',
      email: 'arjana.cela@example.al.test',
      institutionId: institution.body.id,
    });
    const other = await app.post('/api/contacts', {
      fullName: 'Gëzim Leka',
      email: 'gezim.leka@example.al.test',
      institutionId: institution.body.id,
    });
    const committee = await app.post('/api/committees', {
      name: 'Tryeza Teknike Antitrafik Elbasan',
      countyId: elbasan,
    });
    const membership = await app.post(`/api/committees/${committee.body.id}/members`, {
      contactId: contact.body.id,
      role: 'chair',
    });
    const user = await app.post('/api/users', {
      email: 'drita.koci@example.org',
      name: 'Drita Koçi',
      role: 'coordinator',
      password: 'a long enough password',
    });
    const token = await app.post('/api/tokens', { name: 'export script' });
    const campaign = await app.post('/api/campaigns', {
      nameSq: 'Mbi parandalimin e migracionit të parregullt',
      nameEn: 'On preventing irregular migration',
      senderName: 'Zyra e Koordinatorit Kombëtar kundër Trafikimit',
      senderEmail: 'fushata@example.al.test',
    });
    const round = await app.post('/api/rounds', {
      campaignId: campaign.body.id,
      countyId: elbasan,
      startsOn: '2017-11-22',
      endsOn: '2017-11-22',
    });
    const session = await app.post(`/api/rounds/${round.body.id}/sessions`, {
      titleSq: 'Takim me anëtarët e Tryezës Teknike',
      titleEn: 'Meeting with the members of the Technical Table',
      kind: 'meeting',
      startsAt: '2017-11-22T09:00:00+01:00',
      endsAt: '2017-11-22T10:30:00+01:00',
      audience: { committeeIds: [committee.body.id] },
    });
    // As the invite step writes it: the round's dates have passed, so scheduling would invite no one.
    const [invitation] = await app.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into invitation (id, session_id, contact_id, status, created_at)
         values (gen_random_uuid(), ?, ?, 'pending', now()) returning id`,
        [session.body.id, contact.body.id],
      );
    const material = await app.post(`/api/rounds/${round.body.id}/materials`, {
      descriptionSq: 'fletëpalosje',
      descriptionEn: 'leaflets',
      quantity: 4000,
    });
    Object.assign(ids, {
      institution: institution.body.id,
      contact: contact.body.id,
      committee: committee.body.id,
      membership: membership.body.id,
      user: user.body.id,
      token: token.body.id,
      campaign: campaign.body.id,
      round: round.body.id,
      session: session.body.id,
      material: material.body.id,
      invitation: invitation.id,
    });
    Object.assign(validBodies, {
      'POST /api/auth/login': { email: 'admin@example.org', password: 'not the password' },
      'POST /api/tokens': { name: 'another script' },
      'POST /api/users': {
        email: 'new.user@example.org',
        name: 'Ilir Shehu',
        role: 'viewer',
        password: 'another long password',
      },
      'PATCH /api/users/{id}': { name: 'Drita Koçi-Hoxha' },
      'POST /api/institutions': {
        name: 'Bashkia Elbasan',
        kind: 'municipality',
        countyId: elbasan,
      },
      'PATCH /api/institutions/{id}': { name: 'Institucioni i Prefektit të Qarkut Elbasan' },
      'POST /api/contacts': {
        fullName: 'Elona Dervishi',
        email: 'elona.dervishi@example.al.test',
        institutionId: institution.body.id,
      },
      'PATCH /api/contacts/{id}': { fullName: 'Arjana Çela-Bregu' },
      'POST /api/committees': { name: 'Komiteti Rajonal Antitrafik Elbasan', countyId: elbasan },
      'PATCH /api/committees/{id}': { name: 'Tryeza Teknike e Qarkut Elbasan' },
      'POST /api/committees/{id}/members': { contactId: other.body.id, role: 'member' },
      'PATCH /api/committees/{id}/members/{membershipId}': { role: 'member' },
      'POST /api/campaigns': {
        nameSq: 'Java kundër trafikimit',
        nameEn: 'Anti-trafficking week',
        senderName: 'Zyra e Koordinatorit Kombëtar kundër Trafikimit',
        senderEmail: 'fushata@example.al.test',
      },
      'PATCH /api/campaigns/{id}': { sloganEn: 'Choose opportunities, not irregular migration!' },
      'POST /api/rounds': {
        campaignId: campaign.body.id,
        countyId: elbasan,
        startsOn: '2017-12-05',
        endsOn: '2017-12-07',
      },
      'PATCH /api/rounds/{id}': { endsOn: '2017-11-22' },
      'POST /api/rounds/{id}/sessions': {
        titleSq: 'Workshop me anëtarë të Tryezës Teknike Antitrafik',
        titleEn: 'Workshop with members of the Anti-Trafficking Technical Table',
        kind: 'workshop',
        startsAt: '2017-11-22T10:45:00+01:00',
        endsAt: '2017-11-22T12:30:00+01:00',
        audience: { institutionIds: [institution.body.id], contactIds: [other.body.id] },
      },
      'PATCH /api/sessions/{id}': { venueEn: "Prefect's Institution, Elbasan county" },
      'PUT /api/sessions/{id}/attendance': {
        invitees: [],
        walkIns: [{ fullName: 'Besa Kola', email: 'besa.kola@example.al.test' }],
        headCount: { total: 30, breakdown: [{ label: 'nxënës', count: 30 }], note: 'rreth 30' },
      },
      'POST /api/rounds/{id}/materials': {
        descriptionSq: 'fletëpalosje',
        descriptionEn: 'leaflets',
        quantity: 4000,
        placesSq: 'në kafene dhe vende publike',
        placesEn: 'in cafés and public places',
        sessionId: session.body.id,
      },
      'PATCH /api/materials/{id}': { quantity: 3500 },
      'PUT /api/rounds/{id}/recommendations': {
        items: [
          {
            textSq: 'Rëndësia e medias dhe roli i tyre vendimtar në fushatat e ndërgjegjësimit',
            textEn: 'The importance of the media and their decisive role in awareness campaigns',
          },
        ],
      },
      'POST /api/invitations/{id}/response': {
        answer: 'decline',
        source: 'phone',
        note: 'Telefonoi zyrën: është me shërbim jashtë qarkut.',
      },
    });
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  afterAll(async () => {
    await app.close();
  });

  function resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref)
      return resolve(document.components.schemas[schema.$ref.split('/').pop() as string]);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map(resolve));
    return schema;
  }

  function pathWith(template: string, overrides: Record<string, string> = {}): string {
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (overrides[name]) return overrides[name];
      if (name === 'membershipId') return ids.membership;
      const resource = template.split('/')[2];
      return {
        users: ids.user,
        tokens: ids.token,
        institutions: ids.institution,
        contacts: ids.contact,
        committees: ids.committee,
        campaigns: ids.campaign,
        rounds: ids.round,
        sessions: ids.session,
        materials: ids.material,
        invitations: ids.invitation,
      }[resource] as string;
    });
  }

  /** One property at a time set to something its schema forbids. */
  function badValues(schema: Schema): Array<[string, unknown]> {
    const values: Array<[string, unknown]> = [];
    if (schema.type === 'string' || schema.format || schema.enum) values.push(['a number', 12345]);
    if (schema.type === 'boolean') values.push(['a word for a boolean', 'yes']);
    if (schema.type === 'array') values.push(['a string for an array', 'x']);
    if (schema.format === 'email') values.push(['a malformed e-mail', 'not-an-email']);
    if (schema.format === 'uuid') values.push(['a malformed id', 'not-a-uuid']);
    if (schema.format === 'uuid') values.push(['an unknown id', randomUUID()]);
    if (schema.format === 'date-time') values.push(['a malformed date-time', 'yesterday']);
    if (schema.format === 'date') values.push(['an impossible date', '2017-02-30']);
    if (schema.enum) values.push(['an unknown enum value', 'bogus']);
    if (schema.maxLength) values.push(['a too-long string', 'x'.repeat(schema.maxLength + 1)]);
    values.push(['an object', { nested: true }]);
    return values;
  }

  function attemptsFor(method: string, template: string, operation: any): Attempt[] {
    const key = `${method} ${template}`;
    const path = pathWith(template);
    const attempts: Attempt[] = [];
    const add = (label: string, options: RequestOptions, at = path) =>
      attempts.push({ label: `${key}: ${label}`, method, path: at, options });

    for (const name of template.match(/\{(\w+)\}/g) ?? []) {
      const param = name.slice(1, -1);
      const body = validBodies[key];
      add(`${param} malformed`, { body }, pathWith(template, { [param]: 'not-a-uuid' }));
      add(`${param} unknown`, { body }, pathWith(template, { [param]: randomUUID() }));
    }

    const content = operation.requestBody?.content ?? {};
    if (content['application/json']) {
      const base = validBodies[key] as Record<string, unknown>;
      if (!base) throw new Error(`add a valid example body for ${key} to this test`);
      const schema = resolve(content['application/json'].schema);
      for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
        const resolved = resolve(propertySchema);
        for (const [what, value] of badValues(resolved)) {
          add(`${property} is ${what}`, { body: { ...base, [property]: value } });
        }
        const required = schema.required?.includes(property);
        if (!resolved.nullable) {
          add(`${property} is null`, { body: { ...base, [property]: null } });
        }
        if (required) {
          const without = { ...base };
          delete without[property];
          add(`${property} is missing`, { body: without });
        }
      }
      add('an unknown field', { body: { ...base, isAdmin: true } });
      add('an array body', { body: [base] });
      add('a string body', { body: 'hello' });
      add('a null body', { raw: 'null', headers: { 'content-type': 'application/json' } });
      add('malformed JSON', { raw: '{"name": ', headers: { 'content-type': 'application/json' } });
      add('an empty JSON body', { raw: '', headers: { 'content-type': 'application/json' } });
      add('JSON sent as text/plain', {
        raw: JSON.stringify(base),
        headers: { 'content-type': 'text/plain' },
      });
      add('an XML body', { raw: '<contact/>', headers: { 'content-type': 'application/xml' } });
      add('an oversize body', { body: { ...base, padding: 'x'.repeat(1.5 * 1024 * 1024) } });
    }
    if (content['text/csv']) {
      const csv = (rows: string) => ({ raw: rows, headers: { 'content-type': 'text/csv' } });
      add('JSON instead of CSV', { body: { name: 'Ana', email: 'ana@example.org' } });
      add('an empty file', csv(''));
      add('a header only', csv('name,email\n'));
      add(
        'a bad e-mail in a real run',
        csv('name,email\nAna Hoxha,ana@example.org\nBesa Kola,not-an-email\n'),
      );
      add(
        'an unknown county',
        csv('name,email,institution,county\nAna Hoxha,ana@example.org,Bashkia,Atlantis\n'),
      );
      add('an unclosed quote', csv('name,email\n"Ana Hoxha,ana@example.org\n'));
      add('a file that is not UTF-8', {
        raw: Buffer.from([
          0x6e, 0x61, 0x6d, 0x65, 0x2c, 0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xff, 0xfe, 0x2c, 0x61,
          0x0a,
        ]),
        headers: { 'content-type': 'text/csv' },
      });
      add('a form without the file', { raw: new FormData() });
      add('an oversize file', csv(`name,email\n${'Ana Hoxha,ana@example.org\n'.repeat(120_000)}`));
    }
    return attempts;
  }

  it('answers every one with a 4xx naming the problem, and writes nothing', async () => {
    const viewer = await app.tokenFor('viewer');
    const before = await app.snapshot();
    const attempts: Attempt[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['post', 'patch', 'put', 'delete'].includes(method)) continue;
        const upper = method.toUpperCase();
        attempts.push(...attemptsFor(upper, template, operation));
        const selfService = template.startsWith('/api/tokens') || template === '/api/auth/login';
        if (!selfService) {
          attempts.push({
            label: `${upper} ${template}: as a viewer`,
            method: upper,
            path: pathWith(template),
            options: { body: validBodies[`${upper} ${template}`], token: viewer },
          });
        }
      }
    }

    const wrong: string[] = [];
    for (const attempt of attempts) {
      const response = await app.request(attempt.method, attempt.path, attempt.options);
      const body = response.body;
      if (response.status < 400 || response.status >= 500) {
        wrong.push(`${attempt.label} → ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
      } else if (body?.statusCode !== response.status || !body?.message) {
        wrong.push(
          `${attempt.label} → ${response.status} without the error shape: ${String(JSON.stringify(body)).slice(0, 200)}`,
        );
      }
    }
    expect(attempts.length).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
    // The login attempts above are counted by the rate limiter in Redis, not written to PostgreSQL.
    expect(await app.snapshot()).toEqual(before);
  });
});
