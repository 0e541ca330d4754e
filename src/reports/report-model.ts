import { SessionPhase } from '../rounds/session-phase';
import { Language } from '../common/language';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundStatus } from '../rounds/round-status';
import { SessionKind, SessionStatus } from '../rounds/session-kind';

/*
 * What a report says, in one language, before it is written out as JSON,
 * CSV, HTML or PDF. Every text is already in the report's language and every
 * date already formatted by that language's conventions ("22 nëntor 2017"),
 * so the four formats cannot disagree; the raw ISO dates stay beside them for
 * the machine-readable formats.
 */

export interface ReportCampaign {
  id: string;
  name: string;
  slogan: string | null;
  organiser: string | null;
  partners: string[];
  timeZone: string;
}

/** A round as other reports refer to it: where and when. */
export interface ReportRoundRef {
  id: string;
  county: string;
  /** ISO dates, YYYY-MM-DD, in the campaign's time zone. */
  startsOn: string;
  endsOn: string;
  /** "22 nëntor 2017", "5–7 dhjetor 2017". */
  dates: string;
  status: RoundStatus;
  statusLabel: string;
}

/** Who was invited and what became of it. Substitutes count as invitees of their own. */
export interface InvitationFunnel {
  /** Invitations written (one per person and session). */
  invited: number;
  /** Invitations with any answer: accepted, declined or delegated. */
  answered: number;
  accepted: number;
  declined: number;
  delegated: number;
  /** Invitees marked present. */
  attended: number;
  walkIns: number;
}

export interface SessionCounts extends InvitationFunnel {
  /** Everyone in the room when counted, named or not; null when nobody counted. */
  headCount: number | null;
  /** The head count when there is one, else invitees present plus walk-ins. */
  participants: number;
}

export interface HeadCountGroup {
  label: string;
  count: number;
}

export interface ReportSession {
  id: string;
  title: string;
  kind: SessionKind;
  kindLabel: string;
  status: SessionStatus;
  /** Planned, under way, held or cancelled: with the clock and the round (see sessionPhase). */
  phase: SessionPhase;
  phaseLabel: string;
  /** ISO timestamps (UTC). */
  startsAt: string;
  endsAt: string;
  /** "22 nëntor 2017, 09:00–11:00" in the campaign's time zone. */
  when: string;
  venue: string | null;
  topics: string[];
  counts: SessionCounts;
  /** "rreth 30" (about 30), as staff wrote it. */
  headCountNote: string | null;
  headCountBreakdown: HeadCountGroup[];
}

export interface ReportParticipant {
  sessionId: string;
  sessionTitle: string;
  fullName: string;
  institution: string | null;
  position: string | null;
  /** Invited through Fushata, or added on the day. */
  walkIn: boolean;
  /** A walk-in has no answer. */
  answer: InvitationStatus | null;
  answerLabel: string;
  /** null: not recorded. */
  attended: boolean | null;
  attendedLabel: string;
  /** For a colleague sent instead: whom they stood in for. */
  substituteFor: string | null;
}

export interface ReportMaterial {
  description: string | null;
  quantity: number;
  places: string | null;
  /** The session it was handed out at; null for the whole round. */
  sessionTitle: string | null;
}

/**
 * The published text, as blocks: paragraphs and bullet lists, each rendered
 * from the narrative template of the report's language.
 */
export type NarrativeBlock =
  { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export interface RoundReport {
  kind: 'round';
  language: Language;
  /** ISO timestamp. */
  generatedAt: string;
  campaign: ReportCampaign;
  round: ReportRoundRef & { staff: string | null };
  sessions: ReportSession[];
  funnel: SessionCounts;
  participants: ReportParticipant[];
  recommendations: string[];
  materials: ReportMaterial[];
  /** The campaign's rounds after this one, in date order, cancelled ones left out. */
  nextRounds: ReportRoundRef[];
  narrative: NarrativeBlock[];
}

export interface CampaignReportRound extends ReportRoundRef {
  /** Sessions not cancelled whose start has passed. */
  sessionsHeld: number;
  counts: SessionCounts;
  materials: ReportMaterial[];
  recommendations: string[];
}

export interface InstitutionReach {
  name: string;
  /** People of the institution invited across the campaign. */
  invited: number;
  /** People of the institution marked present (invitees, or walk-ins naming it). */
  attended: number;
  represented: boolean;
}

export interface CampaignReport {
  kind: 'campaign';
  language: Language;
  generatedAt: string;
  campaign: ReportCampaign;
  /** Date order, cancelled rounds included with their status. */
  rounds: CampaignReportRound[];
  totals: SessionCounts & {
    rounds: number;
    sessionsHeld: number;
    /** Sum of every material's quantity. */
    materials: number;
  };
  counties: {
    /** Counties with a round that has taken place (completed or in progress). */
    visited: string[];
    /** Counties with a round scheduled or drafted that has not taken place. */
    planned: string[];
    /** Counties with no round in this campaign yet. */
    notYet: string[];
  };
  institutions: {
    invited: number;
    represented: number;
    rows: InstitutionReach[];
  };
}

export type Report = RoundReport | CampaignReport;
