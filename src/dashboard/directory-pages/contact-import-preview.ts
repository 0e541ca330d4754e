import { Injectable } from '@nestjs/common';
import { mapContactColumns } from '../../directory/import/contact-csv-columns';
import { ContactsImportService } from '../../directory/import/contacts-import.service';
import {
  ContactImportRowView,
  ContactImportSummaryView,
} from '../../directory/import/dto/contact-import.view';
import { MAX_IMPORT_ROWS } from '../../directory/import/parse-contact-csv';
import { readCsvTable } from '../../directory/import/read-csv-table';

export type ImportRowPreview = ContactImportRowView & { name: string };

export interface ImportPreview {
  summary: ContactImportSummaryView;
  rows: ImportRowPreview[];
}

/**
 * The import service's report, as a page shows it: the service reports each
 * row by number and e-mail, and the people checking a file also want the
 * name the row gives, as the file writes it.
 */
@Injectable()
export class ContactImportPreview {
  constructor(private readonly imports: ContactsImportService) {}

  /** What the file would do, writing nothing; a file it cannot read at all throws the service's 4xx. */
  async dryRun(csv: string | Buffer): Promise<ImportPreview> {
    return this.withNames(csv, await this.imports.importContacts(csv, true));
  }

  /** All rows or none: the summary says which, the rows say why not. */
  async run(csv: string): Promise<ImportPreview> {
    return this.withNames(csv, await this.imports.importContacts(csv, false));
  }

  private withNames(
    csv: string | Buffer,
    report: { summary: ContactImportSummaryView; rows: ContactImportRowView[] },
  ): ImportPreview {
    // The file was read once already, so reading it again cannot fail.
    const table = readCsvTable(csv, MAX_IMPORT_ROWS);
    const column = mapContactColumns(table.header).fullName;
    const names = new Map(
      table.records.map((record) => [
        record.row,
        column ? (record.cells[column.index] ?? '').trim() : '',
      ]),
    );
    return {
      summary: report.summary,
      rows: report.rows.map((row) => ({ ...row, name: names.get(row.row) ?? '' })),
    };
  }
}
