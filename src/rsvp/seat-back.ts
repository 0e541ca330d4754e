import { EntityManager } from '@mikro-orm/postgresql';
import { Invitation } from '../rounds/invitation.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { planLateInvite, planNotice } from '../workflow/notice-plan';
import { StepKind } from '../workflow/step-kind';
import { Step } from '../workflow/step.entity';
import { withdrawInvitations } from '../workflow/withdrawals';

/**
 * Whether an answer moves a seat between people, so that its transaction
 * must hold the round against sends first: someone who had sent a colleague
 * answers for themselves or names another (the colleague's invitation is
 * withdrawn), or names a colleague whose invitation was withdrawn (revived).
 */
export function movesSeat(
  previous: InvitationStatus,
  next: InvitationStatus,
  substitute: Invitation | undefined,
): boolean {
  return (
    (previous === InvitationStatus.Delegated && next !== InvitationStatus.Declined) ||
    substitute?.status === InvitationStatus.Withdrawn
  );
}

/**
 * One invitation holds one seat. The colleagues standing in for it, other
 * than the one this answer names, are withdrawn and told by the round's
 * cancellation notice; a named colleague whose invitation was withdrawn gets
 * it back, and a late invitation e-mails it. A decline leaves a colleague
 * in place: the invitee cannot come, the colleague still may. The steps to
 * queue after the commit.
 */
export async function moveSeat(
  em: EntityManager,
  invitation: Invitation,
  substitute: Invitation | undefined,
  now: Date,
): Promise<Step[]> {
  const round = invitation.session.round;
  const planned: Step[] = [];
  if (invitation.status !== InvitationStatus.Declined) {
    const standing = await em
      .getConnection()
      .execute<{ id: string }[]>(
        `select id from invitation where substitute_for_id = ? and status <> ? and id <> ?`,
        [invitation.id, InvitationStatus.Withdrawn, substitute?.id ?? invitation.id],
      );
    const withdrawn = await withdrawInvitations(
      em,
      standing.map((row) => row.id),
      now,
    );
    const notice =
      withdrawn.length > 0 ? await planNotice(em, round, StepKind.CancelNotice, now) : null;
    if (notice) planned.push(notice);
  }
  if (substitute?.status === InvitationStatus.Withdrawn) {
    const invite = planLateInvite(em, round, now);
    Object.assign(substitute, {
      status: InvitationStatus.Pending,
      respondedAt: null,
      withdrawnAt: null,
      substituteFor: invitation,
      inviteStepId: invite.id,
    });
    planned.push(invite);
  }
  return planned;
}
