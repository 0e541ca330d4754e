import fc from 'fast-check';
import {
  contentType,
  HostileRequests,
  hostileId,
  hostileJson,
  hostileText,
  POLLUTING_KEYS,
  rawBody,
  runSettings,
  withOwnKey,
} from './support/hostile-input';
import { SmtpSink } from './support/smtp-sink';
import { RequestOptions, TestApp } from './support/test-app';
import { queuedMessagesSettled } from './support/wait-for';
import { pathParameters, WriteRoute, WriteRouteFixture } from './support/write-routes';

/** How the valid body of a route is spoiled for one request. */
type Spoil =
  | { kind: 'whole body'; body: unknown }
  | { kind: 'one field'; pick: number; value: unknown }
  | { kind: 'extra field'; key: string; value: unknown }
  | { kind: 'raw'; contentType: string; raw: string | Buffer };

const spoil: fc.Arbitrary<Spoil> = fc.oneof(
  hostileJson.map((body) => ({ kind: 'whole body' as const, body })),
  fc
    .record({ pick: fc.nat(), value: fc.oneof(hostileText, hostileJson) })
    .map((r) => ({ kind: 'one field' as const, ...r })),
  fc
    .record({
      key: fc.oneof(fc.constantFrom(...POLLUTING_KEYS, 'isAdmin', 'id', 'role'), hostileText),
      value: hostileJson,
    })
    .map((r) => ({ kind: 'extra field' as const, ...r })),
  fc.record({ contentType, raw: rawBody }).map((r) => ({ kind: 'raw' as const, ...r })),
);

/**
 * Property-based: random and hostile requests to every write route of the
 * OpenAPI document (a new route is walked without a change here) — whole
 * bodies of any JSON, one field of a valid body spoiled, polluting keys,
 * raw bodies under any content type, ids that are no ids — never get a 5xx,
 * and every 4xx has the error shape, names the field when the request's
 * content is at fault, and leaves every table as it was.
 *
 * A failure prints the seed; FC_SEED=<seed> FC_PATH=<path> replays it.
 */
describe('hostile requests to every write route', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let fixture: WriteRouteFixture;
  let requests: HostileRequests;

  beforeAll(async () => {
    // A request that succeeds may send mail (an answer's confirmation); it goes somewhere real.
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    fixture = await WriteRouteFixture.create(app);
    requests = new HostileRequests(app);
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  function requestFor(route: WriteRoute, change: Spoil): RequestOptions {
    const base = (fixture.validBodies[route.key] ?? {}) as Record<string, unknown>;
    const properties = Object.keys(fixture.jsonSchema(route)?.properties ?? {});
    switch (change.kind) {
      case 'whole body':
        return { body: change.body };
      case 'one field': {
        if (!properties.length) return { body: change.value };
        const property = properties[change.pick % properties.length];
        return { body: { ...base, [property]: change.value } };
      }
      case 'extra field':
        return { body: withOwnKey(base, change.key, change.value) };
      case 'raw':
        return { raw: change.raw, headers: { 'content-type': change.contentType } };
    }
  }

  const describeRequest = (method: string, path: string, options: RequestOptions) =>
    `${method} ${path.slice(0, 200)} ${
      options.raw !== undefined
        ? `(${options.headers?.['content-type']}) ${String(options.raw).slice(0, 200)}`
        : JSON.stringify(options.body)?.slice(0, 300)
    }`;

  it('never answers 5xx, and every 4xx names the problem and writes nothing', async () => {
    const routes = new Map(fixture.routes.map((route) => [route.key, route]));
    expect(routes.size).toBeGreaterThan(30);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes.keys()),
        spoil,
        // Which path parameters get a hostile value; a route without a body always gets one.
        fc.array(fc.option(hostileId, { nil: undefined }), { minLength: 2, maxLength: 2 }),
        async (key, change, ids) => {
          const route = routes.get(key) as WriteRoute;
          const params = pathParameters(route.template);
          const takesBody = fixture.jsonSchema(route) !== undefined;
          const overrides: Record<string, string> = {};
          params.forEach((param, index) => {
            const id = ids[index] ?? (takesBody ? undefined : ids.find(Boolean));
            if (id !== undefined) overrides[param] = id;
          });
          // A route without a body acts on the ids alone: with valid ones it would just work.
          if (!takesBody && params.length && !Object.keys(overrides).length) {
            overrides[params[0]] = 'not-a-uuid';
          }
          if (!takesBody && !params.length) return;
          const path = fixture.pathWith(route.template, overrides);
          const options = requestFor(route, change);
          const response = await requests.check(describeRequest(route.method, path, options), () =>
            app.request(route.method, path, options),
          );
          // A request that succeeded may have set off e-mails; they are sent before the next snapshot.
          if (response.status < 400) await queuedMessagesSettled(app);
        },
      ),
      runSettings(400),
    );
  });

  it('never answers 5xx to hostile query parameters of the list and report routes', async () => {
    const queries = Object.entries(fixture.document.paths).flatMap(([template, operations]) => {
      const parameters = (operations.get?.parameters ?? []) as Array<{ name: string; in: string }>;
      const names = parameters.filter((p) => p.in === 'query').map((p) => p.name);
      return names.length ? [{ template, names }] : [];
    });
    expect(queries.length).toBeGreaterThan(5);
    const get = (template: string, query: URLSearchParams) => {
      const path = `${fixture.pathWith(template)}?${query}`;
      return requests.check(`GET ${path.slice(0, 300)}`, () => app.get(path));
    };
    // Every parameter once with a text no column can hold, which random choice may miss.
    for (const { template, names } of queries) {
      for (const name of names)
        await get(template, new URLSearchParams([[name, 'Arbër\u0000Hoxha']]));
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...queries),
        fc.nat(),
        fc.oneof(hostileText, hostileId),
        fc.boolean(),
        async ({ template, names }, pick, value, twice) => {
          const name = names[pick % names.length];
          const query = new URLSearchParams([[name, value]]);
          // A parameter given twice arrives as an array.
          if (twice) query.append(name, value);
          await get(template, query);
        },
      ),
      runSettings(150),
    );
  });
});
