import { HttpStatus } from '@nestjs/common';
import { FieldError } from '../../common/error-body';
import { RequestError } from '../../common/request-error';
import { toSearchKey } from '../../common/search-key';

/** What a contact CSV column holds. */
export type ContactColumn =
  | 'fullName'
  | 'email'
  | 'institution'
  | 'county'
  | 'kind'
  | 'position'
  | 'phone'
  | 'language'
  | 'notes';

/**
 * Header names accepted for each column, in English and Albanian; the first is
 * the one error messages use. Offices export from spreadsheets whose headers
 * vary in case, accents, spaces and underscores, so they are compared by
 * compactKey() (`Emri i plotë`, `EMRI_I_PLOTE` and `emriiplote` are one name).
 */
const ALIASES: Record<ContactColumn, string[]> = {
  fullName: ['name', 'full_name', 'emri', 'emri i plotë', 'emër mbiemër', 'emri dhe mbiemri'],
  email: ['email', 'e-mail', 'posta elektronike'],
  institution: ['institution', 'institucioni'],
  county: ['county', 'qarku'],
  kind: ['institution_kind', 'kind', 'lloji'],
  position: ['position', 'role', 'pozicioni', 'roli', 'detyra'],
  phone: ['phone', 'telefoni', 'tel'],
  language: ['language', 'gjuha'],
  notes: ['notes', 'shënime'],
};

const REQUIRED: ContactColumn[] = ['fullName', 'email'];

const COLUMN_BY_ALIAS = new Map<string, ContactColumn>(
  (Object.entries(ALIASES) as [ContactColumn, string[]][]).flatMap(([column, aliases]) =>
    aliases.map((alias) => [compactKey(alias), column] as const),
  ),
);

/** Where a column sits in the file and how its header was written, for error messages. */
export interface ColumnPosition {
  index: number;
  header: string;
}

export type ContactColumnMap = Partial<Record<ContactColumn, ColumnPosition>>;

/** Lower case, no accents, letters and digits only: `E-mail` and `email` are one key. */
export function compactKey(text: string): string {
  return toSearchKey(text).replace(/[^a-z0-9]/g, '');
}

/**
 * Which column of the file holds what. Unknown, duplicate and missing required
 * columns are a 400: a misspelt header silently ignored would drop data.
 */
export function mapContactColumns(header: string[]): ContactColumnMap {
  const columns: ContactColumnMap = {};
  const errors: FieldError[] = [];
  header.forEach((written, index) => {
    const name = written.trim();
    const column = COLUMN_BY_ALIAS.get(compactKey(name));
    if (!name) {
      errors.push({ row: 1, field: `column ${index + 1}`, reason: 'has no header name' });
    } else if (!column) {
      errors.push({ row: 1, field: name, reason: `unknown column; expected ${expectedNames()}` });
    } else if (columns[column]) {
      errors.push({
        row: 1,
        field: name,
        reason: `same column as "${columns[column].header}"; keep one of them`,
      });
    } else {
      columns[column] = { index, header: name };
    }
  });
  for (const column of REQUIRED) {
    if (!columns[column]) {
      errors.push({
        row: 1,
        field: ALIASES[column][0],
        reason: `required column is missing (accepted headers: ${ALIASES[column].join(', ')})`,
      });
    }
  }
  if (errors.length) throw new RequestError(HttpStatus.BAD_REQUEST, errors);
  return columns;
}

function expectedNames(): string {
  return (Object.keys(ALIASES) as ContactColumn[]).map((column) => ALIASES[column][0]).join(', ');
}
