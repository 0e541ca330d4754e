import { Language } from '../../common/language';
import { Chart } from './chart';
import { PdfContent, readPdf } from './testing/pdf-content';
import { campaignReportPdf, roundReportPdf } from './report-pdf';
import {
  SAMPLE_MARKUP,
  largeRoundReport,
  sampleCampaignReport,
  sampleRoundReport,
} from './testing/report-samples';

/** The PDF's text with every run of white space made one space, so that wrapped lines read on. */
async function parsePdf(pdf: Buffer): Promise<PdfContent> {
  const content = await readPdf(pdf);
  return { ...content, text: content.text.replace(/\s+/g, ' ') };
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

const chart: Chart = {
  title: 'Pjesëmarrës për raund',
  description: 'Elbasan: 136 pjesëmarrës; Kukës, Shkodër, Korçë: të planifikuar.',
  width: 400,
  height: 120,
  shapes: [
    { kind: 'line', x1: 100, y1: 10, x2: 100, y2: 110, stroke: '#374151' },
    { kind: 'rect', x: 100, y: 20, width: 250, height: 20, fill: '#1e40af' },
    { kind: 'text', x: 95, y: 34, text: 'Elbasan', size: 10, anchor: 'end', fill: '#111827' },
    { kind: 'text', x: 355, y: 34, text: '136', size: 10, anchor: 'start', fill: '#111827' },
    { kind: 'text', x: 95, y: 64, text: 'Korçë', size: 10, anchor: 'end', fill: '#111827' },
  ],
};

describe('roundReportPdf', () => {
  it('writes the Albanian round report with its letters, figures and footer', async () => {
    const pdf = await roundReportPdf(sampleRoundReport(Language.Albanian));
    const { text, pages } = await parsePdf(pdf);

    expect(text).toContain('Raporti i raundit: Elbasan, 22 nëntor 2017');
    expect(text).toContain('Zgjidhni mundësitë, jo migracionin e parregullt!');
    expect(text).toContain('Organizata Ndërkombëtare për Migracionin (IOM)');
    // The Technical Table meeting: invited, accepted, attended, walk-ins, head count.
    expect(text).toContain('Takim me anëtarët e Tryezës Teknike');
    expect(text).toContain('31 27 27 2 29');
    expect(text).toContain('30 (rreth 30)');
    expect(text).toContain('Ndarja: vajza 16, djem 14');
    expect(text).toContain('identifikimi i viktimave të trafikimit');
    expect(text).toContain('4000 fletëpalosje');
    for (const recommendation of sampleRoundReport(Language.Albanian).recommendations) {
      expect(text).toContain(recommendation);
    }
    expect(text).toContain('5–7 dhjetor 2017 — Kukës');
    expect(text).toContain('12–14 dhjetor 2017 — Shkodër');
    expect(text).toContain('19–21 dhjetor 2017 — Korçë');
    expect(text).toContain('Arbër Çela Prefektura e Elbasanit Zëvendësprefekt Pranoi I pranishëm');
    expect(text).toContain('Pa ftesë I pranishëm');
    expect(text).toContain(SAMPLE_MARKUP);
    expect(text).toContain(`Faqja 1 nga ${pages}`);
    expect(text).toContain(`Faqja ${pages} nga ${pages}`);
    expect(text).toContain('Krijuar më 24 nëntor 2017, 10:30');
  });

  it('writes the English round report with English numbers and dates', async () => {
    const report = sampleRoundReport(Language.English);
    const { text, pages } = await parsePdf(await roundReportPdf(report));

    expect(text).toContain('Round report: Elbasan, 22 November 2017');
    expect(text).toContain('4,000 leaflets cafés and other public places across Elbasan county');
    expect(text).toContain('30 (about 30)');
    for (const recommendation of report.recommendations) expect(text).toContain(recommendation);
    expect(text).toContain('5–7 December 2017 — Kukës');
    expect(text).toContain('19–21 December 2017 — Korçë');
    expect(text).toContain(`Page 1 of ${pages}`);
  });

  it('embeds the DejaVu fonts and sets the title, author and language', async () => {
    const pdf = await roundReportPdf(sampleRoundReport(Language.Albanian));
    const { info } = await parsePdf(pdf);

    expect(pdf.toString('latin1')).toContain('/FontFile2');
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans\b/);
    expect(info).toMatchObject({
      Title: 'Raporti i raundit: Elbasan, 22 nëntor 2017',
      Author: 'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave',
      Language: 'sq',
    });
  });

  it('repeats the participants header on every page the table runs over', async () => {
    const report = largeRoundReport(Language.English, 2, 150);
    const { text } = await parsePdf(await roundReportPdf(report));
    const header = 'Name Institution Position Answer Attendance Stands in for';
    // Six in seven participants of the large report are with a "Bashkia …"; nothing else is.
    const tablePages = text.split(/Page \d+ of \d+/).filter((page) => page.includes('Bashkia'));

    expect(tablePages.length).toBeGreaterThan(3);
    for (const page of tablePages) expect(occurrences(page, header)).toBe(1);
    expect(occurrences(text, header)).toBe(tablePages.length);
  });
});

describe('campaignReportPdf', () => {
  it('draws the charts under their titles and lists the rounds, totals and counties', async () => {
    const report = sampleCampaignReport(Language.Albanian);
    const { text } = await parsePdf(await campaignReportPdf(report, [chart]));

    expect(text).toContain('Raporti i fushatës');
    expect(text).toContain('Pjesëmarrës për raund');
    expect(text).toContain(chart.description);
    expect(text).toMatch(/Elbasan 136 Korçë/);
    expect(text).toContain('22 nëntor 2017 Elbasan I përfunduar 6 118 114 101 134 136');
    expect(text).toContain('5–7 dhjetor 2017 Kukës I planifikuar 0 0 0 0 — 0');
    expect(text).toContain('Gjithsej 6 118 114 101 134 136');
    expect(text).toContain('Materialet e shpërndara: 4000');
    expect(text).toContain('Qarqet e planifikuara: Kukës, Shkodër, Korçë');
    expect(text).toContain('Qarqet që mbeten: Berat, Dibër, Durrës, Fier, Gjirokastër, Lezhë');
    expect(text).toContain('Bashkia Cërrik 2 0 jo');
    expect(text).toContain(SAMPLE_MARKUP);
    expect(text).toContain('Raundi: Elbasan, 22 nëntor 2017');
    expect(text).toContain('fletëpalosje');
    expect(text).not.toContain('Raundi: Kukës');
  });

  it('writes the English campaign report', async () => {
    const { text, pages } = await parsePdf(
      await campaignReportPdf(sampleCampaignReport(Language.English), []),
    );

    expect(text).toContain('Campaign report');
    expect(text).toContain('Counties still to come: Berat');
    expect(text).toContain('Materials distributed: 4,000');
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });
});
