import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { MessageStatus } from '../messaging/message-status';
import { TemplateName } from '../messaging/template-name';
import { Invitation } from '../rounds/invitation.entity';
import { MessageWriter } from './message-writer';
import { SendQueue } from './send-queue';
import { StepJobs } from './step-jobs';
import { StepStatus } from './step-kind';
import { Step } from './step.entity';

export interface AnsweredInvitation {
  invitation: Invitation;
  /** The colleague's own invitation, when the answer named one. */
  substituteInvitation?: Invitation;
  /** False when the answer repeated the one already recorded. */
  changed: boolean;
  /** Steps the answer planned: a withdrawn colleague's notice, a revived one's invitation. */
  planned: Step[];
}

/**
 * The e-mails an answer sets off, written once it has committed: its
 * confirmation to the invitee, and the colleague's invitation through the
 * round's invite step, so that the colleague then gets the same reminders
 * as everyone invited with them. A repeated answer sets off nothing.
 */
@Injectable()
export class AnswerMail {
  private readonly logger = new Logger(AnswerMail.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly messages: MessageWriter,
    private readonly sendQueue: SendQueue,
    private readonly config: AppConfig,
    private readonly stepJobs: StepJobs,
  ) {}

  /** Never throws: the answer is recorded whatever becomes of its e-mails. */
  async afterAnswer({
    invitation,
    substituteInvitation,
    changed,
    planned,
  }: AnsweredInvitation): Promise<void> {
    if (!changed) return;
    await this.stepJobs.enqueue(planned);
    try {
      // A confirmation's row is new, so no send job holds it: nothing to look up among the queue's jobs.
      await this.sendQueue.enqueueFresh([await this.writeConfirmation(invitation)]);
      if (substituteInvitation) {
        await this.sendQueue.enqueue(await this.inviteSubstitute(substituteInvitation));
      }
    } catch (error) {
      // Rows already written are still queued: the reconciler gives them their jobs.
      this.logger.warn(
        `E-mails after the answer to invitation ${invitation.id}: ${(error as Error).message}`,
      );
    }
  }

  private async writeConfirmation(invitation: Invitation): Promise<string> {
    const id = randomUUID();
    const host = new URL(this.config.appUrl).hostname;
    await this.orm.em.getConnection().execute(
      `insert into message (id, dedupe_key, round_id, invitation_id, contact_id, template, message_id_header,
                            recipient, language, status, attempts, created_at)
       select ?, ?, s.round_id, i.id, c.id, ?, ?, c.email, c.language, ?, 0, clock_timestamp()
         from invitation i
         join session s on s.id = i.session_id
         join contact c on c.id = i.contact_id
        where i.id = ?`,
      [
        id,
        `answer-${id}`,
        TemplateName.AnswerConfirmation,
        `<${id}@${host}>`,
        MessageStatus.Queued,
        invitation.id,
      ],
    );
    return id;
  }

  /**
   * Only once the invite step has run: before that, the step itself invites
   * the colleague.
   */
  private async inviteSubstitute(substitute: Invitation): Promise<string[]> {
    if (!substitute.inviteStepId) return [];
    const em = this.orm.em.fork();
    const step = await em.findOne(
      Step,
      { id: substitute.inviteStepId, status: StepStatus.Done },
      { populate: ['round'] },
    );
    if (!step) return [];
    return this.messages.writeOne(em, step, {
      contactId: substitute.contact.id,
      template: TemplateName.Invitation,
    });
  }
}
