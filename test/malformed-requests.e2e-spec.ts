import { randomUUID } from 'node:crypto';
import { Nested } from './support/hostile-input';
import { RequestOptions, TestApp } from './support/test-app';
import { pathParameters, Schema, WriteRoute, WriteRouteFixture } from './support/write-routes';

interface Attempt {
  label: string;
  method: string;
  path: string;
  options: RequestOptions;
}

/**
 * Sends a batch of malformed requests to every write route the OpenAPI
 * document lists: wrong types, bad formats, unknown enum values, missing and
 * null fields, texts with a NUL, unknown fields, bodies nested too deep, bodies of the wrong shape or content type,
 * oversize bodies, bad and unknown ids, and the viewer role. Every one must get
 * a 4xx with the error shape, and the database must be exactly as before.
 */
describe('malformed requests to every write route', () => {
  let app: TestApp;
  let fixture: WriteRouteFixture;

  beforeAll(async () => {
    app = await TestApp.start();
    fixture = await WriteRouteFixture.create(app);
  });

  afterAll(async () => {
    await app.close();
  });

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
    if (schema.type === 'string') values.push(['a text with a NUL', 'Arbër\u0000Hoxha']);
    values.push(['an object', { nested: true }]);
    return values;
  }

  function attemptsFor(route: WriteRoute): Attempt[] {
    const { method, template, operation, key } = route;
    const path = fixture.pathWith(template);
    const attempts: Attempt[] = [];
    const add = (label: string, options: RequestOptions, at = path) =>
      attempts.push({ label: `${key}: ${label}`, method, path: at, options });

    for (const param of pathParameters(template)) {
      const body = fixture.validBodies[key];
      add(`${param} malformed`, { body }, fixture.pathWith(template, { [param]: 'not-a-uuid' }));
      add(`${param} unknown`, { body }, fixture.pathWith(template, { [param]: randomUUID() }));
    }

    const schema = fixture.jsonSchema(route);
    if (schema) {
      const base = fixture.validBodies[key] as Record<string, unknown>;
      if (!base)
        throw new Error(`add a valid example body for ${key} to test/support/write-routes.ts`);
      for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
        const resolved = fixture.resolve(propertySchema);
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
      add('a body nested 2,000 deep', { body: { ...base, extra: new Nested(2000, 'object') } });
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
    if (operation.requestBody?.content?.['text/csv']) {
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
    for (const route of fixture.routes) {
      attempts.push(...attemptsFor(route));
      const selfService =
        route.template.startsWith('/api/tokens') || route.template === '/api/auth/login';
      if (!selfService) {
        attempts.push({
          label: `${route.key}: as a viewer`,
          method: route.method,
          path: fixture.pathWith(route.template),
          options: { body: fixture.validBodies[route.key], token: viewer },
        });
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
