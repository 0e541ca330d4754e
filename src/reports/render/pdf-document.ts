import PDFDocument from 'pdfkit';
import { Language } from '../../common/language';
import { formatDateTime } from '../../messaging/local-time';
import { reportLabels } from '../report-labels';
import { REGULAR_FONT, registerReportFonts } from './pdf-fonts';

/** What every report PDF carries besides its content. */
export interface ReportPdfInfo {
  title: string;
  /** The campaign's organiser, when known. */
  author: string | null;
  subject: string;
  language: Language;
  /** ISO timestamp; also the document's creation date, so one report always gives the same file. */
  generatedAt: string;
  /** The zone the footer's date is written in. */
  timeZone: string;
}

const PAGE_MARGIN = 50;
const FOOTER_SIZE = 8;
export const MUTED_COLOUR = '#555555';
export const TEXT_COLOUR = '#000000';

/**
 * Writes a report PDF: A4 with the report fonts embedded, `draw` lays out the
 * content, and then every page gets its footer. The footer is written last,
 * over buffered pages, because "Page 1 of 5" needs the page count.
 */
export async function renderReportPdf(
  info: ReportPdfInfo,
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    bufferPages: true,
    lang: info.language,
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author ?? undefined,
      Subject: info.subject,
      CreationDate: new Date(info.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const written = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerReportFonts(doc);
  draw(doc);
  writeFooters(doc, info);
  doc.end();
  return written;
}

function writeFooters(doc: PDFKit.PDFDocument, info: ReportPdfInfo): void {
  const labels = reportLabels(info.language);
  const generated = `${labels.generatedAt} ${formatDateTime(new Date(info.generatedAt), {
    language: info.language,
    timeZone: info.timeZone,
  })}`;
  const { start, count } = doc.bufferedPageRange();
  doc.font(REGULAR_FONT).fontSize(FOOTER_SIZE).fillColor(MUTED_COLOUR);
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const { width, height, margins } = doc.page;
    const y = height - margins.bottom + 20;
    const lineWidth = width - margins.left - margins.right;
    // Text below the bottom margin would make pdfkit start a new page.
    const bottom = margins.bottom;
    margins.bottom = 0;
    doc.text(generated, margins.left, y, { width: lineWidth, lineBreak: false });
    doc.text(`${labels.page} ${index + 1} ${labels.of} ${count}`, margins.left, y, {
      width: lineWidth,
      align: 'right',
      lineBreak: false,
    });
    margins.bottom = bottom;
  }
  doc.fillColor(TEXT_COLOUR);
}
