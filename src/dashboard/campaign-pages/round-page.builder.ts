import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { attendanceUrl, LINK_VALID_AFTER_END_MS } from '../../attendance/attendance-link';
import { Role } from '../../auth/role';
import { Language } from '../../common/language';
import { AppConfig } from '../../config/app-config';
import { sqlDate } from '../../database/sql-dates';
import { inLanguage } from '../../reports/localised';
import { formatDays } from '../../reports/report-format';
import { materialPart } from '../../reports/report-parts';
import { ReportMaterial } from '../../reports/report-model';
import { addCounts, SessionCountRow, sessionCounts } from '../../reports/session-counts';
import { Material } from '../../attendance/material.entity';
import { Recommendation } from '../../attendance/recommendation.entity';
import { AudiencePreviewService } from '../../rounds/audience-preview.service';
import { RoundSession } from '../../rounds/round-session.entity';
import { RoundStatus } from '../../rounds/round-status';
import { Round } from '../../rounds/round.entity';
import { RoundsService } from '../../rounds/rounds.service';
import { SessionKind, SessionStatus } from '../../rounds/session-kind';
import { SessionPhase, sessionPhase } from '../../rounds/session-phase';
import { StepView } from '../../workflow/dto/step.view';
import { RoundTimeline } from '../../workflow/round-timeline';
import { StepKind, stepKey, StepStatus } from '../../workflow/step-kind';
import { LinkParams, pageLink } from './page-links';
import {
  INVITATIONS_PER_PAGE,
  MESSAGES_PER_PAGE,
  RoundChange,
  RoundPageQueryDto,
} from './round-page-query.dto';
import { InvitationsTable, RoundInvitationsTable } from './round-invitations-table';
import { MessagesTable, RoundMessagesTable } from './round-messages-table';

/** Sessions whose participants and outcome the page shows, as the report does. */
const TOOK_PLACE = [SessionPhase.UnderWay, SessionPhase.Held];
/** Rounds whose plan can still change: the session pages reschedule or cancel. */
const CHANGEABLE_ROUNDS = [RoundStatus.Draft, RoundStatus.Scheduled, RoundStatus.InProgress];
/** A draft was never announced and a cancelled round did not take place: neither has a sheet. */
const ROUNDS_WITH_ATTENDANCE = [
  RoundStatus.Scheduled,
  RoundStatus.InProgress,
  RoundStatus.Completed,
];

type PageSession = Pick<
  RoundSession,
  'id' | 'titleSq' | 'titleEn' | 'kind' | 'status' | 'startsAt' | 'endsAt' | 'venueSq' | 'venueEn'
>;

export interface SessionRow {
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  phase: SessionPhase;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  /** Invitations written; for a draft, the people it would invite today. */
  audience: number;
  /**
   * Once it has taken place, the same figure as the report's: the head count
   * where one was made, else invitees present and walk-ins.
   */
  participants: number | null;
  headCountNote: string | null;
  /** The session pages may edit, reschedule or cancel it. */
  changeable: boolean;
  /** The sheet's address, for writers only: whoever holds it records in the staff member's name. */
  attendancePath: string | null;
}

export interface RoundPageView {
  round: {
    id: string;
    status: RoundStatus;
    county: string;
    dates: string;
    draft: boolean;
    staff: { name: string; email: string } | null;
    campaign: { id: string; name: string };
  };
  sessions: SessionRow[];
  /**
   * Where the round's invitations stand, so a scheduled round never reads
   * "0 invited" with no word: still to go (to how many people, when), or
   * leaving (how many of them have).
   */
  invitationsLeaving:
    | { toInvite: number; at: Date; sending?: never }
    | { sending: { sent: number; total: number }; toInvite?: never }
    | null;
  /** The sessions' count is of people the invitations will go to, not invitations written. */
  countsToInvite: boolean;
  /** What the round's report says came out of it, once any session has taken place. */
  outcome: {
    participants: number;
    materials: ReportMaterial[];
    recommendations: string[];
  } | null;
  /** With the key their name goes by (see stepKey), the same as in the previews. */
  steps: Array<StepView & { key: string; session: string | null }>;
  invitations: InvitationsTable;
  messages: MessagesTable;
  resent: boolean;
  saved: boolean;
  done: RoundChange | null;
}

/** Everything the round page shows, from the services behind the rounds, workflow and answer routes. */
@Injectable()
export class RoundPageBuilder {
  constructor(
    private readonly em: EntityManager,
    private readonly rounds: RoundsService,
    private readonly previews: AudiencePreviewService,
    private readonly timeline: RoundTimeline,
    private readonly invitations: RoundInvitationsTable,
    private readonly messages: RoundMessagesTable,
    private readonly config: AppConfig,
  ) {}

  async build(
    roundId: string,
    query: RoundPageQueryDto,
    language: Language,
    canWrite: boolean,
  ): Promise<RoundPageView> {
    const round = await this.rounds.get(roundId);
    const sessions = await this.sessionsOf(round.id);
    const counts = await sessionCounts(this.em, [round.id]);
    const schedule = await this.timeline.schedule(round.id);
    const invites = schedule.steps.filter((step) => step.kind === StepKind.Invite);
    const notInvitedYet =
      round.status === RoundStatus.Draft ||
      (invites.length > 0 && invites.every((step) => step.status === StepStatus.Pending));
    const preview = notInvitedYet ? await this.previews.preview(round) : null;
    const audience = preview
      ? new Map(preview.sessions.map((s) => [s.sessionId, s.contactCount]))
      : new Map([...counts].map(([id, count]) => [id, count.invited]));
    const titles = new Map(sessions.map((s) => [s.id, titleOf(s, language)]));
    const link = linkKeeping(round.id, query);
    const now = Date.now();
    const phases = new Map(
      sessions.map((session) => [session.id, sessionPhase(session, round.status, new Date(now))]),
    );
    const took = sessions.filter((session) => TOOK_PLACE.includes(phases.get(session.id)!));
    return {
      round: {
        id: round.id,
        status: round.status,
        county: round.county.name,
        dates: formatDays(round.startsOn, round.endsOn, language),
        draft: round.status === RoundStatus.Draft,
        staff: round.staff && { name: round.staff.name, email: round.staff.email },
        campaign: {
          id: round.campaign.id,
          name: inLanguage(language, round.campaign.nameSq, round.campaign.nameEn) ?? '',
        },
      },
      invitationsLeaving: invitationsLeaving(round, invites, preview?.totalContacts ?? 0),
      countsToInvite: preview !== null,
      sessions: sessions.map((session) => ({
        id: session.id,
        title: titleOf(session, language),
        kind: session.kind,
        status: session.status,
        phase: phases.get(session.id)!,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        venue: inLanguage(language, session.venueSq, session.venueEn),
        audience: audience.get(session.id) ?? 0,
        participants: took.includes(session) ? (counts.get(session.id)?.participants ?? 0) : null,
        headCountNote: counts.get(session.id)?.headCountNote ?? null,
        changeable:
          CHANGEABLE_ROUNDS.includes(round.status) &&
          session.status === SessionStatus.Planned &&
          session.endsAt.getTime() > now,
        attendancePath: canWrite ? this.attendancePath(round, session, now) : null,
      })),
      outcome: took.length ? await this.outcomeOf(round, took, counts, language) : null,
      steps: schedule.steps.map((step) => ({
        ...step,
        key: stepKey(step),
        session: step.sessionId ? (titles.get(step.sessionId) ?? null) : null,
      })),
      invitations: await this.invitations.build(
        round.id,
        sessions.map((session) => ({ id: session.id, title: titleOf(session, language) })),
        query,
        language,
        (params) => link(params, 'invitations'),
      ),
      messages: await this.messages.build(round.id, query, (params) => link(params, 'messages')),
      resent: query.resent === '1',
      saved: query.saved === '1',
      done: query.done ?? null,
    };
  }

  /** The sessions as the page shows them, without the audiences and campaign an entity would load. */
  private async sessionsOf(roundId: string): Promise<PageSession[]> {
    const rows = await this.em.getConnection().execute<Array<Record<string, unknown>>>(
      `select id, title_sq, title_en, kind, status, starts_at, ends_at, venue_sq, venue_en
         from session where round_id = ? order by starts_at, id`,
      [roundId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      titleSq: row.title_sq as string,
      titleEn: row.title_en as string,
      kind: row.kind as SessionKind,
      status: row.status as SessionStatus,
      startsAt: sqlDate(row.starts_at as string),
      endsAt: sqlDate(row.ends_at as string),
      venueSq: row.venue_sq as string | null,
      venueEn: row.venue_en as string | null,
    }));
  }

  /** The report's own parts: participants of the sessions held, materials and recommendations. */
  private async outcomeOf(
    round: Round,
    took: PageSession[],
    counts: Map<string, SessionCountRow>,
    language: Language,
  ): Promise<NonNullable<RoundPageView['outcome']>> {
    const [materials, recommendations] = await Promise.all([
      this.em.find(Material, { round }, { populate: ['session'], orderBy: { createdAt: 'asc' } }),
      this.em.find(Recommendation, { round }, { orderBy: { position: 'asc' } }),
    ]);
    const counted = took.flatMap((session) => counts.get(session.id) ?? []);
    return {
      participants: addCounts(counted).participants,
      materials: materials.map((material) => materialPart(material, language)),
      recommendations: recommendations.map(
        (recommendation) =>
          inLanguage(language, recommendation.textSq, recommendation.textEn) ?? '',
      ),
    };
  }

  /** Only where the sheet's link works: a staff member who may record, and not a week past the end. */
  private attendancePath(round: Round, session: PageSession, now: number): string | null {
    const staff = round.staff;
    const staffCanRecord = !!staff && staff.disabledAt === null && staff.role !== Role.Viewer;
    const open =
      ROUNDS_WITH_ATTENDANCE.includes(round.status) &&
      session.status === SessionStatus.Planned &&
      session.endsAt.getTime() + LINK_VALID_AFTER_END_MS > now;
    // The path alone: the dashboard and the sheet share a host, whatever APP_URL says.
    return staffCanRecord && open ? attendanceUrl('', session.id, this.config.appSecret) : null;
  }
}

/** A round's invitations before, while and after they leave (see RoundPageView.invitationsLeaving). */
function invitationsLeaving(
  round: Round,
  invites: StepView[],
  people: number,
): RoundPageView['invitationsLeaving'] {
  if (round.status === RoundStatus.Draft || round.status === RoundStatus.Cancelled) return null;
  const pending = invites.find((step) => step.status === StepStatus.Pending);
  if (pending && invites.every((step) => step.status === StepStatus.Pending)) {
    return { toInvite: people, at: pending.dueAt };
  }
  const counts = invites.map((step) => step.messages);
  const queued = counts.reduce((sum, c) => sum + c.queued, 0);
  if (queued === 0 && !invites.some((step) => step.status === StepStatus.Running)) return null;
  const sent = counts.reduce((sum, c) => sum + c.sent, 0);
  const total = counts.reduce((sum, c) => sum + c.queued + c.sent + c.failed + c.skipped, 0);
  return { sending: { sent, total } };
}

function titleOf(session: PageSession, language: Language): string {
  return inLanguage(language, session.titleSq, session.titleEn) ?? '';
}

/** Links within the round page that change one table's filter or page and keep the rest. */
function linkKeeping(
  roundId: string,
  query: RoundPageQueryDto,
): (params: LinkParams, fragment: string) => string {
  const current: LinkParams = {
    sessionId: query.sessionId,
    answer: query.answer,
    institutionId: query.institutionId,
    invitationsOffset: query.invitationsOffset || undefined,
    invitationsLimit:
      query.invitationsLimit === INVITATIONS_PER_PAGE ? undefined : query.invitationsLimit,
    messageStatus: query.messageStatus,
    messagesOffset: query.messagesOffset || undefined,
    messagesLimit: query.messagesLimit === MESSAGES_PER_PAGE ? undefined : query.messagesLimit,
  };
  return (params, fragment) =>
    pageLink(`/app/rounds/${roundId}`, { ...current, ...params }, fragment);
}
