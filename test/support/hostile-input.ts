import fc from 'fast-check';
import { ApiResponse, TestApp } from './test-app';

/**
 * Texts that have broken real applications: NUL and other control bytes,
 * lone surrogates, a BOM, right-to-left overrides, markup, template syntax,
 * mail-header injection, SQL, spreadsheet formulas, path traversal and
 * words that look like other types.
 */
export const NASTY_TEXTS = [
  '',
  ' ',
  '\u0000',
  'Arbër\u0000Hoxha',
  '\u0001\u0007\u001b[31m',
  '\ud800',
  'x\udfffy',
  '\uFEFFname',
  '\u202Egnp.exe',
  '\u200b\u200d\u2060',
  '\uFFFF\uFFFE',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357a\u0358\u0359l\u035a\u035bg\u035c\u035do',
  '😀👩‍👩‍👧‍👦🇦🇱',
  'Ç ë Ë ç ß ı İ ﬁ',
  '<script>window.__pwned = 1</script>',
  '"><img src=x onerror=alert(1)>',
  '{{constructor}}',
  '{{#each this}}{{@key}}{{/each}}',
  '{{{body}}}',
  '{{> layout}}',
  'Arbër\r\nBcc: victim@example.test',
  'subject\nX-Injected: 1',
  "'; drop table contact; --",
  '%s%n%x',
  '=HYPERLINK("http://example.test","x")',
  '+1+1',
  '@SUM(A1)',
  '../../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'true',
  '-1',
  '1e309',
  'NaN',
];

/** Keys that pollute prototypes where objects are merged carelessly. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Any text, weighted toward the nasty ones and toward ordinary text with a nasty part inside. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_TEXTS), weight: 4 },
  {
    arbitrary: fc
      .tuple(fc.string(), fc.constantFrom(...NASTY_TEXTS), fc.string())
      .map((parts) => parts.join('')),
    weight: 3,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 3 },
  {
    // Longer than any column allows, still under the 1 MiB body limit.
    arbitrary: fc
      .tuple(
        fc.constantFrom('x', 'ë', '\u0000', '😀', '<'),
        fc.integer({ min: 5_000, max: 60_000 }),
      )
      .map(([unit, times]) => unit.repeat(times)),
    weight: 1,
  },
);

/** An object with `key` as an own property, even `__proto__`, as JSON.parse would make it. */
export function withOwnKey(
  object: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * Arrays or objects nested `depth` deep. It is built only when sent
 * (JSON.stringify calls toJSON), and fast-check reports it by its size: its
 * own printing of a value recurses, and would overflow the stack.
 */
export class Nested {
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object',
  ) {}

  toJSON(): unknown {
    let value: unknown = 'bottom';
    for (let i = 0; i < this.depth; i += 1) value = this.kind === 'array' ? [value] : { a: value };
    return value;
  }

  [fc.toStringMethod](): string {
    return `new Nested(${this.depth}, '${this.kind}')`;
  }
}

/** Any JSON value, deeply nested ones and objects with polluting keys included. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  hostileText,
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, true, false, null),
  fc.array(hostileText, { maxLength: 5 }),
  fc
    .tuple(
      fc.integer({ min: 20, max: 3_000 }),
      fc.constantFrom('array' as const, 'object' as const),
    )
    .map(([depth, kind]) => new Nested(depth, kind)),
  fc
    .tuple(fc.constantFrom(...POLLUTING_KEYS), fc.jsonValue({ maxDepth: 2 }))
    .map(([key, value]) => withOwnKey({}, key, { isAdmin: true, polluted: value })),
  fc.dictionary(fc.constantFrom(...POLLUTING_KEYS, 'a', 'isAdmin'), fc.jsonValue({ maxDepth: 1 })),
);

/** Content types a client may claim, right or wrong for what follows. */
export const contentType: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'text/plain',
    'text/csv',
    'text/html',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=xyz',
    'application/octet-stream',
    '*/*',
    'application/json, text/plain',
  ),
  // Anything a header may carry: printable ASCII.
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
);

/** Raw bytes or text to send with a content type: JSON-ish fragments, markup, random bytes. */
export const rawBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom(
    '',
    'null',
    '{',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '[]',
    '"x"',
    '<a/>',
    'a=1&a=2&__proto__[x]=1',
    '--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--xyz--\r\n',
    '\uFEFF{}',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: 1, max: 40_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
);

/** What may stand where a path expects an id. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
  fc.uuid().map((id) => id.slice(0, -1)),
  fc.uuid().map((id) => `${id}0`),
  fc.uuid().map((id) => `${id.slice(0, 8)}${id.slice(9)}`),
  // Every byte percent-encoded (a lone surrogate goes as U+FFFD, as a browser would send it).
  hostileText.map((text) => Buffer.from(text.slice(0, 300)).toString('hex').replace(/../g, '%$&')),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '%00',
    '..',
    '..%2F..%2Fetc%2Fpasswd',
    '%E0%A4%A',
    '%',
    'x'.repeat(500),
    '1',
    '-1',
    'null',
    'undefined',
    '%7B%7Bconstructor%7D%7D',
  ),
);

/**
 * fast-check's run settings: the run count, and a failing run replayed with
 * FC_SEED (and FC_PATH) as fast-check prints them.
 */
export function runSettings(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED;
  return {
    numRuns,
    ...(seed ? { seed: Number(seed), path: process.env.FC_PATH } : {}),
    // The request each run sends is in the report, not only the values it was made from.
    verbose: 1,
  };
}

/** Statuses that say what is wrong with the request itself: their body must name the field. */
const CONTENT_STATUSES = [400, 413, 415, 422];

/** What is wrong with an error response's body, or null when it has the ErrorBody shape. */
export function errorShapeProblem(response: ApiResponse): string | null {
  const body = response.body;
  if (typeof body !== 'object' || body === null) return `a body that is not JSON: ${body}`;
  if (body.statusCode !== response.status) return `statusCode ${body.statusCode}`;
  if (typeof body.error !== 'string' || !body.error) return 'no error';
  if (typeof body.message !== 'string' || !body.message) return 'no message';
  if (!CONTENT_STATUSES.includes(response.status)) return null;
  const errors = body.errors;
  if (!Array.isArray(errors) || errors.length === 0) return 'no errors naming the field';
  const unnamed = errors.find(
    (error: any) =>
      typeof error?.field !== 'string' ||
      !error.field ||
      typeof error.reason !== 'string' ||
      !error.reason,
  );
  return unnamed ? `an error without field and reason: ${JSON.stringify(unnamed)}` : null;
}

/**
 * Sends one hostile request and checks what any request must get: no 5xx,
 * and a 4xx that has the error shape and left every table as it was. A 2xx
 * may write, so the next check starts from a new snapshot.
 */
export class HostileRequests {
  private before: Record<string, string> | null = null;

  constructor(private readonly app: TestApp) {}

  async check(
    describe: string,
    send: () => Promise<ApiResponse>,
    statusOk: (status: number) => boolean = () => true,
  ): Promise<ApiResponse> {
    const before = this.before ?? (await this.app.snapshot());
    // Whatever happens below, the next check takes a snapshot of its own unless this one ends well.
    this.before = null;
    const response = await send();
    const summary = `${describe} → ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
    if (response.status >= 500) throw new Error(`a 5xx: ${summary}`);
    if (!statusOk(response.status)) throw new Error(`an unexpected status: ${summary}`);
    if (response.status >= 400) {
      const problem = errorShapeProblem(response);
      if (problem) throw new Error(`${problem}: ${summary}`);
      const after = await this.app.snapshot();
      expect({ request: describe, tables: after }).toEqual({ request: describe, tables: before });
      this.before = after;
    }
    return response;
  }
}
