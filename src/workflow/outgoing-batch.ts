import { EntityManager } from '@mikro-orm/postgresql';
import { MessageStatus } from '../messaging/message-status';
import { Message } from '../messaging/message.entity';
import { Composition } from './email-composer';
import { invitationsByContact } from './message-sessions';
import { StepKind } from './step-kind';
import { Step } from './step.entity';

/** Reminders carry the times of the schedule they were written for; a newer schedule voids them. */
const VERSION_BOUND = new Set([StepKind.Remind, StepKind.ChangeNotice]);

export type Outgoing =
  | { send: Composition; skip?: never }
  | { skip: { message: Message; reason: string }; send?: never };

/**
 * Reads what a batch of claimed messages needs, in four statements whatever
 * its size: the messages still queued with their contacts, their steps with
 * round, campaign, county and staff, and per step the invitations of all its
 * recipients. Each message is then either ready to compose or skipped with
 * the reason. Messages no longer queued (sent meanwhile) are left out.
 */
export async function loadOutgoing(em: EntityManager, messageIds: string[]): Promise<Outgoing[]> {
  const messages = await em.find(
    Message,
    { id: { $in: messageIds }, status: MessageStatus.Queued },
    { populate: ['contact'] },
  );
  const stepIds = [...new Set(messages.map((message) => message.stepId).filter(isPresent))];
  const steps = await em.find(
    Step,
    { id: { $in: stepIds } },
    { populate: ['round.campaign', 'round.county', 'round.staff'] },
  );
  const outgoing: Outgoing[] = [];
  for (const step of steps) {
    const ofStep = messages.filter((message) => message.stepId === step.id);
    const live = ofStep.filter((message) => {
      const reason = skipReason(message, step);
      if (reason) outgoing.push({ skip: { message, reason } });
      return !reason;
    });
    const invitations = await invitationsByContact(
      em,
      step,
      live.map((message) => (message.contact as NonNullable<Message['contact']>).id),
    );
    for (const message of live) {
      const ofContact = invitations.get((message.contact as NonNullable<Message['contact']>).id);
      outgoing.push(
        ofContact
          ? { send: { message, step, round: step.round, invitations: ofContact } }
          : { skip: { message, reason: 'none of its sessions is still planned' } },
      );
    }
  }
  const known = new Set(stepIds.filter((id) => steps.some((step) => step.id === id)));
  for (const message of messages.filter((m) => !m.stepId || !known.has(m.stepId))) {
    outgoing.push({ skip: { message, reason: 'it belongs to no workflow step' } });
  }
  return outgoing;
}

function skipReason(message: Message, step: Step): string | null {
  if (VERSION_BOUND.has(step.kind) && step.version !== step.round.scheduleVersion) {
    return 'the round was rescheduled or cancelled before it left';
  }
  if (!message.contact || message.contact.optedOut || message.contact.archivedAt) {
    return 'the contact opted out or was archived';
  }
  return null;
}

function isPresent<T>(value: T | null): value is T {
  return value !== null;
}
