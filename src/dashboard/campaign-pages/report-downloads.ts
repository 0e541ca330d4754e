import type { FastifyReply } from 'fastify';
import { Language } from '../../common/language';
import { reportFile, reportFileHeaders } from '../../reports/report-file';
import { ReportFormat } from '../../reports/report-format-kind';
import { Report } from '../../reports/report-model';
import { pageLink } from './page-links';

/** The order of the download buttons: what the office sends out first. */
const FORMATS = [ReportFormat.Pdf, ReportFormat.Html, ReportFormat.Csv, ReportFormat.Json];

export interface DownloadLanguage {
  language: Language;
  links: Array<{ format: ReportFormat; href: string }>;
}

/** One row of buttons per language, each format a plain link to `<report page>/download`. */
export function downloadLinks(reportPath: string): DownloadLanguage[] {
  return Object.values(Language).map((language) => ({
    language,
    links: FORMATS.map((format) => ({
      format,
      href: pageLink(`${reportPath}/download`, { format, lang: language }),
    })),
  }));
}

/** The report written out as a file, served as the API serves it. */
export async function sendReportFile(
  reply: FastifyReply,
  report: Report,
  format: ReportFormat,
): Promise<void> {
  const file = await reportFile(report, format);
  void reply
    .headers(reportFileHeaders(file, report.language))
    .header('cache-control', 'no-store')
    .send(file.body);
}
