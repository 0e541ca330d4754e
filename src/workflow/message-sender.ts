import { LockMode, MikroORM } from '@mikro-orm/postgresql';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { MessageStatus } from '../messaging/message-status';
import { Message } from '../messaging/message.entity';
import { MailTransport } from '../messaging/mail-transport';
import { classifySmtpError } from '../messaging/smtp-error';
import { TemplateRenderError } from '../messaging/template-renderer';
import { Round } from '../rounds/round.entity';
import { JobData, JobName } from '../queue/jobs';
import { OnJob } from '../queue/on-job.decorator';
import { EmailComposer } from './email-composer';
import { invitationsForMessage } from './message-sessions';
import { StepKind } from './step-kind';
import { Step } from './step.entity';

/** Reminders carry the times of the schedule they were written for; a newer schedule voids them. */
const VERSION_BOUND = new Set([StepKind.Remind, StepKind.ChangeNotice]);

/**
 * Sends one queued message. It holds a share lock on the round while it
 * checks and sends, so a reschedule or cancel (which takes the row lock)
 * either commits before the check, and the e-mail is skipped or rendered
 * anew, or waits until the e-mail has left. A message already sent is never
 * sent again; the one window left is the SMTP server accepting it and this
 * process dying before the row says so, and a retry then carries the same
 * Message-ID.
 */
@Injectable()
export class MessageSender {
  constructor(
    private readonly orm: MikroORM,
    private readonly composer: EmailComposer,
    private readonly transport: MailTransport,
  ) {}

  @OnJob(JobName.SendMessage)
  async send({ messageId }: JobData<JobName.SendMessage>, job: Job): Promise<void> {
    try {
      await this.orm.em.fork().transactional((em) => this.sendIn(em, messageId));
    } catch (error) {
      await this.recordFailure(messageId, error, job);
    }
  }

  private async sendIn(em: EntityManager, messageId: string): Promise<void> {
    // Locked: a second worker handed the same job after a lapsed BullMQ lock waits, then finds it sent.
    const message = await em.findOne(
      Message,
      { id: messageId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!message || message.status !== MessageStatus.Queued || !message.contact || !message.stepId)
      return;
    await em.populate(message, ['contact']);
    const step = await em.findOneOrFail(Step, { id: message.stepId });
    const round = await em.findOneOrFail(
      Round,
      { id: step.round.id },
      { lockMode: LockMode.PESSIMISTIC_READ, populate: ['campaign', 'county', 'staff'] },
    );
    const skip = (reason: string) => {
      message.status = MessageStatus.Skipped;
      message.error = reason;
    };
    if (VERSION_BOUND.has(step.kind) && step.version !== round.scheduleVersion) {
      return skip('the round was rescheduled or cancelled before it left');
    }
    if (message.contact.optedOut || message.contact.archivedAt) {
      return skip('the contact opted out or was archived');
    }
    const invitations = await invitationsForMessage(em, message, step);
    if (invitations.length === 0) return skip('none of its sessions is still planned');

    const mail = this.composer.compose({ message, step, round, invitations });
    message.subject = mail.subject;
    message.attempts += 1;
    const sent = await this.transport.send(mail);
    message.status = MessageStatus.Sent;
    message.sentAt = new Date();
    message.smtpResponse = sent.response;
    message.error = null;
  }

  /**
   * Records why a try failed. Temporary SMTP failures go back to BullMQ for a
   * retry with back-off until the attempts run out; a permanent refusal or a
   * template that cannot render fails the message at once.
   */
  private async recordFailure(messageId: string, error: unknown, job: Job): Promise<never> {
    const rendering = error instanceof TemplateRenderError;
    const { permanent, reply } = rendering
      ? { permanent: true, reply: (error as Error).message }
      : classifySmtpError(error);
    const lastTry = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.orm.em.fork().nativeUpdate(
      Message,
      { id: messageId, status: MessageStatus.Queued },
      {
        attempts: job.attemptsMade + 1,
        error: reply.slice(0, 1000),
        ...(lastTry ? { status: MessageStatus.Failed } : {}),
        ...(rendering ? {} : { smtpResponse: reply.slice(0, 1000) }),
      },
    );
    if (permanent) throw new UnrecoverableError(reply);
    throw error;
  }
}
