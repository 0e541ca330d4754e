import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Language } from '../../common/language';
import { sqlDate, sqlDateOrNull } from '../../database/sql-dates';
import { inLanguage } from '../../reports/localised';
import { InvitationStatus } from '../../rounds/invitation-status';
import { Answer } from '../../rsvp/answer';
import { ResponseSource } from '../../rsvp/response-source';
import { LinkParams, Pager, pager } from './page-links';
import { RoundPageQueryDto } from './round-page-query.dto';

export interface AnswerHistoryEntry {
  answer: Answer;
  source: ResponseSource;
  note: string | null;
  substitute: string | null;
  recordedBy: string | null;
  at: Date;
}

export interface InvitationRow {
  id: string;
  name: string;
  email: string;
  institution: string | null;
  session: string;
  status: InvitationStatus;
  /** Asked for no campaign e-mails: not reminded, so "no answer" would mislead. */
  optedOut: boolean;
  respondedAt: Date | null;
  /** For a colleague sent instead: whom they stand in for. */
  standsInFor: string | null;
  /** For an invitation delegated: the colleague who comes instead. */
  substitute: string | null;
  history: AnswerHistoryEntry[];
}

export interface InvitationsTable {
  rows: InvitationRow[];
  pager: Pager;
  filter: { sessionId?: string; answer?: InvitationStatus; institutionId?: string };
  sessions: Array<{ id: string; title: string }>;
  institutions: Array<{ id: string; name: string }>;
  answers: InvitationStatus[];
}

interface InvitationRecord {
  id: string;
  name: string;
  email: string;
  institution: string | null;
  title_sq: string;
  title_en: string | null;
  status: InvitationStatus;
  opted_out: boolean;
  responded_at: string | null;
  stands_in_for: string | null;
  total: number;
}

type HistoryRecord = Omit<AnswerHistoryEntry, 'at'> & { invitation_id: string; at: string };

/**
 * The invitations of the round that the page's filters keep; the left joins
 * follow many-to-one links, so they add columns, never rows.
 */
const FILTERED_INVITATIONS = `
    from invitation v
    join session s on s.id = v.session_id
    join contact c on c.id = v.contact_id
    left join institution i on i.id = c.institution_id
    left join invitation original on original.id = v.substitute_for_id
    left join contact absent on absent.id = original.contact_id
   where s.round_id = ?
     and (?::uuid is null or s.id = ?::uuid)
     and (?::text is null or v.status = ?)
     and (?::uuid is null or c.institution_id = ?::uuid)`;

/**
 * The round page's invitations: who was invited to which session, what they
 * answered and how their answer changed, and who stands in for whom. Read as
 * plain rows, a statement each for the page with its total, its answer
 * histories and the institutions to filter by: mapping them to entities cost
 * the round page more than PostgreSQL did (npm run bench:pages).
 */
@Injectable()
export class RoundInvitationsTable {
  constructor(private readonly em: EntityManager) {}

  async build(
    roundId: string,
    sessions: Array<{ id: string; title: string }>,
    query: RoundPageQueryDto,
    language: Language,
    link: (params: LinkParams) => string,
  ): Promise<InvitationsTable> {
    const connection = this.em.getConnection();
    const { sessionId = null, answer = null, institutionId = null } = query;
    const filter = [roundId, sessionId, sessionId, answer, answer, institutionId, institutionId];
    const [page, institutions] = await Promise.all([
      // The folded search key sorts Çlirim among the Cs whatever the database collation;
      // the sort reads every row the filters keep, so counting them there costs nothing more.
      connection.execute<InvitationRecord[]>(
        `select v.id, c.full_name as name, c.email, i.name as institution,
                s.title_sq, s.title_en, v.status, c.opted_out, v.responded_at,
                absent.full_name as stands_in_for, count(*) over ()::int as total
         ${FILTERED_INVITATIONS}
          order by s.starts_at, c.search_key, v.id
          limit ? offset ?`,
        [...filter, query.invitationsLimit, query.invitationsOffset],
      ),
      this.institutionsInvited(roundId),
    ]);
    // A page past the end has no row to carry the total.
    const total =
      page[0]?.total ??
      (
        await connection.execute<Array<{ total: number }>>(
          `select count(*)::int as total ${FILTERED_INVITATIONS}`,
          filter,
        )
      )[0].total;
    const histories = await this.historiesOf(page.map((row) => row.id));
    return {
      rows: page.map((row) => {
        const history = histories.get(row.id) ?? [];
        const delegated = history.findLast((entry) => entry.answer === Answer.Delegate);
        return {
          id: row.id,
          name: row.name,
          email: row.email,
          institution: row.institution,
          session: inLanguage(language, row.title_sq, row.title_en) ?? '',
          status: row.status,
          optedOut: row.opted_out,
          respondedAt: sqlDateOrNull(row.responded_at),
          standsInFor: row.stands_in_for,
          substitute:
            row.status === InvitationStatus.Delegated ? (delegated?.substitute ?? null) : null,
          history,
        };
      }),
      pager: pager(
        { total, limit: query.invitationsLimit, offset: query.invitationsOffset },
        (offset) => link({ invitationsOffset: offset || undefined }),
      ),
      filter: {
        sessionId: query.sessionId,
        answer: query.answer,
        institutionId: query.institutionId,
      },
      sessions,
      institutions,
      answers: Object.values(InvitationStatus),
    };
  }

  /** Each invitation's answers in the order given, for the whole page in one read. */
  private async historiesOf(invitationIds: string[]): Promise<Map<string, AnswerHistoryEntry[]>> {
    if (invitationIds.length === 0) return new Map();
    const entries = await this.em.getConnection().execute<Array<HistoryRecord>>(
      `select r.invitation_id, r.answer, r.source, r.note, substitute.full_name as substitute,
              recorder.name as "recordedBy", r.created_at as at
         from invitation_response r
         left join contact substitute on substitute.id = r.substitute_id
         left join app_user recorder on recorder.id = r.recorded_by_id
        where r.invitation_id in (?)
        order by r.created_at, r.id`,
      [invitationIds],
    );
    const histories = new Map<string, AnswerHistoryEntry[]>();
    for (const { invitation_id, at, ...entry } of entries) {
      const history = histories.get(invitation_id) ?? [];
      history.push({ ...entry, at: sqlDate(at) });
      histories.set(invitation_id, history);
    }
    return histories;
  }

  /** The filter offers the institutions whose people this round invited, not the whole directory. */
  private institutionsInvited(roundId: string): Promise<Array<{ id: string; name: string }>> {
    return this.em.getConnection().execute(
      `select distinct i.id, i.name
         from invitation v
         join session s on s.id = v.session_id
         join contact c on c.id = v.contact_id
         join institution i on i.id = c.institution_id
        where s.round_id = ?
        order by i.name`,
      [roundId],
    );
  }
}
