/** The formats a report is written in. */
export enum ReportFormat {
  Json = 'json',
  /** Every table, zipped; or one table with `?table=`. */
  Csv = 'csv',
  /** A self-contained page, printable on A4. */
  Html = 'html',
  Pdf = 'pdf',
}
