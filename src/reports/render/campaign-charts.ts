import { RoundStatus } from '../../rounds/round-status';
import { formatNumber } from '../report-format';
import { reportLabels } from '../report-labels';
import { CampaignReport, CampaignReportRound } from '../report-model';
import { Chart, ChartShape } from './chart';

/*
 * The campaign report's two pictures: how many people each round reached,
 * and how far the campaign has come across the counties. Both are drawn as
 * plain shapes so the HTML and the PDF show the same thing.
 *
 * Colours are told apart by lightness as well as hue (dark filled, mid
 * filled, white outlined), so a report printed in black and white still
 * reads; every colour that carries text has at least 7:1 contrast with it.
 */
const INK = '#111827';
const MUTED_INK = '#4b5563';
const HELD = '#1e40af';
const ON_HELD = '#ffffff';
const PLANNED = '#60a5fa';
const NOT_YET = '#ffffff';
const OUTLINE = '#6b7280';
const AXIS = '#374151';

const WIDTH = 720;

/** Rounds that have taken place, as the report's counties.visited counts them. */
const HELD_STATUSES: ReadonlySet<RoundStatus> = new Set([
  RoundStatus.Completed,
  RoundStatus.InProgress,
]);

/** Participants per round, then progress across the counties. */
export function campaignCharts(report: CampaignReport): Chart[] {
  return [participantsPerRound(report), progressAcrossCounties(report)];
}

/**
 * One row per round in date order, bars running to the right so that a long
 * county name and its dates fit beside the bar whatever the number of
 * rounds. A round not yet held gets an outlined tag with its status instead
 * of a bar: a bar of nought would look like a round that drew nobody.
 */
function participantsPerRound(report: CampaignReport): Chart {
  const labels = reportLabels(report.language);
  const title = labels.participantsPerRound;
  const number = (value: number) => formatNumber(value, report.language);
  if (report.rounds.length === 0) return emptyChart(title, labels.none);

  const row = { height: 40, bar: 22, top: 8 };
  const valueText = (round: CampaignReportRound) =>
    round.status === RoundStatus.InProgress
      ? `${number(round.counts.participants)} (${round.statusLabel})`
      : number(round.counts.participants);
  const held = report.rounds.filter((round) => HELD_STATUSES.has(round.status));

  const labelWidth = clamp(
    Math.max(
      ...report.rounds.map((round) =>
        Math.max(textWidth(round.county, 12), textWidth(round.dates, 10)),
      ),
    ),
    80,
    240,
  );
  const axisX = labelWidth + 16;
  const valueRoom = Math.max(40, ...held.map((round) => textWidth(valueText(round), 12) + 12));
  const barRoom = WIDTH - axisX - valueRoom;
  const largest = Math.max(0, ...held.map((round) => round.counts.participants));
  const height = row.top * 2 + report.rounds.length * row.height;

  const shapes: ChartShape[] = [];
  report.rounds.forEach((round, index) => {
    const top = row.top + index * row.height;
    const barTop = top + (row.height - row.bar) / 2;
    const isHeld = HELD_STATUSES.has(round.status);
    const isCancelled = round.status === RoundStatus.Cancelled;
    shapes.push(
      text(axisX - 10, top + 18, round.county, 12, 'end', isCancelled ? MUTED_INK : INK),
      text(axisX - 10, top + 32, round.dates, 10, 'end', MUTED_INK),
    );
    if (isHeld) {
      const barWidth = largest === 0 ? 0 : (round.counts.participants / largest) * barRoom;
      shapes.push(
        { kind: 'rect', x: axisX, y: barTop, width: barWidth, height: row.bar, fill: HELD },
        text(axisX + barWidth + 6, barTop + 16, valueText(round), 12, 'start', INK),
      );
    } else if (isCancelled) {
      shapes.push(text(axisX + 8, barTop + 16, round.statusLabel, 11, 'start', MUTED_INK));
    } else {
      const tagWidth = textWidth(round.statusLabel, 11) + 16;
      shapes.push(
        ...outline(axisX, barTop, tagWidth, row.bar, OUTLINE),
        text(axisX + 8, barTop + 15, round.statusLabel, 11, 'start', MUTED_INK),
      );
    }
  });
  shapes.push(line(axisX, row.top / 2, axisX, height - row.top / 2, AXIS));

  const facts = report.rounds.map(
    (round) =>
      `${round.county} (${round.dates}): ` +
      (HELD_STATUSES.has(round.status) ? valueText(round) : round.statusLabel),
  );
  return { title, description: `${title}: ${facts.join('; ')}.`, width: WIDTH, height, shapes };
}

/**
 * One tile per county, visited first, then planned, then still to come, so
 * the dark tiles fill the grid from the top left the way a progress bar
 * fills. The legend carries the counts, so the tiles need not be counted.
 */
function progressAcrossCounties(report: CampaignReport): Chart {
  const labels = reportLabels(report.language);
  const title = labels.progressAcrossCounties;
  const groups = [
    { label: labels.countiesVisited, counties: report.counties.visited, fill: HELD, ink: ON_HELD },
    { label: labels.countiesPlanned, counties: report.counties.planned, fill: PLANNED, ink: INK },
    { label: labels.countiesNotYet, counties: report.counties.notYet, fill: NOT_YET, ink: INK },
  ];
  const shapes: ChartShape[] = [];

  const legendLine = 22;
  let legendX = 0;
  let legendY = 0;
  for (const group of groups) {
    const caption = `${group.label}: ${formatNumber(group.counties.length, report.language)}`;
    const itemWidth = 20 + textWidth(caption, 12);
    if (legendX > 0 && legendX + itemWidth > WIDTH) {
      legendX = 0;
      legendY += legendLine;
    }
    shapes.push(
      ...tile(legendX, legendY + 2, 14, 14, group.fill),
      text(legendX + 20, legendY + 14, caption, 12, 'start', INK),
    );
    legendX += itemWidth + 24;
  }

  const tiles = groups.flatMap((group) => group.counties.map((county) => ({ county, ...group })));
  const columns = 6;
  const gap = 8;
  const size = { width: (WIDTH - gap * (columns - 1)) / columns, height: 40 };
  const gridTop = legendY + legendLine + 8;
  tiles.forEach(({ county, fill, ink }, index) => {
    const x = (index % columns) * (size.width + gap);
    const y = gridTop + Math.floor(index / columns) * (size.height + gap);
    // A name too long for its tile is set smaller rather than left to spill into the next.
    const fontSize = Math.min(12, (size.width - 12) / (textWidth(county, 12) / 12));
    shapes.push(
      ...tile(x, y, size.width, size.height, fill),
      text(
        x + size.width / 2,
        y + size.height / 2 + fontSize * 0.35,
        county,
        fontSize,
        'middle',
        ink,
      ),
    );
  });
  const rows = Math.max(1, Math.ceil(tiles.length / columns));
  const height = gridTop + rows * (size.height + gap);

  const facts = groups.map(
    (group) =>
      `${group.label} ${formatNumber(group.counties.length, report.language)}` +
      (group.counties.length ? ` (${group.counties.join(', ')})` : ''),
  );
  return { title, description: `${title}: ${facts.join('; ')}.`, width: WIDTH, height, shapes };
}

function emptyChart(title: string, none: string): Chart {
  return {
    title,
    description: `${title}: ${none}`,
    width: WIDTH,
    height: 40,
    shapes: [text(8, 24, none, 12, 'start', MUTED_INK)],
  };
}

/** White tiles get an outline: without one they would vanish into the page. */
function tile(x: number, y: number, width: number, height: number, fill: string): ChartShape[] {
  const shapes: ChartShape[] = [{ kind: 'rect', x, y, width, height, fill }];
  if (fill === NOT_YET) shapes.push(...outline(x, y, width, height, OUTLINE));
  return shapes;
}

/** Rectangles carry no stroke in a Chart, so a border is four lines. */
function outline(
  x: number,
  y: number,
  width: number,
  height: number,
  stroke: string,
): ChartShape[] {
  return [
    line(x, y, x + width, y, stroke),
    line(x + width, y, x + width, y + height, stroke),
    line(x + width, y + height, x, y + height, stroke),
    line(x, y + height, x, y, stroke),
  ];
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string): ChartShape {
  return { kind: 'line', x1, y1, x2, y2, stroke };
}

/** `y` is the baseline, as in SVG. */
function text(
  x: number,
  y: number,
  content: string,
  size: number,
  anchor: 'start' | 'middle' | 'end',
  fill: string,
): ChartShape {
  return { kind: 'text', x, y, text: content, size, anchor, fill };
}

/**
 * A generous guess at a text's width: there are no font metrics on the
 * server, and DejaVu Sans, which the PDF embeds, averages about 0.6 em a
 * letter. Guessing wide costs some empty space; guessing narrow overlaps.
 */
function textWidth(content: string, size: number): number {
  return content.length * size * 0.6;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
