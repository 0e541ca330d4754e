import { Language } from '../common/language';
import { toSearchKey } from '../common/search-key';
import { RequestError } from '../common/request-error';
import { campaignCharts } from './render/campaign-charts';
import { campaignReportCsv, CsvFile, roundReportCsv, zipCsvFiles } from './render/report-csv';
import { campaignReportHtml, roundReportHtml } from './render/report-html';
import { campaignReportPdf, roundReportPdf } from './render/report-pdf';
import { ReportFormat } from './report-format-kind';
import { CampaignReport, Report } from './report-model';

/** A report written out: what to call the download and how to serve it. */
export interface ReportFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

/** How to serve a report file: a page opens in the browser; the files a person keeps are downloads. */
export function reportFileHeaders(file: ReportFile, language: Language): Record<string, string> {
  const disposition = file.contentType.startsWith('text/html') ? 'inline' : 'attachment';
  return {
    'content-type': file.contentType,
    'content-disposition': `${disposition}; filename="${file.filename}"`,
    'content-language': language,
  };
}

const FILE_PREFIX: Record<Language, string> = {
  [Language.Albanian]: 'raporti',
  [Language.English]: 'report',
};

/**
 * Writes a report in the format asked for. `table` picks one CSV file
 * ("sessions") instead of the zip of all of them.
 */
export async function reportFile(
  report: Report,
  format: ReportFormat,
  table?: string,
): Promise<ReportFile> {
  const base = baseName(report);
  switch (format) {
    case ReportFormat.Json:
      return {
        filename: `${base}.json`,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify(report),
      };
    case ReportFormat.Html:
      return {
        filename: `${base}.html`,
        contentType: 'text/html; charset=utf-8',
        body: report.kind === 'round' ? roundReportHtml(report) : campaignHtml(report),
      };
    case ReportFormat.Pdf:
      return {
        filename: `${base}.pdf`,
        contentType: 'application/pdf',
        body:
          report.kind === 'round'
            ? await roundReportPdf(report)
            : await campaignReportPdf(report, campaignCharts(report)),
      };
    case ReportFormat.Csv:
      return csvFile(report, base, table);
  }
}

function campaignHtml(report: CampaignReport): string {
  return campaignReportHtml(report, campaignCharts(report));
}

function csvFile(report: Report, base: string, table: string | undefined): ReportFile {
  const files: CsvFile[] =
    report.kind === 'round' ? roundReportCsv(report) : campaignReportCsv(report);
  if (table === undefined) {
    return { filename: `${base}.zip`, contentType: 'application/zip', body: zipCsvFiles(files) };
  }
  const file = files.find((candidate) => candidate.name === `${table}.csv`);
  if (!file) {
    const names = files.map((candidate) => candidate.name.replace(/\.csv$/, ''));
    throw RequestError.unprocessable('table', `must be one of ${names.join(', ')}`);
  }
  return {
    filename: `${base}-${file.name}`,
    contentType: 'text/csv; charset=utf-8',
    body: file.content,
  };
}

/** "raporti-elbasan-2017-11-22", "report-on-preventing-irregular-migration": plain ASCII for every browser. */
function baseName(report: Report): string {
  const about =
    report.kind === 'round'
      ? `${report.round.county}-${report.round.startsOn}`
      : report.campaign.name;
  return `${FILE_PREFIX[report.language]}-${slug(about)}`;
}

function slug(text: string): string {
  return toSearchKey(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
