import { readFileSync } from 'node:fs';

/*
 * PDF's built-in fonts cover only Latin-1 in pdfkit, which has ë and ç but not
 * the typographic quotes (“ ”), the en dash of "5–7 dhjetor" or the em dash
 * in partner names. DejaVu Sans has them all and its licence allows
 * embedding; pdfkit embeds only the glyphs a report uses.
 */

export const REGULAR_FONT = 'DejaVuSans';
export const BOLD_FONT = 'DejaVuSans-Bold';

// Resolved through the package rather than a relative path, so it works from src/ under
// ts-jest and from dist/ after the build alike.
const FONT_FILES: Record<string, string> = {
  [REGULAR_FONT]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  [BOLD_FONT]: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

// Read once: each font is some 700 kB, and a report is built from them every time.
const fontData = new Map<string, Buffer>();

function fontFile(name: string): Buffer {
  let data = fontData.get(name);
  if (!data) {
    data = readFileSync(FONT_FILES[name]);
    fontData.set(name, data);
  }
  return data;
}

/** Makes REGULAR_FONT and BOLD_FONT usable in `doc` and starts in the regular one. */
export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  for (const name of Object.keys(FONT_FILES)) doc.registerFont(name, fontFile(name));
  doc.font(REGULAR_FONT);
}
