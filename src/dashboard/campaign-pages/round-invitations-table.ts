import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Language } from '../../common/language';
import { inLanguage } from '../../reports/localised';
import { InvitationListQueryDto } from '../../rounds/dto/invitation.dto';
import { InvitationStatus } from '../../rounds/invitation-status';
import { Invitation } from '../../rounds/invitation.entity';
import { InvitationsService } from '../../rounds/invitations.service';
import { RoundSession } from '../../rounds/round-session.entity';
import { Round } from '../../rounds/round.entity';
import { Answer } from '../../rsvp/answer';
import { InvitationResponse } from '../../rsvp/invitation-response.entity';
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

/**
 * The round page's invitations: who was invited to which session, what they
 * answered and how their answer changed, and who stands in for whom.
 */
@Injectable()
export class RoundInvitationsTable {
  constructor(
    private readonly em: EntityManager,
    private readonly invitations: InvitationsService,
  ) {}

  async build(
    round: Round,
    sessions: RoundSession[],
    query: RoundPageQueryDto,
    language: Language,
    link: (params: LinkParams) => string,
  ): Promise<InvitationsTable> {
    const page = await this.invitations.list(
      round,
      Object.assign(new InvitationListQueryDto(), {
        sessionId: query.sessionId,
        status: query.answer,
        institutionId: query.institutionId,
        limit: query.invitationsLimit,
        offset: query.invitationsOffset,
      }),
    );
    await this.em.populate(page.items, ['substituteFor.contact']);
    const histories = await this.historiesOf(page.items);
    const rows: InvitationRow[] = [];
    for (const invitation of page.items) {
      const history = histories.get(invitation.id) ?? [];
      const delegated = history.findLast((entry) => entry.answer === Answer.Delegate);
      rows.push({
        id: invitation.id,
        name: invitation.contact.fullName,
        email: invitation.contact.email,
        institution: invitation.contact.institution?.name ?? null,
        session: inLanguage(language, invitation.session.titleSq, invitation.session.titleEn) ?? '',
        status: invitation.status,
        respondedAt: invitation.respondedAt,
        standsInFor: invitation.substituteFor?.contact.fullName ?? null,
        substitute:
          invitation.status === InvitationStatus.Delegated
            ? (delegated?.substitute?.fullName ?? null)
            : null,
        history: history.map((entry) => ({
          answer: entry.answer,
          source: entry.source,
          note: entry.note,
          substitute: entry.substitute?.fullName ?? null,
          recordedBy: entry.recordedBy?.name ?? null,
          at: entry.createdAt,
        })),
      });
    }
    return {
      rows,
      pager: pager(page, (offset) => link({ invitationsOffset: offset || undefined })),
      filter: {
        sessionId: query.sessionId,
        answer: query.answer,
        institutionId: query.institutionId,
      },
      sessions: sessions.map((session) => ({
        id: session.id,
        title: inLanguage(language, session.titleSq, session.titleEn) ?? '',
      })),
      institutions: await this.institutionsInvited(round),
      answers: Object.values(InvitationStatus),
    };
  }

  /**
   * RsvpService.history for a whole page in one read: one read per row made
   * the page's ORM work grow with its length (25 rows, 25 reads), which kept
   * the round page at a few dozen pages a second (npm run bench:pages).
   */
  private async historiesOf(invitations: Invitation[]): Promise<Map<string, InvitationResponse[]>> {
    if (invitations.length === 0) return new Map();
    const responses = await this.em.find(
      InvitationResponse,
      { invitation: { $in: invitations } },
      { populate: ['substitute', 'recordedBy'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const histories = new Map<string, InvitationResponse[]>();
    for (const response of responses) {
      const history = histories.get(response.invitation.id) ?? [];
      history.push(response);
      histories.set(response.invitation.id, history);
    }
    return histories;
  }

  /** The filter offers the institutions whose people this round invited, not the whole directory. */
  private institutionsInvited(round: Round): Promise<Array<{ id: string; name: string }>> {
    return this.em.getConnection().execute(
      `select distinct i.id, i.name
         from invitation v
         join session s on s.id = v.session_id
         join contact c on c.id = v.contact_id
         join institution i on i.id = c.institution_id
        where s.round_id = ?
        order by i.name`,
      [round.id],
    );
  }
}
