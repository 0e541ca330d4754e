import { BOLD_FONT, REGULAR_FONT } from './pdf-fonts';
import { contentWidth } from './pdf-text';
import { MUTED_COLOUR, TEXT_COLOUR } from './pdf-document';

export interface PdfColumn {
  header: string;
  /**
   * The column's share of the table's width, against the other columns'
   * weights; 0 keeps it as narrow as its words allow, as for numbers.
   */
  weight: number;
  /** Its cells are short labels ("Information session") whose words should not split. */
  keepWords?: boolean;
  align?: 'left' | 'right';
}

export interface PdfRow {
  cells: string[];
  /** A line across the whole table under the row's cells, such as a session's topics. */
  note?: string;
  /** For a totals row. */
  bold?: boolean;
}

/** A row across the whole table naming the rows below it, such as the session of a group of participants. */
export interface PdfGroupRow {
  group: string;
}

const FONT_SIZE = 8;
const PAD_X = 3;
const PAD_Y = 3;
const HEADER_FILL = '#dfe4ea';
const STRIPE_FILL = '#f4f6f8';
const GROUP_FILL = '#eef1f5';

interface Layout {
  x: number[];
  widths: number[];
  lineHeight: number;
}

interface RowSize {
  height: number;
  /** Height of the cells alone, above the note. */
  cellsHeight: number;
  /** Each cell's text on one line. */
  textWidths: number[];
  /** The cells that need more than one line. */
  wraps: boolean[];
}

/**
 * A table that runs over as many pages as it needs, with its header row
 * repeated on each; a row never splits across pages, and long cells wrap.
 */
export function writeTable(
  doc: PDFKit.PDFDocument,
  columns: PdfColumn[],
  rows: (PdfRow | PdfGroupRow)[],
): void {
  const layout = tableLayout(doc, columns, rows);
  const header: PdfRow = { cells: columns.map((column) => column.header), bold: true };
  const headerSize = measureRow(doc, layout, header);
  // A header alone at the foot of a page would say nothing; it goes over with the first row.
  const first = rows.at(0);
  const firstHeight = !first
    ? 0
    : ('group' in first ? measureGroup(doc, first) : measureRow(doc, layout, first)).height;
  let y = doc.y;
  if (y + headerSize.height + firstHeight > pageBottom(doc)) y = newPage(doc);
  y = drawRow(doc, layout, columns, header, headerSize, y, HEADER_FILL);
  rows.forEach((row, index) => {
    const size = 'group' in row ? measureGroup(doc, row) : measureRow(doc, layout, row);
    if (y + size.height > pageBottom(doc)) {
      y = newPage(doc);
      y = drawRow(doc, layout, columns, header, headerSize, y, HEADER_FILL);
    }
    y =
      'group' in row
        ? drawGroup(doc, row, size, y)
        : drawRow(doc, layout, columns, row, size, y, index % 2 ? STRIPE_FILL : null);
  });
  doc.font(REGULAR_FONT).fillColor(TEXT_COLOUR);
  doc.x = doc.page.margins.left;
  doc.y = y;
  doc.moveDown(0.5);
}

function tableLayout(
  doc: PDFKit.PDFDocument,
  columns: PdfColumn[],
  rows: (PdfRow | PdfGroupRow)[],
): Layout {
  const widths = columnWidths(doc, columns, leastWidths(doc, columns, rows));
  const x: number[] = [];
  widths.reduce((left, width) => {
    x.push(left);
    return left + width;
  }, doc.page.margins.left);
  doc.font(REGULAR_FONT).fontSize(FONT_SIZE);
  return { x, widths, lineHeight: doc.currentLineHeight(true) };
}

/**
 * The width below which pdfkit would split a word ("Pranua-n"): the longest
 * word of the header, and of the cells where words must be kept whole.
 */
function leastWidths(
  doc: PDFKit.PDFDocument,
  columns: PdfColumn[],
  rows: (PdfRow | PdfGroupRow)[],
): number[] {
  return columns.map((column, index) => {
    doc.font(BOLD_FONT).fontSize(FONT_SIZE);
    let least = widestWord(doc, [column.header]);
    if (column.keepWords) {
      doc.font(REGULAR_FONT);
      // Labels repeat down a column; each distinct one is measured once.
      const cells = new Set(rows.flatMap((row) => ('group' in row ? [] : [row.cells[index]])));
      least = Math.max(least, widestWord(doc, cells));
    }
    return least + 2 * PAD_X;
  });
}

/**
 * pdfkit's line wrapper measures each word with the space after it, and
 * splits a word that does not fit so, hence the space; the half point is for
 * its rounding.
 */
function widestWord(doc: PDFKit.PDFDocument, texts: Iterable<string>): number {
  let widest = 0;
  for (const text of texts) {
    for (const word of text.split(/\s+/)) {
      widest = Math.max(widest, doc.widthOfString(`${word} `) + 0.5);
    }
  }
  return widest;
}

/** Shares out the width by weight, no column narrower than its least width. */
function columnWidths(doc: PDFKit.PDFDocument, columns: PdfColumn[], least: number[]): number[] {
  // Columns too narrow are fixed at their least width and the rest shared again; each
  // round fixes at least one more column, so this ends.
  const fixed = new Set<number>();
  for (;;) {
    const room = contentWidth(doc) - [...fixed].reduce((sum, index) => sum + least[index], 0);
    const weights = columns.reduce(
      (sum, column, index) => (fixed.has(index) ? sum : sum + column.weight),
      0,
    );
    const widths = columns.map((column, index) =>
      fixed.has(index) ? least[index] : (room * column.weight) / weights,
    );
    const tooNarrow = widths.flatMap((width, index) => (width < least[index] ? [index] : []));
    if (!tooNarrow.length) return widths;
    tooNarrow.forEach((index) => fixed.add(index));
  }
}

function pageBottom(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

function newPage(doc: PDFKit.PDFDocument): number {
  doc.addPage();
  return doc.page.margins.top;
}

/**
 * Most cells fit on one line, and measuring a wrapped height costs far more
 * than a width, so only the cells that are too wide get their height measured.
 */
function measureRow(doc: PDFKit.PDFDocument, layout: Layout, row: PdfRow): RowSize {
  doc.font(row.bold ? BOLD_FONT : REGULAR_FONT).fontSize(FONT_SIZE);
  let cellsHeight = layout.lineHeight;
  const textWidths = row.cells.map((text) => doc.widthOfString(text));
  const wraps = row.cells.map(
    (text, index) => textWidths[index] > cellWidth(layout, index) || text.includes('\n'),
  );
  row.cells.forEach((text, index) => {
    if (!wraps[index]) return;
    cellsHeight = Math.max(
      cellsHeight,
      doc.heightOfString(text, { width: cellWidth(layout, index) }),
    );
  });
  let height = cellsHeight + 2 * PAD_Y;
  if (row.note) {
    doc.font(REGULAR_FONT);
    height += PAD_Y + doc.heightOfString(row.note, { width: noteWidth(doc) });
  }
  return { height, cellsHeight, textWidths, wraps };
}

function cellWidth(layout: Layout, index: number): number {
  return layout.widths[index] - 2 * PAD_X;
}

function measureGroup(doc: PDFKit.PDFDocument, row: PdfGroupRow): RowSize {
  doc.font(BOLD_FONT).fontSize(FONT_SIZE);
  const cellsHeight = doc.heightOfString(row.group, { width: noteWidth(doc) });
  return { height: cellsHeight + 2 * PAD_Y, cellsHeight, textWidths: [], wraps: [] };
}

function noteWidth(doc: PDFKit.PDFDocument): number {
  return contentWidth(doc) - 2 * PAD_X;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  layout: Layout,
  columns: PdfColumn[],
  row: PdfRow,
  size: RowSize,
  y: number,
  fill: string | null,
): number {
  if (fill) doc.rect(doc.page.margins.left, y, contentWidth(doc), size.height).fill(fill);
  doc
    .fillColor(TEXT_COLOUR)
    .font(row.bold ? BOLD_FONT : REGULAR_FONT)
    .fontSize(FONT_SIZE);
  row.cells.forEach((text, index) => {
    const left = layout.x[index] + PAD_X;
    const width = cellWidth(layout, index);
    const align = columns[index].align ?? 'left';
    if (size.wraps[index]) {
      doc.text(text, left, y + PAD_Y, { width, align });
    } else {
      // Placed by hand: given a width, pdfkit runs even one line through its line wrapper.
      const x = align === 'right' ? left + width - size.textWidths[index] : left;
      doc.text(text, x, y + PAD_Y, { lineBreak: false });
    }
  });
  if (row.note) {
    doc.font(REGULAR_FONT).fillColor(MUTED_COLOUR);
    doc.text(row.note, doc.page.margins.left + PAD_X, y + PAD_Y + size.cellsHeight + PAD_Y, {
      width: noteWidth(doc),
    });
    doc.fillColor(TEXT_COLOUR);
  }
  return y + size.height;
}

function drawGroup(doc: PDFKit.PDFDocument, row: PdfGroupRow, size: RowSize, y: number): number {
  doc.rect(doc.page.margins.left, y, contentWidth(doc), size.height).fill(GROUP_FILL);
  doc.fillColor(TEXT_COLOUR).font(BOLD_FONT).fontSize(FONT_SIZE);
  doc.text(row.group, doc.page.margins.left + PAD_X, y + PAD_Y, { width: noteWidth(doc) });
  return y + size.height;
}
