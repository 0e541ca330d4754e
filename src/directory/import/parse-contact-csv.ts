import { ContactColumnMap, mapContactColumns } from './contact-csv-columns';
import { ContactCsvRow, CountyLookup, validateContactRow } from './contact-csv-row';
import { readCsvTable } from './read-csv-table';

/** More rows than this is a 413: split the file. Keeps one import inside one short transaction. */
export const MAX_IMPORT_ROWS = 5000;

export interface ParsedContactCsv {
  columns: ContactColumnMap;
  rows: ContactCsvRow[];
}

/**
 * Reads and checks a contacts file without the database. Problems with the
 * file as a whole throw a 4xx; problems with a row are kept on the row so the
 * report can show every one of them at once.
 */
export function parseContactCsv(input: string | Buffer, counties: CountyLookup): ParsedContactCsv {
  const table = readCsvTable(input, MAX_IMPORT_ROWS);
  const columns = mapContactColumns(table.header);
  const firstRowByEmail = new Map<string, number>();
  const rows = table.records.map((record) => {
    const row = validateContactRow(record, columns, counties);
    if (!row.email) return row;
    const email = row.email.toLowerCase();
    const firstRow = firstRowByEmail.get(email);
    if (firstRow === undefined) {
      firstRowByEmail.set(email, row.row);
    } else {
      row.errors.push({
        row: row.row,
        field: columns.email?.header ?? 'email',
        reason: `the same e-mail is already on row ${firstRow}`,
      });
    }
    return row;
  });
  return { columns, rows };
}
