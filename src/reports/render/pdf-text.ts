import { NarrativeBlock } from '../report-model';
import { BOLD_FONT, REGULAR_FONT } from './pdf-fonts';

/* The running text of a report PDF: headings, paragraphs, lists and labelled values. */

const BODY_SIZE = 10;
const TITLE_SIZE = 18;
const HEADING_SIZE = 13;
const SUBHEADING_SIZE = 11;
const LIST_INDENT = 16;
/** A heading needs this much room below it, or it would sit alone at the foot of a page. */
const KEEP_WITH_NEXT = 60;

export function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` more points fit on this one. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.x = doc.page.margins.left;
}

export function writeTitle(doc: PDFKit.PDFDocument, text: string): void {
  doc
    .font(BOLD_FONT)
    .fontSize(TITLE_SIZE)
    .text(text, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export function writeHeading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.8);
  ensureSpace(doc, KEEP_WITH_NEXT);
  doc
    .font(BOLD_FONT)
    .fontSize(HEADING_SIZE)
    .text(text, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export function writeSubheading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.5);
  ensureSpace(doc, KEEP_WITH_NEXT / 2);
  doc
    .font(BOLD_FONT)
    .fontSize(SUBHEADING_SIZE)
    .text(text, { width: contentWidth(doc) });
  doc.moveDown(0.2);
}

export function writeParagraph(doc: PDFKit.PDFDocument, text: string): void {
  doc.x = doc.page.margins.left;
  doc
    .font(REGULAR_FONT)
    .fontSize(BODY_SIZE)
    .text(text, { width: contentWidth(doc) });
  doc.moveDown(0.5);
}

/** "Label: value" on one line when it fits, the label in bold. */
export function writeField(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.x = doc.page.margins.left;
  doc
    .font(BOLD_FONT)
    .fontSize(BODY_SIZE)
    .text(`${label}: `, { width: contentWidth(doc), continued: true })
    .font(REGULAR_FONT)
    .text(value);
  doc.moveDown(0.15);
}

/**
 * Bullets, or numbers when the order is the content's. Drawn by hand rather
 * than with pdfkit's list(), whose markers can stay on one page while the
 * item moves to the next.
 */
export function writeList(doc: PDFKit.PDFDocument, items: string[], numbered = false): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc) - LIST_INDENT;
  doc.font(REGULAR_FONT).fontSize(BODY_SIZE);
  items.forEach((item, index) => {
    ensureSpace(doc, doc.heightOfString(item, { width }));
    const y = doc.y;
    doc.text(numbered ? `${index + 1}.` : '•', left, y, { width: LIST_INDENT, lineBreak: false });
    doc.text(item, left + LIST_INDENT, y, { width });
    doc.moveDown(0.2);
  });
  doc.x = left;
  doc.moveDown(0.3);
}

export function writeNarrative(doc: PDFKit.PDFDocument, blocks: NarrativeBlock[]): void {
  for (const block of blocks) {
    if (block.kind === 'paragraph') writeParagraph(doc, block.text);
    else writeList(doc, block.items);
  }
}
