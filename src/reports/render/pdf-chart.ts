import { Chart, ChartShape } from './chart';
import { MUTED_COLOUR, TEXT_COLOUR } from './pdf-document';
import { REGULAR_FONT } from './pdf-fonts';
import { contentWidth, ensureSpace, writeSubheading } from './pdf-text';

const CAPTION_SIZE = 8;
/** A chart taller than this share of the page is shrunk, so it keeps its heading on its page. */
const MAX_PAGE_SHARE = 0.6;

/**
 * Draws a chart from its shapes, as the HTML draws the same shapes in SVG,
 * scaled to the width of the text; its title goes above and its description
 * below, so the picture's content is also in the PDF's text.
 */
export function writeChart(doc: PDFKit.PDFDocument, chart: Chart): void {
  const width = contentWidth(doc);
  const maxHeight =
    (doc.page.height - doc.page.margins.top - doc.page.margins.bottom) * MAX_PAGE_SHARE;
  const scale = Math.min(width / chart.width, maxHeight / chart.height);
  const height = chart.height * scale;
  writeSubheading(doc, chart.title);
  ensureSpace(doc, height);
  const left = doc.page.margins.left + (width - chart.width * scale) / 2;
  const top = doc.y;
  doc.save().translate(left, top).scale(scale);
  for (const shape of chart.shapes) drawShape(doc, shape);
  doc.restore();
  doc.font(REGULAR_FONT).fontSize(CAPTION_SIZE).fillColor(MUTED_COLOUR);
  doc.text(chart.description, doc.page.margins.left, top + height + 4, { width });
  doc.fillColor(TEXT_COLOUR);
  doc.moveDown(0.5);
}

function drawShape(doc: PDFKit.PDFDocument, shape: ChartShape): void {
  switch (shape.kind) {
    case 'rect':
      doc.rect(shape.x, shape.y, shape.width, shape.height).fill(shape.fill);
      return;
    case 'line':
      doc.moveTo(shape.x1, shape.y1).lineTo(shape.x2, shape.y2).lineWidth(1).stroke(shape.stroke);
      return;
    case 'text': {
      doc.font(REGULAR_FONT).fontSize(shape.size).fillColor(shape.fill);
      const textWidth = doc.widthOfString(shape.text);
      const shift = { start: 0, middle: textWidth / 2, end: textWidth }[shape.anchor];
      // The y of SVG text is its baseline; pdfkit's default is the top of the line.
      doc.text(shape.text, shape.x - shift, shape.y, { lineBreak: false, baseline: 'alphabetic' });
      return;
    }
  }
}
