import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MessageStatus } from '../messaging/message-status';
import { Message } from '../messaging/message.entity';
import { classifySmtpError } from '../messaging/smtp-error';
import { TemplateRenderError } from '../messaging/template-renderer';
import { Telling } from './told/told-state';

/** SMTP replies and reasons are kept to the column's length. */
const REPLY_LENGTH = 1000;

/**
 * How long acceptances wait for PostgreSQL to record them. A database restart
 * takes seconds; giving up sooner would leave accepted e-mails queued, to be
 * sent again by the retry. Meanwhile the senders wait on their record and
 * send nothing more.
 */
const RECORD_PATIENCE_MS = 60_000;
const RECORD_RETRY_MAX_MS = 500;

/** A message to try again, alone, once the back-off has passed. */
export interface Retry {
  messageId: string;
  delayMs: number;
}

/** An e-mail the relay accepted, and what it told its person of each invitation. */
export interface Accepted {
  id: string;
  subject: string;
  response: string;
  tells: Telling[];
}

/**
 * Writes what became of each e-mail on its message row, in plain SQL, each
 * update applying only to a row still queued. E-mails accepted by the SMTP
 * server are recorded at once, in group commits: while one update is on its
 * way, the acceptances that arrive meanwhile wait and go together in the
 * next. Nothing waits for a group to fill, so the window in which an
 * accepted e-mail is not yet recorded stays the time of one commit.
 */
@Injectable()
export class MessageOutcomes {
  private waiting: Array<{ accepted: Accepted; settle: (error?: unknown) => void }> = [];
  private committing = false;
  private readonly logger = new Logger(MessageOutcomes.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
  ) {}

  /** Resolves once the row says sent. */
  sent(accepted: Accepted): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ accepted, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.committing) void this.commitWaiting();
    });
  }

  private async commitWaiting(): Promise<void> {
    this.committing = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      const error = await this.recordPatiently(group.map(({ accepted }) => accepted)).then(
        () => undefined,
        (failure: unknown) => failure ?? new Error('recording sent e-mails failed'),
      );
      for (const { settle } of group) settle(error);
    }
    this.committing = false;
  }

  /** Tries again while the database is away, up to RECORD_PATIENCE_MS. */
  private async recordPatiently(accepted: Accepted[]): Promise<void> {
    const giveUpAt = Date.now() + RECORD_PATIENCE_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.recordSent(accepted);
      } catch (error) {
        if (Date.now() >= giveUpAt) throw error;
        if (attempt === 0)
          this.logger.warn(
            `Could not record ${accepted.length} accepted e-mail(s), retrying: ${String(error)}`,
          );
        const delay = Math.min(50 * 2 ** attempt, RECORD_RETRY_MAX_MS);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * The rows say sent, and what each e-mail told becomes what its person was
   * last told, in one statement: a crash never leaves one without the other.
   * Of two e-mails about one invitation in a group, the later SEQUENCE wins;
   * a stored one is never replaced by a lower one.
   */
  private async recordSent(accepted: Accepted[]): Promise<void> {
    await this.orm.em.getConnection().execute(
      `with sent as (
         update message m
            set status = ?, sent_at = now(), subject = v.subject, smtp_response = v.response,
                attempts = m.attempts + 1, error = null
           from jsonb_to_recordset(?::jsonb) as v(id uuid, subject text, response text)
          where m.id = v.id and m.status = ?
         returning m.id)
       insert into invitation_told (invitation_id, starts_at, ends_at, title_sq, title_en, venue_sq, venue_en,
                                    session_cancelled, calendar_method, sequence, answer, told_at)
       select distinct on (t.invitation_id)
              t.invitation_id, t.starts_at, t.ends_at, t.title_sq, t.title_en, t.venue_sq, t.venue_en,
              t.session_cancelled, t.calendar_method, t.sequence, t.answer, now()
         from jsonb_to_recordset(?::jsonb) as t(message_id uuid, invitation_id uuid, starts_at timestamptz,
                ends_at timestamptz, title_sq text, title_en text, venue_sq text, venue_en text,
                session_cancelled boolean, calendar_method text, sequence int, answer text)
         join sent on sent.id = t.message_id
        order by t.invitation_id, t.sequence desc
       on conflict (invitation_id) do update
          set starts_at = excluded.starts_at, ends_at = excluded.ends_at,
              title_sq = excluded.title_sq, title_en = excluded.title_en,
              venue_sq = excluded.venue_sq, venue_en = excluded.venue_en,
              session_cancelled = excluded.session_cancelled,
              calendar_method = excluded.calendar_method, sequence = excluded.sequence,
              answer = excluded.answer, told_at = excluded.told_at
        where invitation_told.sequence <= excluded.sequence`,
      [
        MessageStatus.Sent,
        JSON.stringify(
          accepted.map(({ id, subject, response }) => ({
            id,
            subject,
            response: response.slice(0, REPLY_LENGTH),
          })),
        ),
        MessageStatus.Queued,
        JSON.stringify(
          accepted.flatMap(({ id, tells }) =>
            tells.map((telling) => ({
              message_id: id,
              invitation_id: telling.invitationId,
              starts_at: telling.startsAt.toISOString(),
              ends_at: telling.endsAt.toISOString(),
              title_sq: telling.titleSq,
              title_en: telling.titleEn,
              venue_sq: telling.venueSq,
              venue_en: telling.venueEn,
              session_cancelled: telling.sessionCancelled,
              calendar_method: telling.calendarMethod,
              sequence: telling.sequence,
              answer: telling.answer,
            })),
          ),
        ),
      ],
    );
  }

  async skipped(skips: Array<{ message: Message; reason: string }>): Promise<void> {
    if (skips.length === 0) return;
    await this.orm.em.getConnection().execute(
      `update message m set status = ?, error = v.reason
         from jsonb_to_recordset(?::jsonb) as v(id uuid, reason text)
        where m.id = v.id and m.status = ?`,
      [
        MessageStatus.Skipped,
        JSON.stringify(skips.map(({ message, reason }) => ({ id: message.id, reason }))),
        MessageStatus.Queued,
      ],
    );
  }

  /**
   * Records why a try failed. A temporary SMTP failure (4xx, lost connection)
   * returns the retry to make, after a back-off that doubles with each
   * attempt, until the attempts run out; a permanent refusal, or a template
   * that cannot render, fails the message at once.
   */
  async failed(message: Message, error: unknown): Promise<Retry | null> {
    const rendering = error instanceof TemplateRenderError;
    const { permanent, reply } = rendering
      ? { permanent: true, reply: error.message }
      : classifySmtpError(error);
    const attempts = message.attempts + 1;
    const final = permanent || attempts >= this.config.sendMaxAttempts;
    await this.orm.em.getConnection().execute(
      `update message set attempts = ?, error = ?, smtp_response = coalesce(?, smtp_response), status = ?
        where id = ? and status = ?`,
      [
        attempts,
        reply.slice(0, REPLY_LENGTH),
        rendering ? null : reply.slice(0, REPLY_LENGTH),
        final ? MessageStatus.Failed : MessageStatus.Queued,
        message.id,
        MessageStatus.Queued,
      ],
    );
    if (final) return null;
    return { messageId: message.id, delayMs: this.config.sendRetryBaseMs * 2 ** (attempts - 1) };
  }
}
