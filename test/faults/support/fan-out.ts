import { JobQueue } from '../../../src/queue/job-queue';
import { QueueName } from '../../../src/queue/jobs';
import { draftRound, fastCampaign } from '../../support/round-fixture';
import { ReceivedMail } from '../../support/smtp-sink';
import { TestApp } from '../../support/test-app';
import { waitFor } from '../../support/wait-for';

export interface MessageRow {
  contact_id: string;
  recipient: string;
  status: string;
  attempts: number;
  message_id_header: string;
  error: string | null;
  smtp_response: string | null;
}

let serial = 0;

/**
 * Fan-outs for the fault tests: a round inviting every contact of one
 * institution, and the checks that each recipient got their one e-mail,
 * counting every copy the SMTP server received.
 */
export class FanOut {
  constructor(private readonly app: TestApp) {}

  sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> =>
    this.app.orm.em.fork().getConnection().execute<T[]>(query, params);

  /**
   * A draft round whose one session (in an hour unless `plan` says) invites
   * every contact of a new institution: `size` contacts written in one
   * statement. The campaign invites two hours ahead, so the invitation is due
   * the moment the round is scheduled; no reminders unless `plan` has some.
   */
  async draft(
    size: number,
    plan: { startInMs?: number; reminders?: Array<{ before: string; audience: string }> } = {},
  ): Promise<{ roundId: string; sessionId: string; tag: string }> {
    serial += 1;
    const tag = `p${serial}-${Date.now().toString(36)}`;
    const institution = await this.app.post('/api/institutions', {
      name: `Shkolla e mesme “Vasil Kamami” ${tag}`,
      kind: 'school',
    });
    if (institution.status !== 201) throw new Error(JSON.stringify(institution.body));
    await this.sql(
      `insert into contact (id, full_name, institution_id, email, language, opted_out, search_key,
                            created_at, updated_at)
       select gen_random_uuid(), 'Mësues ' || g, ?::uuid, ? || '.' || g || '@example.al.test',
              case when g % 4 = 0 then 'en' else 'sq' end, false,
              'mesues ' || g || ' ' || ? || '.' || g || '@example.al.test', now(), now()
         from generate_series(1, ?::int) as g`,
      [institution.body.id, tag, tag, size],
    );
    const campaignId = await fastCampaign(this.app, {
      inviteBefore: 'PT2H',
      reminders: plan.reminders ?? [],
    });
    const { roundId, sessionIds } = await draftRound(this.app, campaignId, [
      {
        titleSq: 'Takim me mësuesit',
        titleEn: 'Meeting with the teachers',
        startInMs: plan.startInMs ?? 3600_000,
        audience: { institutionIds: [institution.body.id] },
      },
    ]);
    return { roundId, sessionId: sessionIds[0], tag };
  }

  async schedule(roundId: string): Promise<void> {
    const scheduled = await this.app.post(`/api/rounds/${roundId}/schedule`);
    if (scheduled.status !== 200) throw new Error(JSON.stringify(scheduled.body));
  }

  messageRows(roundId: string): Promise<MessageRow[]> {
    return this.sql<MessageRow>(
      `select contact_id, recipient, status, attempts, message_id_header, error, smtp_response
         from message where round_id = ?`,
      [roundId],
    );
  }

  async countSent(roundId: string): Promise<number> {
    const [row] = await this.sql<{ n: number }>(
      `select count(*)::int as n from message where round_id = ? and status = 'sent'`,
      [roundId],
    );
    return row.n;
  }

  /** `expected` rows sent, none queued, and no send job left in Redis: nothing more can arrive. */
  async settled(roundId: string, expected: number, timeoutMs: number): Promise<void> {
    const messages = this.app.app.get(JobQueue).queue(QueueName.Messages);
    await waitFor(
      `${expected} messages sent, none queued, and the message queue drained`,
      async () => {
        const rows = await this.sql<{ sent: number; queued: number }>(
          `select count(*) filter (where status = 'sent')::int as sent,
                  count(*) filter (where status = 'queued')::int as queued
             from message where round_id = ?`,
          [roundId],
        );
        if (rows[0].sent !== expected || rows[0].queued !== 0) return false;
        const counts = await messages.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0);
      },
      timeoutMs,
    );
  }

  /**
   * Checks that each recipient of a sent message got it, any copy being the
   * very same e-mail (same Message-ID, subject and text) as recorded in the
   * row, and that nobody else got anything; returns how many copies came
   * beyond the first, and their Message-IDs.
   */
  async checkDelivery(roundId: string, mails: ReceivedMail[]) {
    const rows = (await this.messageRows(roundId)).filter((r) => r.status === 'sent');
    const byRecipient = new Map(rows.map((r) => [r.recipient, r]));
    const received = new Map<string, ReceivedMail[]>();
    for (const mail of mails) {
      const list = received.get(mail.envelope.to[0]) ?? [];
      list.push(mail);
      received.set(mail.envelope.to[0], list);
    }
    const strangers = [...received.keys()].filter((address) => !byRecipient.has(address));
    const missing = rows.filter((row) => !received.has(row.recipient)).map((r) => r.recipient);
    const mismatched: string[] = [];
    const repeated: string[] = [];
    for (const [address, copies] of received) {
      const row = byRecipient.get(address);
      if (!row) continue;
      const same = copies.every(
        (copy) =>
          copy.messageId === row.message_id_header &&
          copy.subject === copies[0].subject &&
          copy.text === copies[0].text,
      );
      if (!same) mismatched.push(address);
      if (copies.length > 1) repeated.push(row.message_id_header);
    }
    return {
      strangers,
      missing,
      mismatched,
      repeats: mails.length - received.size,
      repeated,
      sent: rows.length,
    };
  }
}
