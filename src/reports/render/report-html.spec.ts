import { Language } from '../../common/language';
import { CampaignReport, RoundReport } from '../report-model';
import { campaignCharts } from './campaign-charts';
import { campaignReportHtml, roundReportHtml } from './report-html';
import {
  SAMPLE_MARKUP,
  largeRoundReport,
  sampleCampaignReport,
  sampleRoundReport,
} from './testing/report-samples';

const ESCAPED_MARKUP = '&lt;script&gt;alert(1)&lt;/script&gt;';

/** Visible text: tags dropped, entities of the escaping turned back, spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The rows of the table of a class, each as the texts of its cells. */
function tableRows(html: string, tableClass: string): string[][] {
  const table = html.match(new RegExp(`<table class="${tableClass}">([\\s\\S]*?)</table>`));
  if (!table) throw new Error(`no table.${tableClass}`);
  return [...table[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...row.matchAll(/<(th|td)[^>]*>([\s\S]*?)<\/\1>/g)].map(([, , cell]) => text(cell)),
  );
}

/** Where each text first appears, so a test can check the order of the sections. */
function positions(html: string, texts: string[]): number[] {
  return texts.map((part) => {
    const at = html.indexOf(part);
    if (at < 0) throw new Error(`not in the page: ${part}`);
    return at;
  });
}

const ascending = (numbers: number[]) => [...numbers].sort((a, b) => a - b);

describe('round report HTML', () => {
  it('is one self-contained document in the report’s language, ready for A4', () => {
    const html = roundReportHtml(sampleRoundReport(Language.Albanian));
    expect(html).toMatch(/^<!doctype html>\n<html lang="sq">/);
    expect(html).toContain('<title>Raporti i raundit — Elbasan, 22 nëntor 2017</title>');
    expect(html).toMatch(/<style>[\s\S]*@page \{\s*size: A4;[\s\S]*<\/style>/);
    expect(html).toContain('content: "Faqja " counter(page) " nga " counter(pages)');
    expect(html).not.toMatch(/<link|<script|src=|url\(/);
    expect(html).toContain('Krijuar më 24 nëntor 2017, 10:30');
  });

  it('tells the round in the published order', () => {
    const html = roundReportHtml(sampleRoundReport(Language.Albanian));
    const order = positions(html, [
      '<h1>Mbi parandalimin e migracionit të parregullt</h1>',
      '<p class="slogan">Zgjidhni mundësitë, jo migracionin e parregullt!</p>',
      'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave',
      '<li>Organizata Ndërkombëtare për Migracionin (IOM)</li>',
      '<dd>Elbasan</dd>',
      '<dd>22 nëntor 2017</dd>',
      '<h2>Përmbledhje</h2>',
      '<p>Më 22 nëntor 2017, në qarkun e Elbasanit,',
      '<li>U shpërndanë 4000 fletëpalosje në bare kafeje dhe vende të tjera publike.</li>',
      '<h2>Takimet</h2>',
      '<h2>Ftesat</h2>',
      '<h2>Rekomandimet</h2>',
      '<h2>Materialet e shpërndara</h2>',
      '<h2>Raundet e ardhshme</h2>',
      '<li>5–7 dhjetor 2017 — Kukës</li>',
      '<h2>Pjesëmarrësit</h2>',
    ]);
    expect(order).toEqual(ascending(order));
    expect(html).toMatch(/<ol class="recommendations">\s*<li>Nevojat për fuqizimin/);
  });

  it('shows each session with its counts, topics and head count note', () => {
    const rows = tableRows(roundReportHtml(sampleRoundReport(Language.Albanian)), 'sessions');
    expect(rows[0]).toEqual([
      'Takimi',
      'Lloji',
      'Koha',
      'Vendi',
      'Të ftuar',
      'Pranuan',
      'Morën pjesë',
      'Pa ftesë',
      'Numërimi',
    ]);
    expect(rows[1]).toEqual([
      'Takim me anëtarët e Tryezës Teknike',
      'Takim',
      '22 nëntor 2017, 09:00–10:00',
      'Institucioni i Prefektit të qarkut Elbasan',
      '31',
      '27',
      '27',
      '2',
      '29',
    ]);
    expect(rows[2][0]).toBe(
      'Workshop me anëtarë të Tryezës Teknike Antitrafik Temat e diskutuara: ' +
        'identifikimi i viktimave të trafikimit; migracioni i parregullt; ' +
        'roli i shkollës në parandalimin e trafikimit dhe të migracionit të parregullt',
    );
    // Nobody counted the room at the Employment Office: a dash, not a nought.
    expect(rows[5][8]).toBe('—');
    expect(rows[6][8]).toBe('30 rreth 30 vajza 16, djem 14');
    expect(rows[7]).toEqual(['Gjithsej', '118', '103', '101', '5', '134']);
  });

  it('writes numbers and words the English way in English', () => {
    const html = roundReportHtml(sampleRoundReport(Language.English));
    expect(html).toContain('<html lang="en">');
    expect(tableRows(html, 'materials')[1]).toEqual([
      'leaflets',
      '4,000',
      'cafés and other public places across Elbasan county',
      '—',
    ]);
    expect(text(html)).toContain('Invitations Invited 118 Answered 114 Accepted 103 Declined 10');
    const participants = tableRows(html, 'participants');
    expect(participants[0]).toEqual(['Name', 'Institution', 'Position', 'Answer', 'Attendance']);
    expect(participants).toContainEqual(['Meeting with the members of the Technical Table']);
    expect(participants).toContainEqual([
      'Gëzim Muça Stands in for Drita Hoxha',
      'Drejtoria Arsimore Rajonale Elbasan',
      'Child protection specialist',
      'Accepted',
      'Present',
    ]);
    expect(participants).toContainEqual([
      'Ardit Zeneli',
      'Qendra Rinore Elbasan',
      'Volunteer',
      'Walk-in',
      'Present',
    ]);
    expect(participants).toContainEqual([
      'Ilir Dervishaj',
      'Bashkia Cërrik',
      '—',
      'No answer',
      'Not recorded',
    ]);
  });

  it('prints whatever a stored text holds as text', () => {
    const sample = sampleRoundReport(Language.English);
    const report: RoundReport = {
      ...sample,
      campaign: { ...sample.campaign, name: `Campaign ${SAMPLE_MARKUP}` },
      round: { ...sample.round, county: '<b>Elbasan</b>' },
      narrative: [{ kind: 'paragraph', text: `"quoted" & ${SAMPLE_MARKUP}` }],
      recommendations: ['<img src=x onerror=alert(1)>'],
    };
    const html = roundReportHtml(report);
    expect(html).toContain(
      `<title>Round report — &lt;b&gt;Elbasan&lt;/b&gt;, 22 November 2017</title>`,
    );
    expect(html).toContain(`<h1>Campaign ${ESCAPED_MARKUP}</h1>`);
    expect(html).toContain(`<p>&quot;quoted&quot; &amp; ${ESCAPED_MARKUP}</p>`);
    expect(html).toContain('<li>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</li>');
    // The sample's own institution with markup, in the participants table.
    expect(html).toContain(`Shoqata “Gruaja &amp; Fëmija” ${ESCAPED_MARKUP}`);
    expect(html).not.toMatch(/<script|<b>|<img/);
  });

  it('lists six thousand invitees, each under their session', () => {
    const rows = tableRows(roundReportHtml(largeRoundReport(Language.Albanian)), 'participants');
    expect(rows).toHaveLength(1 + 6 + 6000);
    const sessionRows = rows.flatMap((row, index) => (row.length === 1 ? [index] : []));
    expect(sessionRows).toEqual([1, 1002, 2003, 3004, 4005, 5006]);
    expect(rows[1002]).toEqual(['Workshop me anëtarë të Tryezës Teknike Antitrafik (2)']);
  });
});

describe('campaign report HTML', () => {
  const render = (report: CampaignReport) => campaignReportHtml(report, campaignCharts(report));

  it('draws the charts inline, with their sentence under each', () => {
    const html = render(sampleCampaignReport(Language.Albanian));
    expect(html).toContain(
      '<title>Raporti i fushatës — Mbi parandalimin e migracionit të parregullt</title>',
    );
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(2);
    expect(html).toContain('<h2>Pjesëmarrës për raund</h2>');
    expect(html).toContain(
      '<figcaption>Ecuria nëpër qarqe: Qarqet e vizituara 1 (Elbasan); ' +
        'Qarqet e planifikuara 3 (Kukës, Shkodër, Korçë); ',
    );
  });

  it('lists the rounds with a totals row, the counties and the institutions', () => {
    const html = render(sampleCampaignReport(Language.English));
    const rounds = tableRows(html, 'rounds');
    expect(rounds[1]).toEqual([
      'Elbasan',
      '22 November 2017',
      'Completed',
      '6',
      '118',
      '103',
      '101',
      '5',
      '136',
      '4,000',
    ]);
    expect(rounds[2].slice(0, 3)).toEqual(['Kukës', '5–7 December 2017', 'Scheduled']);
    expect(rounds.at(-1)).toEqual(['Total', '6', '118', '103', '101', '5', '136', '4,000']);

    const page = text(html);
    expect(page).toContain('Counties visited (1) Elbasan Counties planned (3) Kukës Shkodër Korçë');
    expect(page).toContain('Counties still to come (8) Berat Dibër Durrës Fier');
    expect(page).toContain('Institutions invited 9 Institutions represented 9');
    const institutions = tableRows(html, 'institutions');
    expect(institutions).toContainEqual(['Bashkia Cërrik', '2', '0', 'no']);
    expect(institutions).toContainEqual(['Qendra Rinore Elbasan', '0', '1', 'yes']);
  });

  it('gives the recommendations and materials of each round held, and no empty section for the rest', () => {
    const html = render(sampleCampaignReport(Language.Albanian));
    expect(html).toMatch(
      /<h2>Elbasan — 22 nëntor 2017<\/h2>\s*<h3>Rekomandimet<\/h3>\s*<ol class="recommendations">\s*<li>Nevojat/,
    );
    expect(html).toContain('<caption><h3>Materialet e shpërndara</h3></caption>');
    expect(html).not.toContain('<h2>Kukës — 5–7 dhjetor 2017</h2>');
  });

  it('prints markup in a county or an institution as text, in the tables and the charts', () => {
    const report = sampleCampaignReport(Language.English);
    report.rounds[0] = { ...report.rounds[0], county: `Elbasan ${SAMPLE_MARKUP}` };
    report.counties.visited = [`Elbasan ${SAMPLE_MARKUP}`];
    const html = render(report);
    expect(tableRows(html, 'rounds')[1][0]).toBe(`Elbasan ${SAMPLE_MARKUP}`);
    // Twice in each chart (a shape and the description), once in its caption, table and list.
    expect(html.split(`Elbasan ${ESCAPED_MARKUP}`).length - 1).toBeGreaterThanOrEqual(7);
    expect(html).not.toContain('<script');
  });
});
