import fc from 'fast-check';
import { HostileRequests, hostileText, runSettings } from './support/hostile-input';
import { RequestOptions, TestApp } from './support/test-app';

/** A cell before the file is written: an e-mail is made unique when the run sends it. */
type Cell = { kind: 'email' } | { kind: 'text'; text: string };

interface CsvFile {
  header: string[];
  rows: Cell[][];
  delimiter: ',' | ';';
  lineEnd: '\n' | '\r\n' | '\r';
  /** Quote every cell, none, or break the quoting of one. */
  quoting: 'all' | 'none' | 'broken';
  bom: boolean;
  encoding: 'utf-8' | 'utf-16le' | 'latin1';
  transport: 'text/csv' | 'multipart' | 'multipart, wrong field';
  dryRun: boolean;
}

/** Every header the import knows, a misspelt one and an empty one. */
const COLUMN_NAMES = [
  'name',
  'Emri i plotë',
  'email',
  'E-MAIL',
  'institution',
  'Qarku',
  'county',
  'kind',
  'position',
  'phone',
  'language',
  'gjuha',
  'notes',
  'Shënime',
  'emial',
  '',
];

const OPTIONAL_COLUMNS = [
  'institution',
  'county',
  'kind',
  'position',
  'phone',
  'language',
  'notes',
];

const FORMULAS = [
  '=1+1',
  '+SUM(A1:A2)',
  '-2+3',
  '@cmd',
  '\t=1',
  '=HYPERLINK("http://example.test")',
];

const text = (arbitrary: fc.Arbitrary<string>): fc.Arbitrary<Cell> =>
  arbitrary.map((value) => ({ kind: 'text' as const, text: value }));

/**
 * What a column's cells hold: free text is hostile text, which the import
 * must take or refuse by its rules; a column with rules mostly gets what
 * fits them, so that whole files get through to the database.
 */
function cellFor(column: string): fc.Arbitrary<Cell> {
  const hostile = text(fc.oneof(hostileText, fc.constantFrom(...FORMULAS)));
  const fitting: Record<string, fc.Arbitrary<Cell>> = {
    email: fc.constant({ kind: 'email' as const }),
    county: text(fc.constantFrom('Elbasan', 'Korçë', 'korce', 'DURRES', '')),
    kind: text(fc.constantFrom('bashkia', 'shkolla', 'prefecture', 'ngo', '')),
    language: text(fc.constantFrom('sq', 'en', 'shqip', 'English', '')),
  };
  const rules = fitting[column];
  if (!rules) return hostile;
  return fc.oneof({ arbitrary: rules, weight: 6 }, { arbitrary: hostile, weight: 1 });
}

const header: fc.Arbitrary<string[]> = fc.oneof(
  {
    arbitrary: fc.tuple(fc.shuffledSubarray(OPTIONAL_COLUMNS), fc.nat()).map(([optional, at]) => {
      const columns = [...optional];
      columns.splice(at % (columns.length + 1), 0, 'name', 'email');
      return columns;
    }),
    weight: 6,
  },
  { arbitrary: fc.shuffledSubarray(COLUMN_NAMES, { minLength: 1, maxLength: 6 }), weight: 1 },
);

const csvFile: fc.Arbitrary<CsvFile> = header.chain((columns) =>
  fc.record({
    header: fc.constant(columns),
    rows: fc.array(fc.tuple(...columns.map(cellFor)), { maxLength: 4 }),
    delimiter: fc.constantFrom(',' as const, ';' as const),
    lineEnd: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
    quoting: weighted<CsvFile['quoting']>([
      ['all', 5],
      ['none', 3],
      ['broken', 1],
    ]),
    bom: fc.boolean(),
    encoding: weighted<CsvFile['encoding']>([
      ['utf-8', 6],
      ['utf-16le', 1],
      ['latin1', 1],
    ]),
    transport: weighted<CsvFile['transport']>([
      ['text/csv', 4],
      ['multipart', 3],
      ['multipart, wrong field', 1],
    ]),
    dryRun: fc.boolean(),
  }),
);

function weighted<T>(choices: Array<[T, number]>): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
}

/**
 * Property-based: CSV contact imports made of hostile text (NUL bytes,
 * surrogates, markup, formulas…) with every kind of quoting, delimiter, line
 * end, BOM and encoding, sent as the body or as a form, never get a 5xx;
 * every refusal names the field and writes nothing, a dry run writes
 * nothing, and an accepted import stores each text as it was written.
 *
 * A failure prints the seed; FC_SEED=<seed> FC_PATH=<path> replays it.
 */
describe('hostile CSV contact imports', () => {
  let app: TestApp;
  let requests: HostileRequests;
  let serial = 0;

  beforeAll(async () => {
    app = await TestApp.start();
    requests = new HostileRequests(app);
  });

  afterAll(async () => {
    await app.close();
  });

  function quote(text: string, file: CsvFile, index: number): string {
    if (file.quoting === 'none') return text;
    if (file.quoting === 'broken' && index === 0) return `"${text}`;
    return `"${text.replace(/"/g, '""')}"`;
  }

  /** The file's text, and the values of its rows as they are meant to be read. */
  function write(file: CsvFile): { text: string; rows: string[][] } {
    const rows = file.rows.map((cells) =>
      cells.map((c) => (c.kind === 'email' ? `csv.${(serial += 1)}@example.al.test` : c.text)),
    );
    const lines = [file.header, ...rows].map((cells, line) =>
      cells.map((text, index) => quote(text, file, line * 100 + index)).join(file.delimiter),
    );
    return { text: (file.bom ? '\uFEFF' : '') + lines.join(file.lineEnd) + file.lineEnd, rows };
  }

  function send(file: CsvFile, text: string): RequestOptions {
    const bytes =
      file.encoding === 'utf-16le'
        ? Buffer.from(text, 'utf16le')
        : file.encoding === 'latin1'
          ? Buffer.from(text, 'latin1')
          : Buffer.from(text, 'utf8');
    if (file.transport === 'text/csv')
      return { raw: bytes, headers: { 'content-type': 'text/csv' } };
    const form = new FormData();
    form.append(
      file.transport === 'multipart' ? 'file' : 'upload',
      new Blob([bytes], { type: 'text/csv' }),
      'kontaktet.csv',
    );
    return { raw: form };
  }

  it('never answers 5xx; refusals and dry runs write nothing; imports keep the text as written', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (file) => {
        const { text, rows } = write(file);
        const path = `/api/import/contacts?dryRun=${file.dryRun}`;
        const options = send(file, text);
        const described = `${file.transport} ${file.encoding} ${JSON.stringify(text).slice(0, 400)}`;
        const before = await app.snapshot();
        const response = await requests.check(described, () => app.request('POST', path, options));
        if (response.status >= 400) return;
        expect(response.status).toBe(200);
        if (file.dryRun) {
          expect(await app.snapshot()).toEqual(before);
          return;
        }
        // Only a file read as it was meant (UTF-8, every cell quoted) says which text each cell holds.
        if (file.encoding !== 'utf-8' || file.quoting !== 'all') return;
        const nameColumn = file.header.findIndex((name) => /^(name|emri i plotë)$/i.test(name));
        const emailColumn = file.header.findIndex((name) => /^e-?mail$/i.test(name));
        const connection = app.orm.em.fork().getConnection();
        for (const row of rows) {
          const [stored] = await connection.execute<{ full_name: string }[]>(
            'select full_name from contact where lower(email) = lower(?)',
            [row[emailColumn].trim()],
          );
          const written = row[nameColumn].trim();
          if (written) expect(stored.full_name).toBe(written);
        }
      }),
      runSettings(300),
    );
  });

  it('reads a file sent in the wrong form field, so the connection still serves the next request', async () => {
    const upload = (field: string, bytes: number) => {
      const form = new FormData();
      form.append(field, new Blob([Buffer.alloc(bytes, 'a')], { type: 'text/csv' }), 'k.csv');
      return app.request('POST', '/api/import/contacts?dryRun=true', { raw: form });
    };
    // Large enough that the server cannot take it in one read; unread, it stalled the next request.
    expect((await upload('upload', 200_000)).status).toBe(400);
    expect((await upload('file', 10)).body.errors).toEqual([
      { field: 'file', reason: 'has no rows: expected a header line and at least one contact' },
    ]);
  });
});
