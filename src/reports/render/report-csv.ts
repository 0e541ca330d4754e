import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { ReportLabels, reportLabels } from '../report-labels';
import { CampaignReport, ReportMaterial, RoundReport, SessionCounts } from '../report-model';

/*
 * A report as spreadsheet tables, one CSV file per table, zipped together.
 * Written for Excel first, since that is what the office opens them with:
 * a byte-order mark, or Excel reads UTF-8 as Windows-1252 and "ë" turns to
 * "Ã«"; CRLF line ends and quoting as RFC 4180 has them.
 */

export interface CsvFile {
  /** "sessions.csv". */
  name: string;
  /** The whole file: byte-order mark, header row, records. */
  content: string;
}

type Cell = string | number | null;

/** sessions.csv, participants.csv, materials.csv and recommendations.csv. */
export function roundReportCsv(report: RoundReport): CsvFile[] {
  const t = reportLabels(report.language);
  const yesNo = (value: boolean) => (value ? t.yes : t.no);
  return [
    csvFile(
      'sessions.csv',
      [
        t.session,
        t.kind,
        t.status,
        t.when,
        t.venue,
        t.topics,
        t.invited,
        t.answered,
        t.accepted,
        t.declined,
        t.delegated,
        t.attended,
        t.walkIns,
        t.headCount,
        t.headCountNote,
        t.breakdown,
        t.participants,
      ],
      report.sessions.map((session) => [
        session.title,
        session.kindLabel,
        session.phaseLabel,
        session.when,
        session.venue,
        session.topics.join('; '),
        session.counts.invited,
        session.counts.answered,
        session.counts.accepted,
        session.counts.declined,
        session.counts.delegated,
        session.counts.attended,
        session.counts.walkIns,
        session.counts.headCount,
        session.headCountNote,
        session.headCountBreakdown.map((group) => `${group.label}: ${group.count}`).join('; '),
        session.counts.participants,
      ]),
    ),
    csvFile(
      'participants.csv',
      [
        t.session,
        t.name,
        t.institution,
        t.position,
        t.walkIn,
        t.answer,
        t.attendance,
        t.substituteFor,
      ],
      report.participants.map((participant) => [
        participant.sessionTitle,
        participant.fullName,
        participant.institution,
        participant.position,
        yesNo(participant.walkIn),
        // A walk-in was never asked, so the answer column stays empty rather than repeat "walk-in".
        participant.walkIn ? null : participant.answerLabel,
        participant.attendedLabel,
        participant.substituteFor,
      ]),
    ),
    csvFile('materials.csv', materialColumns(t), report.materials.map(materialCells)),
    csvFile(
      'recommendations.csv',
      // "#": the labels' "position" is a person's post, not a place in a list.
      ['#', t.recommendations],
      report.recommendations.map((text, index) => [index + 1, text]),
    ),
  ];
}

/**
 * rounds.csv with a totals row, counties.csv and institutions.csv; then each
 * round's materials and recommendations, led by the round's county and dates.
 */
export function campaignReportCsv(report: CampaignReport): CsvFile[] {
  const t = reportLabels(report.language);
  const countColumns = [
    t.invited,
    t.answered,
    t.accepted,
    t.declined,
    t.delegated,
    t.attended,
    t.walkIns,
    t.headCount,
    t.participants,
  ];
  const countCells = (counts: SessionCounts): Cell[] => [
    counts.invited,
    counts.answered,
    counts.accepted,
    counts.declined,
    counts.delegated,
    counts.attended,
    counts.walkIns,
    counts.headCount,
    counts.participants,
  ];
  const totals = report.totals;
  return [
    csvFile(
      'rounds.csv',
      [t.county, t.dates, t.status, t.sessionsHeld, ...countColumns, t.materials],
      [
        ...report.rounds.map((round) => [
          round.county,
          round.dates,
          round.statusLabel,
          round.sessionsHeld,
          ...countCells(round.counts),
          round.materials.reduce((sum, material) => sum + material.quantity, 0),
        ]),
        [t.total, null, null, totals.sessionsHeld, ...countCells(totals), totals.materials],
      ],
    ),
    csvFile(
      'counties.csv',
      [t.county, t.status],
      [
        ...report.counties.visited.map((county) => [county, t.countiesVisited]),
        ...report.counties.planned.map((county) => [county, t.countiesPlanned]),
        ...report.counties.notYet.map((county) => [county, t.countiesNotYet]),
      ],
    ),
    csvFile(
      'institutions.csv',
      [t.institution, t.invited, t.attended, t.represented],
      report.institutions.rows.map((row) => [
        row.name,
        row.invited,
        row.attended,
        row.represented ? t.yes : t.no,
      ]),
    ),
    csvFile(
      'materials.csv',
      [t.county, t.dates, ...materialColumns(t)],
      report.rounds.flatMap((round) =>
        round.materials.map((material) => [round.county, round.dates, ...materialCells(material)]),
      ),
    ),
    csvFile(
      'recommendations.csv',
      [t.county, t.dates, '#', t.recommendations],
      report.rounds.flatMap((round) =>
        round.recommendations.map((text, index) => [round.county, round.dates, index + 1, text]),
      ),
    ),
  ];
}

/** The CSV files as one ZIP archive, each at its top level. */
export function zipCsvFiles(files: CsvFile[]): Buffer {
  const entries = Object.fromEntries(files.map((file) => [file.name, strToU8(file.content)]));
  return Buffer.from(zipSync(entries));
}

function materialColumns(t: ReportLabels): string[] {
  return [t.material, t.quantity, t.places, t.session];
}

/** A material handed out over the whole round has no session: its cell stays empty. */
function materialCells(material: ReportMaterial): Cell[] {
  return [material.description, material.quantity, material.places, material.sessionTitle];
}

function csvFile(name: string, header: string[], records: Cell[][]): CsvFile {
  const content = stringify(
    [header, ...records].map((cells) => cells.map(safeCell)),
    {
      bom: true,
      record_delimiter: 'windows',
    },
  );
  return { name, content };
}

/**
 * A text a spreadsheet would take for a formula (=, +, -, @) or that a tab
 * or carriage return could shift into one, is prefixed with an apostrophe so
 * that it stays text: a name typed into an RSVP form must not run as a
 * formula on a coordinator's computer (OWASP's "CSV injection"). Numbers
 * are left alone, so "-3" stays a number.
 */
function safeCell(cell: Cell): string | number {
  if (cell === null) return '';
  if (typeof cell === 'number') return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
