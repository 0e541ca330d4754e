import type { HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Language } from '../../common/language';
import { formatDateTime } from '../../messaging/local-time';
import { formatNumber } from '../report-format';
import { REPORT_TEMPLATES_DIRECTORY, ReportLabels, reportLabels } from '../report-labels';
import { CampaignReport, ReportParticipant, RoundReport } from '../report-model';
import { Chart } from './chart';
import { chartSvg } from './chart-svg';

/*
 * A report as one self-contained HTML document: `round.hbs` or
 * `campaign.hbs` inside `layout.hbs`, with `report.css` inlined, because the
 * same HTML is the body of the report e-mail and a mail has no files beside
 * it. Every `{{value}}` is HTML-escaped; the only raw insertions are the
 * style sheet, the body the layout wraps and the charts' SVG, which
 * chart-svg.ts escapes.
 */

type Template = Handlebars.TemplateDelegate;

interface Templates {
  layout: Template;
  round: Template;
  campaign: Template;
  css: string;
}

/** What every template finds at its root; the `number` helper reads `language` and `t` from it. */
interface RootData {
  language: Language;
  t: ReportLabels;
}

const handlebars = Handlebars.create();

/**
 * `{{number value}}`: as the report's language writes numbers; a missing
 * figure (a head count nobody took) shows as the labels' dash, not as 0.
 */
handlebars.registerHelper('number', (value: unknown, options: HelperOptions) => {
  const root = (options.data as { root: RootData }).root;
  if (value === null) return root.t.none;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`number needs a number, got ${String(value)}`);
  }
  return formatNumber(value, root.language);
});
handlebars.registerHelper('eq', (left: unknown, right: unknown) => left === right);

/* Read at import, as the pages are when the app starts: a broken template stops start-up, not a report. */
const templates = loadTemplates();

function loadTemplates(): Templates {
  const read = (file: string) => readFileSync(join(REPORT_TEMPLATES_DIRECTORY, file), 'utf8');
  // Parsing first, since Handlebars compiles lazily; strict, so a misspelt field or label throws.
  const compile = (source: string) =>
    handlebars.compile(handlebars.parse(source), { strict: true });
  for (const file of readdirSync(join(REPORT_TEMPLATES_DIRECTORY, 'partials'))) {
    handlebars.registerPartial(basename(file, '.hbs'), compile(read(join('partials', file))));
  }
  return {
    layout: compile(read('layout.hbs')),
    round: compile(read('round.hbs')),
    campaign: compile(read('campaign.hbs')),
    css: read('report.css'),
  };
}

/** A round's report: what happened, who came, what was recommended, what comes next. */
export function roundReportHtml(report: RoundReport): string {
  const t = reportLabels(report.language);
  const title = `${t.roundReport} — ${report.round.county}, ${report.round.dates}`;
  return page(report, title, 'round', {
    report,
    participantGroups: bySession(report.participants),
  });
}

/** A campaign's report, with the charts of `campaignCharts` drawn inline. */
export function campaignReportHtml(report: CampaignReport, charts: Chart[]): string {
  const t = reportLabels(report.language);
  return page(report, `${t.campaignReport} — ${report.campaign.name}`, 'campaign', {
    report,
    charts: charts.map((chart) => ({ ...chart, svg: chartSvg(chart) })),
    rounds: report.rounds.map((round) => ({
      ...round,
      materialsHandedOut: round.materials.reduce((sum, material) => sum + material.quantity, 0),
    })),
    countyGroups: [
      { state: 'visited', label: t.countiesVisited, counties: report.counties.visited },
      { state: 'planned', label: t.countiesPlanned, counties: report.counties.planned },
      { state: 'not-yet', label: t.countiesNotYet, counties: report.counties.notYet },
    ],
    // A round yet to happen has nothing to show here, and an empty heading per round would bury the rest.
    roundsWithFindings: report.rounds.filter(
      (round) => round.recommendations.length > 0 || round.materials.length > 0,
    ),
  });
}

function page(
  report: RoundReport | CampaignReport,
  title: string,
  template: 'round' | 'campaign',
  data: object,
): string {
  const t = reportLabels(report.language);
  const root: RootData = { language: report.language, t };
  const generatedAt = formatDateTime(new Date(report.generatedAt), {
    language: report.language,
    timeZone: report.campaign.timeZone,
  });
  return templates.layout({
    ...root,
    title,
    css: `${templates.css}\n${pageNumbersCss(t)}`,
    generatedAt,
    body: templates[template]({ ...root, ...data }),
  });
}

/**
 * The printed page's "Faqja 2 nga 5", in the report's language. Built here,
 * not in report.css, because the words are the labels'; escaped as CSS
 * strings, since inside <style> HTML escaping would not apply.
 */
function pageNumbersCss(t: ReportLabels): string {
  return (
    `@page { @bottom-right { content: ${cssString(`${t.page} `)} counter(page) ` +
    `${cssString(` ${t.of} `)} counter(pages); font: 8pt system-ui, Arial, 'DejaVu Sans', sans-serif; color: #4b5563; } }`
  );
}

function cssString(value: string): string {
  return `"${value.replace(/[\\"<>\n]/g, (character) => `\\${character.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * Participants under their session, sessions in the order they first
 * appear: one table with a heading row per session reads better than a
 * session column repeated down a thousand rows.
 */
function bySession(
  participants: ReportParticipant[],
): { sessionTitle: string; participants: ReportParticipant[] }[] {
  const groups = new Map<string, { sessionTitle: string; participants: ReportParticipant[] }>();
  for (const participant of participants) {
    const group = groups.get(participant.sessionId);
    if (group) group.participants.push(participant);
    else
      groups.set(participant.sessionId, {
        sessionTitle: participant.sessionTitle,
        participants: [participant],
      });
  }
  return [...groups.values()];
}
