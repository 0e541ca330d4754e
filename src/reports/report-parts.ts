import { sessionPhase } from '../rounds/session-phase';
import { Language } from '../common/language';
import { Campaign } from '../campaigns/campaign.entity';
import { Material } from '../attendance/material.entity';
import { Round } from '../rounds/round.entity';
import { RoundSession } from '../rounds/round-session.entity';
import { RoundStatus } from '../rounds/round-status';
import { SessionStatus } from '../rounds/session-kind';
import { inLanguage, listInLanguage } from './localised';
import { formatDays, formatSessionTime } from './report-format';
import { ReportLabels } from './report-labels';
import { ReportCampaign, ReportMaterial, ReportRoundRef, ReportSession } from './report-model';
import { SessionCountRow } from './session-counts';

/* The pieces round and campaign reports share, each in the report's language. */

export function campaignPart(campaign: Campaign, language: Language): ReportCampaign {
  return {
    id: campaign.id,
    name: inLanguage(language, campaign.nameSq, campaign.nameEn) ?? '',
    slogan: inLanguage(language, campaign.sloganSq, campaign.sloganEn),
    organiser: inLanguage(language, campaign.organiserSq, campaign.organiserEn),
    partners: campaign.partners.map(
      (partner) => inLanguage(language, partner.nameSq, partner.nameEn) ?? '',
    ),
    timeZone: campaign.timeZone,
  };
}

/** Needs the round's county loaded. */
export function roundRef(round: Round, language: Language, labels: ReportLabels): ReportRoundRef {
  return {
    id: round.id,
    county: round.county.name,
    startsOn: round.startsOn,
    endsOn: round.endsOn,
    dates: formatDays(round.startsOn, round.endsOn, language),
    status: round.status as RoundStatus,
    statusLabel: labels.roundStatuses[round.status as RoundStatus],
  };
}

const NOTHING_COUNTED: SessionCountRow = {
  invited: 0,
  answered: 0,
  accepted: 0,
  declined: 0,
  delegated: 0,
  attended: 0,
  walkIns: 0,
  headCount: null,
  participants: 0,
  headCountNote: null,
  headCountBreakdown: null,
};

export function sessionPart(
  session: RoundSession,
  counted: SessionCountRow | undefined,
  language: Language,
  labels: ReportLabels,
  timeZone: string,
): ReportSession {
  const { headCountNote, headCountBreakdown, ...counts } = counted ?? NOTHING_COUNTED;
  const phase = sessionPhase(session, session.round.status);
  return {
    id: session.id,
    title: inLanguage(language, session.titleSq, session.titleEn) ?? '',
    kind: session.kind,
    kindLabel: labels.sessionKinds[session.kind],
    status: session.status as SessionStatus,
    phase,
    phaseLabel: labels.sessionPhases[phase],
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    when: formatSessionTime(session.startsAt, session.endsAt, language, timeZone),
    venue: inLanguage(language, session.venueSq, session.venueEn),
    topics: listInLanguage(language, session.topicsSq, session.topicsEn),
    counts,
    headCountNote,
    headCountBreakdown: headCountBreakdown ?? [],
  };
}

/** Needs the material's session loaded when it has one. */
export function materialPart(material: Material, language: Language): ReportMaterial {
  return {
    description: inLanguage(language, material.descriptionSq, material.descriptionEn),
    quantity: material.quantity,
    places: inLanguage(language, material.placesSq, material.placesEn),
    sessionTitle: material.session
      ? inLanguage(language, material.session.titleSq, material.session.titleEn)
      : null,
  };
}
