import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestError } from '../common/request-error';
import { MessageStatus } from '../messaging/message-status';
import { Message } from '../messaging/message.entity';
import { SendQueue } from './send-queue';

/**
 * Sends a failed e-mail again when the office asks, once the cause is put
 * right (a mailbox that was full, an address corrected): a fresh start with
 * every retry of a new message, through the same send job as any other.
 */
@Injectable()
export class MessageResend {
  constructor(
    private readonly em: EntityManager,
    private readonly sendQueue: SendQueue,
  ) {}

  /**
   * @returns the round the message belongs to, if any.
   * @throws RequestError 404 for an unknown message, 409 for one that has not failed.
   */
  async resend(messageId: string): Promise<{ roundId: string | null }> {
    // One statement: of two clicks at once, only one finds the message still failed.
    const [requeued] = await this.em.getConnection().execute<Array<{ round_id: string | null }>>(
      `update message set status = ?, attempts = 0, error = null
          where id = ? and status = ? returning round_id`,
      [MessageStatus.Queued, messageId, MessageStatus.Failed],
    );
    if (!requeued) {
      const message = await this.em.fork().findOne(Message, { id: messageId });
      if (!message) throw RequestError.notFound('message');
      throw RequestError.conflict(
        'status',
        `the message is ${message.status}; only a failed message can be sent again`,
      );
    }
    // A failed message has no job left; should this enqueue fail, the reconciler finds the row queued.
    await this.sendQueue.enqueueFresh([messageId]);
    return { roundId: requeued.round_id };
  }
}
