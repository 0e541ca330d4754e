import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlDate, sqlDateOrNull } from '../../database/sql-dates';
import { MessageStatus } from '../../messaging/message-status';
import { MessageView } from '../../workflow/dto/message.view';
import { LinkParams, Pager, pager } from './page-links';
import { RoundPageQueryDto } from './round-page-query.dto';

export interface MessagesTable {
  rows: MessageView[];
  pager: Pager;
  status: MessageStatus | undefined;
  /** Failed e-mails of the whole round, whatever the filter: the number the office must not miss. */
  failed: number;
  /** The filter's choices as links: all, then each status. */
  filters: Array<{ status: MessageStatus | null; href: string; current: boolean }>;
}

interface MessageRow {
  id: string;
  step_id: string | null;
  contact_id: string | null;
  contact_name: string | null;
  recipient: string;
  template: string;
  language: string;
  subject: string | null;
  status: MessageStatus;
  attempts: number;
  smtp_response: string | null;
  error: string | null;
  sent_at: string | null;
  created_at: string;
}

/**
 * The round's message log, newest first: what went out, to whom, and what
 * the SMTP server said. Read as plain rows in two statements (the page, and
 * the round's count per status, which gives both the filter's total and the
 * failures): mapping entities cost the round page more than PostgreSQL did
 * (npm run bench:pages).
 */
@Injectable()
export class RoundMessagesTable {
  constructor(private readonly em: EntityManager) {}

  async build(
    roundId: string,
    query: RoundPageQueryDto,
    link: (params: LinkParams) => string,
  ): Promise<MessagesTable> {
    const connection = this.em.getConnection();
    const status = query.messageStatus ?? null;
    const [rows, counts] = await Promise.all([
      connection.execute<MessageRow[]>(
        `select m.id, m.step_id, m.contact_id, c.full_name as contact_name, m.recipient,
                m.template, m.language, m.subject, m.status, m.attempts, m.smtp_response,
                m.error, m.sent_at, m.created_at
           from message m left join contact c on c.id = m.contact_id
          where m.round_id = ? and (?::text is null or m.status = ?)
          order by m.created_at desc, m.id asc
          limit ? offset ?`,
        [roundId, status, status, query.messagesLimit, query.messagesOffset],
      ),
      connection.execute<Array<{ status: MessageStatus; n: number }>>(
        'select status, count(*)::int as n from message where round_id = ? group by status',
        [roundId],
      ),
    ]);
    const countOf = (wanted: MessageStatus) => counts.find((c) => c.status === wanted)?.n ?? 0;
    const total = status ? countOf(status) : counts.reduce((sum, c) => sum + c.n, 0);
    const choices: Array<MessageStatus | null> = [null, ...Object.values(MessageStatus)];
    return {
      rows: rows.map(toMessageView),
      pager: pager({ total, limit: query.messagesLimit, offset: query.messagesOffset }, (offset) =>
        link({ messagesOffset: offset || undefined }),
      ),
      status: query.messageStatus,
      failed: countOf(MessageStatus.Failed),
      filters: choices.map((choice) => ({
        status: choice,
        href: link({ messageStatus: choice ?? undefined, messagesOffset: undefined }),
        current: status === choice,
      })),
    };
  }
}

function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    stepId: row.step_id,
    contactId: row.contact_id,
    contactName: row.contact_name,
    recipient: row.recipient,
    template: row.template,
    language: row.language,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    smtpResponse: row.smtp_response,
    error: row.error,
    sentAt: sqlDateOrNull(row.sent_at),
    createdAt: sqlDate(row.created_at),
  };
}
