import { NarrativeBlock } from './api-views';
import { FushataApi } from './fushata-api';
import { Inbox, InboxMail } from './inbox';
import { Timeline } from './timeline';

/**
 * The end of the demo: the round report's narrative as the office would
 * publish it, and where to look at the rest. Returns the narrative.
 */
export async function printReport(
  api: FushataApi,
  timeline: Timeline,
  inbox: Inbox,
  roundId: string,
  reportMail: InboxMail,
): Promise<NarrativeBlock[]> {
  const report = await api.get<{ narrative: NarrativeBlock[] }>(
    `/api/rounds/${roundId}/report?lang=en`,
  );
  const pdf = reportMail.attachments.find((file) => file.contentType === 'application/pdf');
  timeline.say();
  timeline.say('The round report (GET /api/rounds/:id/report?lang=en), its narrative:');
  timeline.say();
  for (const block of report.narrative) {
    if (block.kind === 'paragraph') timeline.say(`  ${block.text}`);
    else for (const item of block.items) timeline.say(`    • ${item}`);
    timeline.say();
  }
  const round = `${api.baseUrl.replace(/\/$/, '')}/api/rounds/${roundId}/report`;
  const page = `${api.baseUrl.replace(/\/$/, '')}/app/rounds/${roundId}/report`;
  timeline.say('Open:');
  timeline.say(`  the report, HTML:   ${round}?format=html&lang=en`);
  timeline.say(`  the report, PDF:    ${round}?format=pdf&lang=en`);
  timeline.say('    (both with the bearer token POST /api/auth/login gives)');
  timeline.say(`  in the dashboard:   ${page}?lang=en (signed in at /app)`);
  timeline.say(
    `  the e-mails:        ${inbox.location}` +
      (pdf ? ` (the report e-mail carries ${pdf.filename})` : ''),
  );
  return report.narrative;
}
