import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language } from '../common/language';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundStatus } from '../rounds/round-status';
import { SessionKind } from '../rounds/session-kind';
import { SessionPhase } from '../rounds/session-phase';
import { statusLabels } from '../common/status-labels';

/** `<root>/templates/reports` seen from src/reports (ts-jest) and from dist/src/reports (nest-cli.json assets). */
export const REPORT_TEMPLATES_DIRECTORY = join(__dirname, '../../templates/reports');

/** The words of a report in one language: headings, column names and the names of statuses. */
export type ReportLabels = Record<
  | 'roundReport'
  | 'campaignReport'
  | 'campaign'
  | 'slogan'
  | 'organiser'
  | 'partners'
  | 'county'
  | 'counties'
  | 'dates'
  | 'status'
  | 'staff'
  | 'sessions'
  | 'session'
  | 'kind'
  | 'when'
  | 'venue'
  | 'topics'
  | 'invited'
  | 'answered'
  | 'accepted'
  | 'declined'
  | 'delegated'
  | 'attended'
  | 'walkIns'
  | 'headCount'
  | 'headCountNote'
  | 'breakdown'
  | 'participants'
  | 'participantList'
  | 'name'
  | 'institution'
  | 'position'
  | 'answer'
  | 'attendance'
  | 'walkIn'
  | 'substituteFor'
  | 'recommendations'
  | 'materials'
  | 'material'
  | 'quantity'
  | 'places'
  | 'funnel'
  | 'nextRounds'
  | 'narrative'
  | 'rounds'
  | 'round'
  | 'sessionsHeld'
  | 'totals'
  | 'total'
  | 'countiesVisited'
  | 'countiesPlanned'
  | 'countiesNotYet'
  | 'institutions'
  | 'institutionsInvited'
  | 'institutionsRepresented'
  | 'represented'
  | 'yes'
  | 'no'
  | 'none'
  | 'participantsPerRound'
  | 'progressAcrossCounties'
  | 'generatedAt'
  | 'page'
  | 'of',
  string
> & {
  sessionKinds: Record<SessionKind, string>;
  sessionPhases: Record<SessionPhase, string>;
  answers: Record<InvitationStatus, string>;
  attendanceMarks: Record<'present' | 'absent' | 'unknown', string>;
  roundStatuses: Record<RoundStatus, string>;
};

const cache = new Map<Language, ReportLabels>();

/** Read once per language; both files carry the same keys (checked by a unit test). */
export function reportLabels(language: Language): ReportLabels {
  let labels = cache.get(language);
  if (!labels) {
    const file = join(REPORT_TEMPLATES_DIRECTORY, 'strings', `${language}.json`);
    // Statuses and kinds are named once for every page and report.
    const { roundStatuses, sessionPhases, sessionKinds, invitationStatuses } =
      statusLabels(language);
    labels = {
      ...(JSON.parse(readFileSync(file, 'utf8')) as object),
      roundStatuses,
      sessionPhases,
      sessionKinds,
      answers: invitationStatuses,
    } as ReportLabels;
    cache.set(language, labels);
  }
  return labels;
}
