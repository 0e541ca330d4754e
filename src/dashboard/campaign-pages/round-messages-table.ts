import { Injectable } from '@nestjs/common';
import { MessageStatus } from '../../messaging/message-status';
import { MessageListQueryDto, MessageView } from '../../workflow/dto/message.view';
import { RoundTimeline } from '../../workflow/round-timeline';
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

/** The round's message log, newest first: what went out, to whom, and what the SMTP server said. */
@Injectable()
export class RoundMessagesTable {
  constructor(private readonly timeline: RoundTimeline) {}

  async build(
    roundId: string,
    query: RoundPageQueryDto,
    link: (params: LinkParams) => string,
  ): Promise<MessagesTable> {
    const page = await this.timeline.messages(
      roundId,
      Object.assign(new MessageListQueryDto(), {
        status: query.messageStatus,
        order: 'desc',
        limit: query.messagesLimit,
        offset: query.messagesOffset,
      }),
    );
    const failed =
      query.messageStatus === MessageStatus.Failed
        ? page.total
        : (
            await this.timeline.messages(
              roundId,
              Object.assign(new MessageListQueryDto(), { status: MessageStatus.Failed, limit: 1 }),
            )
          ).total;
    const choices: Array<MessageStatus | null> = [null, ...Object.values(MessageStatus)];
    return {
      rows: page.items,
      pager: pager(page, (offset) => link({ messagesOffset: offset || undefined })),
      status: query.messageStatus,
      failed,
      filters: choices.map((status) => ({
        status,
        href: link({ messageStatus: status ?? undefined, messagesOffset: undefined }),
        current: (query.messageStatus ?? null) === status,
      })),
    };
  }
}
