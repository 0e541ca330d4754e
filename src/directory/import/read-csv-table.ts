import { HttpStatus } from '@nestjs/common';
import { CsvError, Info, parse } from 'csv-parse/sync';
import { RequestError } from '../../common/request-error';

/** One data row: `row` counts lines as a spreadsheet shows them, the header being row 1. */
export interface CsvRecord {
  row: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** The `info: true` output, which csv-parse's typings do not describe. */
interface ParsedRecord {
  record: string[];
  info: Info;
}

/**
 * Turns an uploaded file into a header and rows: UTF-8 only, BOM stripped,
 * comma or semicolon (as the header line uses), quoted fields. Anything the
 * file gets wrong is a 400 naming the row; more than `maxRows` rows is a 413.
 */
export function readCsvTable(input: string | Buffer, maxRows: number): CsvTable {
  const text = decodeUtf8(input).replace(/^\uFEFF/, '');
  const parsed = parseRecords(text);
  const [header, ...rows] = parsed;
  const records = rows
    // Blank lines and rows of empty cells are spreadsheet padding, not contacts.
    .filter(({ record }) => record.some((cell) => cell.trim() !== ''))
    .map(({ record, info }) => ({ row: info.records + info.empty_lines, cells: record }));
  if (!header || records.length === 0) {
    throw new RequestError(HttpStatus.BAD_REQUEST, [
      { field: 'file', reason: 'has no rows: expected a header line and at least one contact' },
    ]);
  }
  if (records.length > maxRows) {
    throw new RequestError(HttpStatus.PAYLOAD_TOO_LARGE, [
      {
        field: 'file',
        reason: `has ${records.length} rows; at most ${maxRows} can be imported at once, split the file`,
      },
    ]);
  }
  return { header: header.record, records };
}

function decodeUtf8(input: string | Buffer): string {
  let text: string;
  try {
    text =
      typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw notUtf8();
  }
  // A text/csv body arrives already decoded, with every invalid byte turned into U+FFFD.
  if (text.includes('\uFFFD')) throw notUtf8();
  return text;
}

function notUtf8(): RequestError {
  return new RequestError(HttpStatus.BAD_REQUEST, [
    {
      field: 'file',
      reason:
        'must be UTF-8 text; save it as "CSV UTF-8" (the file has bytes of another encoding, such as Windows-1252)',
    },
  ]);
}

function parseRecords(text: string): ParsedRecord[] {
  try {
    return parse(text, {
      delimiter: detectDelimiter(text),
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = Number(error.records ?? 0) + Number(error.empty_lines ?? 0) + 1;
    throw new RequestError(HttpStatus.BAD_REQUEST, [
      { row, field: 'file', reason: `is not valid CSV: ${error.message}` },
    ]);
  }
}

/** Spreadsheets in Albanian locales export with semicolons; the header line tells which. */
export function detectDelimiter(text: string): ',' | ';' {
  const headerLine = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  const count = (char: string) => headerLine.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}
