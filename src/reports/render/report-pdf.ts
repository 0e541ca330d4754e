import { Language } from '../../common/language';
import { formatNumber } from '../report-format';
import { ReportLabels, reportLabels } from '../report-labels';
import {
  CampaignReport,
  CampaignReportRound,
  InvitationFunnel,
  ReportCampaign,
  ReportMaterial,
  ReportSession,
  RoundReport,
} from '../report-model';
import { Chart } from './chart';
import { writeChart } from './pdf-chart';
import { renderReportPdf } from './pdf-document';
import { PdfColumn, PdfGroupRow, PdfRow, writeTable } from './pdf-table';
import {
  writeField,
  writeHeading,
  writeList,
  writeNarrative,
  writeSubheading,
  writeTitle,
} from './pdf-text';

/*
 * The printable reports. Everything they say comes ready-worded in the report
 * model; this only decides where it goes on the page.
 */

export function roundReportPdf(report: RoundReport): Promise<Buffer> {
  const labels = reportLabels(report.language);
  const { round } = report;
  return renderReportPdf(
    {
      title: `${labels.roundReport}: ${round.county}, ${round.dates}`,
      author: report.campaign.organiser,
      subject: report.campaign.name,
      language: report.language,
      generatedAt: report.generatedAt,
      timeZone: report.campaign.timeZone,
    },
    (doc) => {
      writeTitle(doc, `${labels.roundReport}: ${round.county}, ${round.dates}`);
      writeCampaign(doc, report.campaign, labels);
      writeField(doc, labels.county, round.county);
      writeField(doc, labels.dates, round.dates);
      writeField(doc, labels.status, round.statusLabel);
      if (round.staff) writeField(doc, labels.staff, round.staff);

      writeHeading(doc, labels.narrative);
      writeNarrative(doc, report.narrative);

      writeHeading(doc, labels.sessions);
      writeTable(
        doc,
        sessionColumns(labels),
        report.sessions.map((s) => sessionRow(s, report.language, labels)),
      );

      writeHeading(doc, labels.funnel);
      writeFunnel(doc, report.funnel, report.language, labels);

      writeHeading(doc, labels.recommendations);
      writeListOrNone(doc, report.recommendations, labels, true);

      writeHeading(doc, labels.materials);
      writeMaterials(doc, report.materials, report.language, labels);

      writeHeading(doc, labels.nextRounds);
      writeListOrNone(
        doc,
        report.nextRounds.map((next) => `${next.dates} — ${next.county}`),
        labels,
      );

      writeHeading(doc, labels.participantList);
      writeParticipants(doc, report, labels);
    },
  );
}

export function campaignReportPdf(report: CampaignReport, charts: Chart[]): Promise<Buffer> {
  const labels = reportLabels(report.language);
  const { language, totals } = report;
  const number = (value: number) => formatNumber(value, language);
  return renderReportPdf(
    {
      title: `${labels.campaignReport}: ${report.campaign.name}`,
      author: report.campaign.organiser,
      subject: report.campaign.name,
      language,
      generatedAt: report.generatedAt,
      timeZone: report.campaign.timeZone,
    },
    (doc) => {
      writeTitle(doc, labels.campaignReport);
      writeCampaign(doc, report.campaign, labels);

      for (const chart of charts) writeChart(doc, chart);

      writeHeading(doc, labels.rounds);
      writeTable(doc, campaignRoundColumns(labels), [
        ...report.rounds.map((round) => campaignRoundRow(round, language, labels)),
        {
          cells: [
            labels.total,
            '',
            '',
            number(totals.sessionsHeld),
            number(totals.invited),
            number(totals.answered),
            number(totals.attended),
            totals.headCount === null ? labels.none : number(totals.headCount),
            number(totals.participants),
          ],
          bold: true,
        },
      ]);
      writeField(doc, labels.materials, number(totals.materials));

      writeHeading(doc, labels.counties);
      writeField(doc, labels.countiesVisited, countyList(report.counties.visited, labels));
      writeField(doc, labels.countiesPlanned, countyList(report.counties.planned, labels));
      writeField(doc, labels.countiesNotYet, countyList(report.counties.notYet, labels));

      writeHeading(doc, labels.institutions);
      writeField(doc, labels.institutionsInvited, number(report.institutions.invited));
      writeField(doc, labels.institutionsRepresented, number(report.institutions.represented));
      writeTable(
        doc,
        [
          { header: labels.institution, weight: 6 },
          { header: labels.invited, weight: 1.4, align: 'right' },
          { header: labels.attended, weight: 1.4, align: 'right' },
          { header: labels.represented, weight: 1.6 },
        ],
        report.institutions.rows.map((row) => ({
          cells: [
            row.name,
            number(row.invited),
            number(row.attended),
            row.represented ? labels.yes : labels.no,
          ],
        })),
      );

      // Rounds yet to happen have nothing to say here, and a heading over nothing is noise.
      for (const round of report.rounds) {
        if (!round.recommendations.length && !round.materials.length) continue;
        writeHeading(doc, `${labels.round}: ${round.county}, ${round.dates}`);
        writeSubheading(doc, labels.recommendations);
        writeListOrNone(doc, round.recommendations, labels, true);
        writeSubheading(doc, labels.materials);
        writeMaterials(doc, round.materials, language, labels);
      }
    },
  );
}

function writeCampaign(doc: PDFKit.PDFDocument, campaign: ReportCampaign, labels: ReportLabels) {
  writeField(doc, labels.campaign, campaign.name);
  if (campaign.slogan) writeField(doc, labels.slogan, campaign.slogan);
  if (campaign.organiser) writeField(doc, labels.organiser, campaign.organiser);
  if (campaign.partners.length) writeField(doc, labels.partners, campaign.partners.join('; '));
  doc.moveDown(0.5);
}

function writeListOrNone(
  doc: PDFKit.PDFDocument,
  items: string[],
  labels: ReportLabels,
  numbered = false,
): void {
  writeList(doc, items.length ? items : [labels.none], numbered && items.length > 0);
}

function countyList(counties: string[], labels: ReportLabels): string {
  return counties.length ? counties.join(', ') : labels.none;
}

/**
 * The venue goes under the row, with the topics: as a ninth column it left
 * the title and time a word or two per line on a portrait page.
 */
function sessionColumns(labels: ReportLabels): PdfColumn[] {
  return [
    { header: labels.session, weight: 3 },
    { header: labels.kind, weight: 0, keepWords: true },
    { header: labels.when, weight: 2 },
    { header: labels.invited, weight: 0, align: 'right' },
    { header: labels.accepted, weight: 0, align: 'right' },
    { header: labels.attended, weight: 0, align: 'right' },
    { header: labels.walkIns, weight: 0, align: 'right' },
    { header: labels.headCount, weight: 0, align: 'right', keepWords: true },
  ];
}

function sessionRow(session: ReportSession, language: Language, labels: ReportLabels): PdfRow {
  const number = (value: number) => formatNumber(value, language);
  const { counts } = session;
  let headCount = counts.headCount === null ? labels.none : number(counts.headCount);
  if (session.headCountNote) headCount += ` (${session.headCountNote})`;
  const notes: string[] = [];
  if (session.venue) notes.push(`${labels.venue}: ${session.venue}`);
  if (session.topics.length) notes.push(`${labels.topics}: ${session.topics.join('; ')}`);
  if (session.headCountBreakdown.length) {
    const groups = session.headCountBreakdown.map(
      (group) => `${group.label} ${number(group.count)}`,
    );
    notes.push(`${labels.breakdown}: ${groups.join(', ')}`);
  }
  return {
    cells: [
      session.title,
      session.kindLabel,
      session.when,
      number(counts.invited),
      number(counts.accepted),
      number(counts.attended),
      number(counts.walkIns),
      headCount,
    ],
    note: notes.length ? notes.join('\n') : undefined,
  };
}

function writeFunnel(
  doc: PDFKit.PDFDocument,
  funnel: InvitationFunnel,
  language: Language,
  labels: ReportLabels,
): void {
  const steps = [
    'invited',
    'answered',
    'accepted',
    'declined',
    'delegated',
    'attended',
    'walkIns',
  ] as const;
  writeTable(
    doc,
    steps.map((step) => ({ header: labels[step], weight: 1, align: 'right' })),
    [{ cells: steps.map((step) => formatNumber(funnel[step], language)) }],
  );
}

function writeMaterials(
  doc: PDFKit.PDFDocument,
  materials: ReportMaterial[],
  language: Language,
  labels: ReportLabels,
): void {
  if (!materials.length) {
    writeList(doc, [labels.none]);
    return;
  }
  writeTable(
    doc,
    [
      { header: labels.quantity, weight: 1.2, align: 'right' },
      { header: labels.material, weight: 2.5 },
      { header: labels.places, weight: 4 },
      { header: labels.session, weight: 3 },
    ],
    materials.map((material) => ({
      cells: [
        formatNumber(material.quantity, language),
        material.description ?? labels.none,
        material.places ?? labels.none,
        material.sessionTitle ?? labels.none,
      ],
    })),
  );
}

/** One table, the participants of each session under a row naming it. */
function writeParticipants(
  doc: PDFKit.PDFDocument,
  report: RoundReport,
  labels: ReportLabels,
): void {
  if (!report.participants.length) {
    writeList(doc, [labels.none]);
    return;
  }
  const rows: (PdfRow | PdfGroupRow)[] = [];
  let sessionId: string | null = null;
  for (const participant of report.participants) {
    if (participant.sessionId !== sessionId) {
      sessionId = participant.sessionId;
      rows.push({ group: participant.sessionTitle });
    }
    rows.push({
      cells: [
        participant.fullName,
        participant.institution ?? '',
        participant.position ?? '',
        participant.answerLabel,
        participant.attendedLabel,
        participant.substituteFor ?? '',
      ],
    });
  }
  writeTable(
    doc,
    [
      { header: labels.name, weight: 2.2 },
      { header: labels.institution, weight: 3.2 },
      { header: labels.position, weight: 2.4 },
      { header: labels.answer, weight: 1.7, keepWords: true },
      { header: labels.attendance, weight: 1.5, keepWords: true },
      { header: labels.substituteFor, weight: 1.9 },
    ],
    rows,
  );
}

function campaignRoundColumns(labels: ReportLabels): PdfColumn[] {
  return [
    { header: labels.dates, weight: 3 },
    { header: labels.county, weight: 1.5 },
    { header: labels.status, weight: 1.6, keepWords: true },
    { header: labels.sessionsHeld, weight: 1, align: 'right' },
    { header: labels.invited, weight: 1, align: 'right' },
    { header: labels.answered, weight: 1, align: 'right' },
    { header: labels.attended, weight: 1, align: 'right' },
    { header: labels.headCount, weight: 1, align: 'right' },
    { header: labels.participants, weight: 1, align: 'right' },
  ];
}

function campaignRoundRow(
  round: CampaignReportRound,
  language: Language,
  labels: ReportLabels,
): PdfRow {
  const number = (value: number) => formatNumber(value, language);
  const { counts } = round;
  return {
    cells: [
      round.dates,
      round.county,
      round.statusLabel,
      number(round.sessionsHeld),
      number(counts.invited),
      number(counts.answered),
      number(counts.attended),
      counts.headCount === null ? labels.none : number(counts.headCount),
      number(counts.participants),
    ],
  };
}
