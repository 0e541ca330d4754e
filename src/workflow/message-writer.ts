import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { ReminderAudience } from '../campaigns/workflow-policy';
import { MessageStatus } from '../messaging/message-status';
import { TemplateName } from '../messaging/template-name';
import { StepKind } from './step-kind';
import { StepRecipient } from './step-recipients';
import { Step } from './step.entity';

const INSERT_CHUNK = 1000;

/** The e-mail template each kind of step sends; reminders depend on their audience. */
export function templateFor(step: Step): TemplateName {
  switch (step.kind) {
    case StepKind.Invite:
      return TemplateName.Invitation;
    case StepKind.Remind:
      return step.audience === ReminderAudience.Accepted
        ? TemplateName.DayBeforeReminder
        : TemplateName.Reminder;
    case StepKind.ChangeNotice:
      return TemplateName.ChangeNotice;
    case StepKind.CancelNotice:
      return TemplateName.CancellationNotice;
    default:
      throw new Error(`step ${step.kind} sends no e-mail`);
  }
}

function dedupeKeyOf(step: Step, contactId: string): string {
  return `step-${step.id}-contact-${contactId}`;
}

/**
 * Writes one queued message row per recipient of a step, with the recipient's
 * template, before any send job exists. The dedupe key (step, which fixes round and schedule version, and
 * contact) makes a second run of the same step write nothing new.
 */
@Injectable()
export class MessageWriter {
  /** Read once: a fan-out names thousands of messages. */
  private readonly host: string;

  constructor(private readonly config: AppConfig) {
    this.host = new URL(config.appUrl).hostname;
  }

  /** Every message of the step still queued, including those an earlier run wrote. */
  async writeFor(em: EntityManager, step: Step, recipients: StepRecipient[]): Promise<string[]> {
    await this.insert(em, step, recipients);
    return this.queuedOf(em, step);
  }

  /** One late recipient of a step that has run (a colleague sent instead): their message, if still queued. */
  async writeOne(em: EntityManager, step: Step, recipient: StepRecipient): Promise<string[]> {
    await this.insert(em, step, [recipient]);
    const rows = await em
      .getConnection()
      .execute<{ id: string }[]>(`select id from message where dedupe_key = ? and status = ?`, [
        dedupeKeyOf(step, recipient.contactId),
        MessageStatus.Queued,
      ]);
    return rows.map((row) => row.id);
  }

  private async insert(em: EntityManager, step: Step, recipients: StepRecipient[]): Promise<void> {
    const connection = em.getConnection();
    for (let start = 0; start < recipients.length; start += INSERT_CHUNK) {
      const rows = recipients.slice(start, start + INSERT_CHUNK).map(({ contactId, template }) => {
        const id = randomUUID();
        return [
          id,
          dedupeKeyOf(step, contactId),
          step.round.id,
          step.id,
          step.version,
          contactId,
          template,
          this.messageIdHeader(id),
        ];
      });
      await connection.execute(
        `insert into message (id, dedupe_key, round_id, step_id, version, contact_id, template, message_id_header,
                              recipient, language, status, attempts, created_at)
         select v.id::uuid, v.dedupe_key, v.round_id::uuid, v.step_id::uuid, v.version::int, v.contact_id::uuid,
                v.template, v.message_id_header, c.email, c.language, '${MessageStatus.Queued}', 0, now()
           from (values ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')})
                as v(id, dedupe_key, round_id, step_id, version, contact_id, template, message_id_header)
           join contact c on c.id = v.contact_id::uuid
         on conflict (dedupe_key) do nothing`,
        rows.flat(),
      );
    }
  }

  /**
   * An e-mail to the round's staff member in charge, in their language: the
   * attendance-opens e-mail while its session is still planned, or the
   * reminder that no attendance was recorded. A round with no one in charge
   * gets none; its sheets are filled in through the API.
   */
  async writeForStaff(em: EntityManager, step: Step, template: TemplateName): Promise<string[]> {
    const id = randomUUID();
    await em.getConnection().execute(
      `insert into message (id, dedupe_key, round_id, step_id, version, template, message_id_header,
                            recipient, language, status, attempts, created_at)
       select ?::uuid, ?, r.id, st.id, st.version, ?, ?, u.email, u.language, ?, 0, now()
         from step st
         join round r on r.id = st.round_id
         join app_user u on u.id = r.staff_id
         left join session s on s.id = st.session_id
        where st.id = ? and (st.session_id is null or s.status = 'planned')
       on conflict (dedupe_key) do nothing`,
      [
        id,
        `step-${step.id}-staff`,
        template,
        this.messageIdHeader(id),
        MessageStatus.Queued,
        step.id,
      ],
    );
    return this.queuedOf(em, step);
  }

  /**
   * The round's report to each of the campaign's report recipients, in the
   * language of the contact with that address, else the campaign's first.
   */
  async writeForReportRecipients(
    em: EntityManager,
    step: Step,
    template: string,
  ): Promise<string[]> {
    const recipients = step.round.campaign.reportRecipients;
    if (recipients.length > 0) {
      const rows = recipients.map((address) => {
        const id = randomUUID();
        return [
          id,
          `step-${step.id}-to-${address.toLowerCase()}`,
          address,
          this.messageIdHeader(id),
        ];
      });
      await em.getConnection().execute(
        `insert into message (id, dedupe_key, round_id, step_id, version, template, message_id_header,
                              recipient, language, status, attempts, created_at)
         select v.id::uuid, v.dedupe_key, st.round_id, st.id, st.version, ?, v.message_id_header,
                v.address, coalesce(c.language, cp.languages[1]), ?, 0, now()
           from (values ${rows.map(() => '(?, ?, ?, ?)').join(', ')})
                as v(id, dedupe_key, address, message_id_header)
           join step st on st.id = ?
           join round r on r.id = st.round_id
           join campaign cp on cp.id = r.campaign_id
           left join lateral (
             select language from contact
              where lower(email) = lower(v.address) and archived_at is null
              limit 1) c on true
         on conflict (dedupe_key) do nothing`,
        [template, MessageStatus.Queued, ...rows.flat(), step.id],
      );
    }
    return this.queuedOf(em, step);
  }

  /**
   * The thank-you to each walk-in who left an e-mail, once per address
   * however many sessions they came to, in the campaign's first language.
   * An address someone opted out or the office archived is left out, and so
   * is one a contact of this round's follow-up already gets. Returns every
   * message of the step still queued, the contacts' included.
   */
  async writeForWalkIns(em: EntityManager, step: Step, template: TemplateName): Promise<string[]> {
    await em.getConnection().execute(
      `insert into message (id, dedupe_key, round_id, step_id, version, template, message_id_header,
                            recipient, language, status, attempts, created_at)
       select a.id, 'step-' || st.id || '-walk-in-' || a.email, st.round_id, st.id, st.version, ?,
              '<' || a.id || '@' || ? || '>', a.email, cp.languages[1], ?, 0, now()
         from step st
         join round r on r.id = st.round_id
         join campaign cp on cp.id = r.campaign_id
         cross join lateral (
           select gen_random_uuid() as id, w.email
             from walk_in w
             join session_attendance sa on sa.id = w.attendance_id
             join session s on s.id = sa.session_id
            where s.round_id = r.id and s.status = 'planned' and w.email is not null
              and not exists (
                select 1 from contact c
                 where lower(c.email) = w.email and (c.opted_out or c.archived_at is not null))
              and not exists (
                select 1 from message m join contact c on c.id = m.contact_id
                 where m.step_id = st.id and lower(c.email) = w.email)
            group by w.email) a
        where st.id = ?
       on conflict (dedupe_key) do nothing`,
      [template, this.host, MessageStatus.Queued, step.id],
    );
    return this.queuedOf(em, step);
  }

  private messageIdHeader(id: string): string {
    return `<${id}@${this.host}>`;
  }

  private async queuedOf(em: EntityManager, step: Step): Promise<string[]> {
    const queued = await em
      .getConnection()
      .execute<{ id: string }[]>(`select id from message where step_id = ? and status = ?`, [
        step.id,
        MessageStatus.Queued,
      ]);
    return queued.map((row) => row.id);
  }
}
