import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { OutgoingMail } from '../messaging/mail-transport';
import { reportFile } from '../reports/report-file';
import { ReportFormat } from '../reports/report-format-kind';
import { reportLabels } from '../reports/report-labels';
import { NarrativeBlock, RoundReport } from '../reports/report-model';
import { RoundReportBuilder } from '../reports/round-report.builder';
import { Composition } from './email-composer';

/**
 * The round's report as an e-mail to a report recipient, in the message's
 * language: the HTML report is the body, the narrative the plain-text part,
 * and the PDF is attached. Built from the round as it stands when it leaves.
 */
@Injectable()
export class ReportMailComposer {
  constructor(
    private readonly orm: MikroORM,
    private readonly reports: RoundReportBuilder,
  ) {}

  async compose({ message, round }: Composition): Promise<OutgoingMail> {
    const report = await this.reports.build(this.orm.em.fork(), round.id, message.language);
    const [html, pdf] = await Promise.all([
      reportFile(report, ReportFormat.Html),
      reportFile(report, ReportFormat.Pdf),
    ]);
    const labels = reportLabels(report.language);
    return {
      from: { name: round.campaign.senderName, address: round.campaign.senderEmail },
      replyTo: round.staff ? { name: round.staff.name, address: round.staff.email } : undefined,
      to: { name: '', address: message.recipient },
      subject: `${labels.roundReport}: ${report.round.county}, ${report.round.dates} – ${report.campaign.name}`,
      html: html.body as string,
      text: narrativeText(report),
      messageId: message.messageIdHeader,
      attachments: [
        { filename: pdf.filename, content: pdf.body as Buffer, contentType: pdf.contentType },
      ],
    };
  }
}

function narrativeText(report: RoundReport): string {
  const blocks = report.narrative.map((block: NarrativeBlock) =>
    block.kind === 'paragraph' ? block.text : block.items.map((item) => `• ${item}`).join('\n'),
  );
  return `${report.campaign.name}\n${reportLabels(report.language).roundReport}: ${report.round.county}, ${report.round.dates}\n\n${blocks.join('\n\n')}\n`;
}
