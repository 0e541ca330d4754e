import { Language } from '../../common/language';
import { toSearchKey } from '../../common/search-key';
import { County } from '../counties/county.entity';
import { InstitutionKind } from '../institutions/institution-kind';
import { mapContactColumns } from './contact-csv-columns';
import { CountyLookup, validateContactRow } from './contact-csv-row';

const counties: CountyLookup = new Map(
  ['Elbasan', 'Korçë', 'Shkodër'].map((name) => {
    const county = Object.assign(new County(), { name });
    return [toSearchKey(name), county] as const;
  }),
);
const columns = mapContactColumns([
  'Emri',
  'Email',
  'Institucioni',
  'Qarku',
  'Lloji',
  'Pozicioni',
  'Telefoni',
  'Gjuha',
  'Shënime',
]);

function validate(cells: Partial<Record<string, string>>) {
  const order = [
    'name',
    'email',
    'institution',
    'county',
    'kind',
    'position',
    'phone',
    'language',
    'notes',
  ];
  return validateContactRow(
    { row: 7, cells: order.map((key) => cells[key] ?? '') },
    columns,
    counties,
  );
}

describe('validateContactRow', () => {
  it('reads a complete row, trimming cells and folding county, kind and language', () => {
    const row = validate({
      name: ' Gëzim Koçi ',
      email: 'gezim.koci@example.al.test',
      institution: 'Bashkia Korçë',
      county: 'korce',
      kind: 'Bashkia',
      position: 'Drejtor',
      phone: '+355 69 123 4567',
      language: 'Anglisht',
      notes: 'Takim në nëntor',
    });
    expect(row.errors).toEqual([]);
    expect(row.email).toBe('gezim.koci@example.al.test');
    expect(row.values).toEqual({
      fullName: 'Gëzim Koçi',
      position: 'Drejtor',
      phone: '+355 69 123 4567',
      language: Language.English,
      notes: 'Takim në nëntor',
    });
    expect(row.institution).toEqual({
      name: 'Bashkia Korçë',
      county: counties.get('korce'),
      kind: InstitutionKind.Municipality,
    });
  });

  it('leaves empty cells undefined, so an existing contact keeps its value', () => {
    const row = validate({ email: 'drita.shehu@example.al.test' });
    expect(row.errors).toEqual([]);
    expect(row.values).toEqual({
      fullName: undefined,
      position: undefined,
      phone: undefined,
      language: undefined,
      notes: undefined,
    });
    expect(row.institution).toBeUndefined();
  });

  it('takes a national institution when the county is empty, and the enum names of kinds', () => {
    const row = validate({
      email: 'ilir.leka@example.al.test',
      institution: 'Ministria e Arsimit, Sportit dhe Rinisë',
      kind: 'ministry',
      language: 'sq',
    });
    expect(row.errors).toEqual([]);
    expect(row.institution).toEqual({
      name: 'Ministria e Arsimit, Sportit dhe Rinisë',
      county: null,
      kind: InstitutionKind.Ministry,
    });
    expect(row.values.language).toBe(Language.Albanian);
  });

  it('names the row and the column as written for each bad cell', () => {
    const row = validate({
      name: 'x'.repeat(201),
      email: 'elona.mema(at)example.al.test',
      institution: 'Bashkia Lushnjë',
      county: 'Lushnjë',
      kind: 'bashkiake',
      language: 'frëngjisht',
    });
    expect(row.errors).toEqual([
      { row: 7, field: 'Emri', reason: 'must be at most 200 characters long' },
      { row: 7, field: 'Email', reason: 'must be an e-mail address' },
      {
        row: 7,
        field: 'Qarku',
        reason: 'no county named "Lushnjë"; expected one of Elbasan, Korçë, Shkodër',
      },
      { row: 7, field: 'Lloji', reason: expect.stringContaining('must be one of ministry') },
      { row: 7, field: 'Gjuha', reason: 'must be sq or en (shqip, anglisht)' },
    ]);
  });

  it('requires an e-mail and refuses county or kind without an institution', () => {
    const row = validate({ name: 'Besnik Dervishi', county: 'Elbasan', kind: 'school' });
    expect(row.email).toBeNull();
    expect(row.errors).toEqual([
      { row: 7, field: 'Email', reason: 'is required' },
      { row: 7, field: 'Qarku', reason: 'is given but the institution is empty' },
      { row: 7, field: 'Lloji', reason: 'is given but the institution is empty' },
    ]);
  });

  it('refuses a NUL in any cell, which no database column can hold', () => {
    const row = validate({ name: 'Arbër\u0000Hoxha', email: 'arber.hoxha@example.al.test' });
    expect(row.errors).toEqual([
      { row: 7, field: 'Emri', reason: 'must not contain NUL characters (\\u0000)' },
    ]);
  });
});
