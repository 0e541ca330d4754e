import { EntityManager } from '@mikro-orm/postgresql';
import { Invitation } from '../rounds/invitation.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { SessionStatus } from '../rounds/session-kind';
import { Message } from '../messaging/message.entity';
import { remindedStatus } from './reminded-status';
import { StepKind } from './step-kind';
import { Step } from './step.entity';

/**
 * The invitations one e-mail is about, read when it is sent, not when it was
 * queued: a session cancelled or moved in between never appears with its old
 * state. An empty list means there is nothing left to say.
 */
export function invitationsForMessage(
  em: EntityManager,
  message: Message,
  step: Step,
): Promise<Invitation[]> {
  const contact = message.contact as NonNullable<Message['contact']>;
  const options = {
    populate: ['session'] as const,
    orderBy: { session: { startsAt: 'asc' as const } },
  };
  switch (step.kind) {
    case StepKind.Invite:
      return em.find(
        Invitation,
        {
          contact,
          inviteStepId: step.id,
          session: { round: step.round, status: SessionStatus.Planned },
        },
        options,
      );
    case StepKind.Remind:
      return em.find(
        Invitation,
        {
          contact,
          session: { round: step.round, status: SessionStatus.Planned },
          status: remindedStatus(step.audience),
        },
        options,
      );
    case StepKind.ChangeNotice:
      return em.find(
        Invitation,
        {
          contact,
          status: { $ne: InvitationStatus.Delegated },
          session: {
            round: step.round,
            status: SessionStatus.Planned,
            id: { $in: (step.changes ?? []).map((c) => c.sessionId) },
          },
        },
        options,
      );
    case StepKind.CancelNotice:
      return em.find(
        Invitation,
        {
          contact,
          status: { $ne: InvitationStatus.Delegated },
          session: step.session
            ? { id: step.session.id }
            : { round: step.round, status: SessionStatus.Cancelled },
        },
        options,
      );
    default:
      return Promise.resolve([]);
  }
}
