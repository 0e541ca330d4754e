import { Worker } from 'node:worker_threads';

/** What a test can read back from a PDF. */
export interface PdfContent {
  /** Page by page, lines as pdf.js finds them. */
  text: string;
  pages: number;
  /** The document information dictionary (Title, Author…), with the catalogue's Language. */
  info: Record<string, unknown>;
}

/*
 * pdf-parse runs pdf.js, which starts its worker with a dynamic import();
 * Jest's module sandbox refuses that without --experimental-vm-modules. A
 * worker thread is plain Node, outside the sandbox, so the parsing runs there.
 */
const PARSE_IN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.pdfParse);
(async () => {
  const parser = new PDFParse({ data: workerData.pdf });
  try {
    const { text, total } = await parser.getText();
    const { info } = await parser.getInfo();
    parentPort.postMessage({ text, pages: total, info });
  } finally {
    await parser.destroy();
  }
})();
`;

export function readPdf(pdf: Buffer): Promise<PdfContent> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PARSE_IN_WORKER, {
      eval: true,
      workerData: { pdf: new Uint8Array(pdf), pdfParse: require.resolve('pdf-parse') },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The PDF parser stopped with code ${code}.`)));
  });
}
