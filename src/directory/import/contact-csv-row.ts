import { isEmail } from 'class-validator';
import { FieldError } from '../../common/error-body';
import { Language } from '../../common/language';
import { toSearchKey } from '../../common/search-key';
import { unstorableTextReason } from '../../common/storable-input';
import { County } from '../counties/county.entity';
import { InstitutionKind } from '../institutions/institution-kind';
import { ContactColumn, ContactColumnMap } from './contact-csv-columns';
import {
  KIND_EXPECTED,
  LANGUAGE_EXPECTED,
  parseInstitutionKind,
  parseLanguage,
} from './csv-cell-values';
import { CsvRecord } from './read-csv-table';

/** Counties by their folded name, so `korce` finds Korçë. */
export type CountyLookup = ReadonlyMap<string, County>;

/** The institution a row names; it is matched or created when the import is planned. */
export interface InstitutionReference {
  name: string;
  county: County | null;
  kind?: InstitutionKind;
}

/** A contact's fields as a row gives them; undefined means the cell was empty: leave as is. */
export interface ContactRowValues {
  fullName?: string;
  position?: string;
  phone?: string;
  language?: Language;
  notes?: string;
}

export interface ContactCsvRow {
  row: number;
  email: string | null;
  values: ContactRowValues;
  institution?: InstitutionReference;
  errors: FieldError[];
}

const EMAIL_MAX_LENGTH = 320;
const MAX_LENGTH: Partial<Record<ContactColumn, number>> = {
  fullName: 200,
  institution: 300,
  position: 200,
  phone: 50,
  notes: 5000,
};

/** Checks one row on its own, without the database; errors name the column as the header wrote it. */
export function validateContactRow(
  record: CsvRecord,
  columns: ContactColumnMap,
  counties: CountyLookup,
): ContactCsvRow {
  const failures: Array<{ index: number; error: FieldError }> = [];
  const fail = (column: ContactColumn, reason: string) =>
    failures.push({
      index: columns[column]?.index ?? -1,
      error: { row: record.row, field: columns[column]?.header ?? column, reason },
    });
  const text = (column: ContactColumn): string => {
    const position = columns[column];
    return position ? record.cells[position.index].trim() : '';
  };
  const optional = (column: ContactColumn): string | undefined => {
    const value = text(column);
    const max = MAX_LENGTH[column];
    if (max !== undefined && value.length > max) {
      fail(column, `must be at most ${max} characters long`);
      return undefined;
    }
    return value || undefined;
  };

  for (const column of Object.keys(columns) as ContactColumn[]) {
    const reason = unstorableTextReason(text(column));
    if (reason) fail(column, reason);
  }

  const email = text('email');
  if (!email) fail('email', 'is required');
  else if (email.length > EMAIL_MAX_LENGTH)
    fail('email', `must be at most ${EMAIL_MAX_LENGTH} characters long`);
  else if (!isEmail(email)) fail('email', 'must be an e-mail address');

  const languageText = optional('language');
  const language = languageText === undefined ? undefined : parseLanguage(languageText);
  if (languageText !== undefined && !language) fail('language', LANGUAGE_EXPECTED);

  const values = {
    fullName: optional('fullName'),
    position: optional('position'),
    phone: optional('phone'),
    language,
    notes: optional('notes'),
  };
  const institution = readInstitution({ text, optional, fail }, counties);
  return {
    row: record.row,
    email: email || null,
    values,
    institution,
    // In the order of the file's columns, as the person fixing it reads them.
    errors: failures.sort((a, b) => a.index - b.index).map(({ error }) => error),
  };
}

interface RowCells {
  text(column: ContactColumn): string;
  optional(column: ContactColumn): string | undefined;
  fail(column: ContactColumn, reason: string): void;
}

function readInstitution(
  { text, optional, fail }: RowCells,
  counties: CountyLookup,
): InstitutionReference | undefined {
  const countyText = optional('county');
  const kindText = optional('kind');
  if (!text('institution')) {
    // County and kind describe the institution; without one they would be silently dropped.
    if (countyText !== undefined) fail('county', 'is given but the institution is empty');
    if (kindText !== undefined) fail('kind', 'is given but the institution is empty');
    return undefined;
  }
  const name = optional('institution');
  const county = countyText === undefined ? null : (counties.get(toSearchKey(countyText)) ?? null);
  if (countyText !== undefined && !county) {
    const known = [...counties.values()].map((c) => c.name).join(', ');
    fail('county', `no county named "${countyText}"; expected one of ${known}`);
  }
  const kind = kindText === undefined ? undefined : parseInstitutionKind(kindText);
  if (kindText !== undefined && !kind) fail('kind', KIND_EXPECTED);
  return name === undefined ? undefined : { name, county, kind };
}
