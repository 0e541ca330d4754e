import { Role } from '../../auth/role';
import { User } from '../../auth/entities/user.entity';
import { Language } from '../../common/language';
import { AudiencePreviewView } from '../../rounds/dto/audience-preview.view';
import { RoundSession } from '../../rounds/round-session.entity';
import { RoundStatus } from '../../rounds/round-status';
import { Round } from '../../rounds/round.entity';
import { SessionStatus } from '../../rounds/session-kind';

/** A round whose plan can still change: its sessions can be moved or cancelled. */
const OPEN = [RoundStatus.Draft, RoundStatus.Scheduled, RoundStatus.InProgress];

/** The text of the user's language from a pair of the domain's bilingual fields. */
export function inLanguage(language: Language, sq: string, en: string): string;
export function inLanguage(language: Language, sq: string | null, en: string | null): string | null;
export function inLanguage(
  language: Language,
  sq: string | null,
  en: string | null,
): string | null {
  return language === Language.English ? (en ?? sq) : (sq ?? en);
}

export function writes(user: User): boolean {
  return user.role !== Role.Viewer;
}

export function isOpen(round: Round): boolean {
  return OPEN.includes(round.status);
}

/** What every planning page says about its round; needs campaign, county and staff loaded. */
export function roundSummary(round: Round, language: Language) {
  return {
    id: round.id,
    campaignId: round.campaign.id,
    campaignName: inLanguage(language, round.campaign.nameSq, round.campaign.nameEn),
    countyId: round.county.id,
    countyName: round.county.name,
    startsOn: round.startsOn,
    endsOn: round.endsOn,
    /** For the formatDateSpan helper, which reads spans as sessions. */
    days: [{ startsAt: round.startsOn, endsAt: round.endsOn }],
    status: round.status,
    staffName: round.staff?.name ?? null,
    isDraft: round.status === RoundStatus.Draft,
    isOpen: isOpen(round),
    scheduleVersion: round.scheduleVersion,
  };
}

/** A session as the planning pages list it. */
export function sessionSummary(session: RoundSession, language: Language) {
  return {
    id: session.id,
    title: inLanguage(language, session.titleSq, session.titleEn),
    kind: session.kind,
    status: session.status,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    venue: inLanguage(language, session.venueSq, session.venueEn),
    isPlanned: session.status === SessionStatus.Planned,
  };
}

/** The round's sessions with the people each would invite and what the user may do with each. */
export function sessionRows(
  round: Round,
  sessions: RoundSession[],
  preview: AudiencePreviewView,
  user: User,
) {
  const counts = new Map(preview.sessions.map((entry) => [entry.sessionId, entry.contactCount]));
  const draft = round.status === RoundStatus.Draft;
  const changeable = writes(user) && isOpen(round);
  return sessions.map((session) => {
    const row = sessionSummary(session, user.language);
    const actionable = changeable && row.isPlanned;
    return {
      ...row,
      people: counts.get(session.id) ?? 0,
      canEdit: actionable && draft,
      canReschedule: actionable && !draft,
      canCancel: actionable,
    };
  });
}
