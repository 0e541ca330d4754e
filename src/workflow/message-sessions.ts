import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Invitation } from '../rounds/invitation.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { SessionStatus } from '../rounds/session-kind';
import { remindedStatus } from './reminded-status';
import { StepKind } from './step-kind';
import { Step } from './step.entity';

/**
 * The invitations each contact's e-mail of a step is about, read when the
 * e-mails are sent, not when they were queued: a session cancelled or moved
 * in between never appears with its old state. A contact missing from the
 * result has nothing left to be told.
 */
export async function invitationsByContact(
  em: EntityManager,
  step: Step,
  contactIds: string[],
): Promise<Map<string, Invitation[]>> {
  const where = invitationsOfStep(step);
  const byContact = new Map<string, Invitation[]>();
  if (!where || contactIds.length === 0) return byContact;
  const invitations = await em.find(
    Invitation,
    { $and: [where, { contact: { $in: contactIds } }] },
    { populate: ['session'], orderBy: { session: { startsAt: 'asc' } } },
  );
  for (const invitation of invitations) {
    const contactId = invitation.contact.id;
    byContact.set(contactId, [...(byContact.get(contactId) ?? []), invitation]);
  }
  return byContact;
}

function invitationsOfStep(step: Step): FilterQuery<Invitation> | null {
  switch (step.kind) {
    case StepKind.Invite:
      return {
        inviteStepId: step.id,
        status: { $ne: InvitationStatus.Withdrawn },
        session: { round: step.round, status: SessionStatus.Planned },
      };
    case StepKind.Remind:
      return {
        session: { round: step.round, status: SessionStatus.Planned },
        status: remindedStatus(step.audience),
      };
    // For notices, which of these the person still has to hear of is decided against what they were told.
    case StepKind.ChangeNotice:
    case StepKind.FollowUp:
      return {
        status: { $nin: [InvitationStatus.Delegated, InvitationStatus.Withdrawn] },
        session: { round: step.round, status: SessionStatus.Planned },
      };
    // A session called off, or an invitation taken back from a session that goes on.
    case StepKind.CancelNotice:
      return {
        $or: [
          {
            status: { $ne: InvitationStatus.Delegated },
            session: { round: step.round, status: SessionStatus.Cancelled },
          },
          { status: InvitationStatus.Withdrawn, session: { round: step.round } },
        ],
      };
    default:
      return null;
  }
}
