import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MailTransport } from '../messaging/mail-transport';
import { JobData, JobName } from '../queue/jobs';
import { OnJob } from '../queue/on-job.decorator';
import { Composition, EmailComposer } from './email-composer';
import { ReportMailComposer } from './report-mail-composer';
import { ROUND_REPORT_MAIL } from './report-step';
import { Accepted, MessageOutcomes, Retry } from './message-outcomes';
import { loadOutgoing } from './outgoing-batch';
import { SendLocks } from './send-locks';
import { SendQueue } from './send-queue';

/**
 * Sends a batch of queued messages. It claims them first (a message another
 * sender holds is that sender's to send), then holds their rounds against a
 * change of plan while it reads and sends: a reschedule or cancel either
 * commits before the read, and the e-mail is skipped or composed anew, or
 * waits until the batch has left. Each e-mail is recorded as sent the moment
 * the SMTP server accepts it; the one window left is that acceptance and
 * this process dying before the row says so, and the retry then carries the
 * same Message-ID.
 */
@Injectable()
export class MessageSender {
  constructor(
    private readonly orm: MikroORM,
    private readonly composer: EmailComposer,
    private readonly reportMail: ReportMailComposer,
    private readonly transport: MailTransport,
    private readonly locks: SendLocks,
    private readonly outcomes: MessageOutcomes,
    private readonly sendQueue: SendQueue,
    private readonly config: AppConfig,
  ) {}

  @OnJob(JobName.SendMessages)
  async send({ messageIds }: JobData<JobName.SendMessages>): Promise<void> {
    const claim = await this.locks.claim(messageIds);
    const retries: Retry[] = [];
    try {
      if (claim.messageIds.length === 0) return;
      const { roundIds, contactIds } = await this.heldBy(claim.messageIds);
      await claim.holdRounds(roundIds);
      await claim.holdContacts(contactIds);
      const outgoing = await loadOutgoing(this.orm.em.fork(), claim.messageIds);
      await this.outcomes.skipped(outgoing.flatMap(({ skip }) => (skip ? [skip] : [])));
      const compositions = outgoing.flatMap(({ send }) => (send ? [send] : []));
      await inParallel(compositions, this.config.sendConcurrency, async (composition) => {
        const retry = await this.sendOne(composition);
        if (retry) retries.push(retry);
      });
    } finally {
      await claim.release();
    }
    // Only now: a retry due at once must find the message no longer claimed.
    await this.sendQueue.retry(retries);
  }

  private async sendOne(composition: Composition): Promise<Retry | null> {
    const id = composition.message.id;
    let accepted: Accepted;
    try {
      const { mail, tells } =
        composition.message.template === ROUND_REPORT_MAIL
          ? { mail: await this.reportMail.compose(composition), tells: [] }
          : this.composer.compose(composition);
      const sent = await this.transport.send(mail);
      accepted = { id, subject: mail.subject, response: sent.response, tells };
    } catch (error) {
      return this.outcomes.failed(composition.message, error);
    }
    // Outside the catch: an accepted e-mail whose record fails must not count as a failed send.
    await this.outcomes.sent(accepted);
    return null;
  }

  private async heldBy(
    messageIds: string[],
  ): Promise<{ roundIds: string[]; contactIds: string[] }> {
    const rows = await this.orm.em
      .getConnection()
      .execute<Array<{ round_id: string | null; contact_id: string | null }>>(
        'select round_id, contact_id from message where id in (?)',
        [messageIds],
      );
    const present = (ids: Array<string | null>) =>
      [...new Set(ids)].filter((id): id is string => id !== null);
    return {
      roundIds: present(rows.map((row) => row.round_id)),
      contactIds: present(rows.map((row) => row.contact_id)),
    };
  }
}

/**
 * Runs `work` over the items with at most `limit` of them in flight. After a
 * failure no lane starts another item: an e-mail sent when its record cannot
 * be written would only be sent again by the retry.
 */
async function inParallel<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (next < items.length && !failed) {
      await work(items[next++]).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
