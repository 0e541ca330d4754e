import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestError } from '../common/request-error';
import { Message } from '../messaging/message.entity';
import { Round } from '../rounds/round.entity';
import { MessageListQueryDto, MessagePage } from './dto/message.view';
import { MessageCountsView, ScheduleView, StepView } from './dto/step.view';
import { Step } from './step.entity';

/** What a round's workflow did and will do: its steps with their e-mail counts, and its messages. */
@Injectable()
export class RoundTimeline {
  constructor(private readonly em: EntityManager) {}

  async schedule(roundId: string): Promise<ScheduleView> {
    const round = await this.em.findOne(Round, { id: roundId });
    if (!round) throw RequestError.notFound('round');
    const steps = await this.em.find(
      Step,
      { round },
      { orderBy: { dueAt: 'asc', createdAt: 'asc' } },
    );
    const counts = await this.em
      .getConnection()
      .execute<{ step_id: string; status: string; n: string }[]>(
        `select step_id, status, count(*) as n from message where round_id = ? group by step_id, status`,
        [roundId],
      );
    const byStep = new Map<string, MessageCountsView>();
    for (const { step_id, status, n } of counts) {
      const entry = byStep.get(step_id) ?? { queued: 0, sent: 0, failed: 0, skipped: 0 };
      entry[status as keyof MessageCountsView] = Number(n);
      byStep.set(step_id, entry);
    }
    return {
      roundId: round.id,
      status: round.status,
      scheduleVersion: round.scheduleVersion,
      steps: steps.map((step): StepView => ({
        id: step.id,
        kind: step.kind,
        audience: step.audience,
        sessionId: step.session?.id ?? null,
        dueAt: step.dueAt,
        status: step.status,
        version: step.version,
        startedAt: step.startedAt,
        finishedAt: step.finishedAt,
        note: step.note,
        messages: byStep.get(step.id) ?? { queued: 0, sent: 0, failed: 0, skipped: 0 },
      })),
    };
  }

  async messages(roundId: string, query: MessageListQueryDto): Promise<MessagePage> {
    const round = await this.em.findOne(Round, { id: roundId });
    if (!round) throw RequestError.notFound('round');
    const [items, total] = await this.em.findAndCount(
      Message,
      { round, ...(query.status ? { status: query.status } : {}) },
      {
        populate: ['contact'],
        orderBy: { createdAt: query.order, id: 'asc' },
        limit: query.limit,
        offset: query.offset,
      },
    );
    return {
      items: items.map((message) => ({
        id: message.id,
        stepId: message.stepId,
        contactId: message.contact?.id ?? null,
        contactName: message.contact?.fullName ?? null,
        recipient: message.recipient,
        template: message.template,
        language: message.language,
        subject: message.subject,
        status: message.status,
        attempts: message.attempts,
        smtpResponse: message.smtpResponse,
        error: message.error,
        sentAt: message.sentAt,
        createdAt: message.createdAt,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
