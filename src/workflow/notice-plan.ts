import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Round } from '../rounds/round.entity';
import { nextSendTime } from './send-window';
import { StepKind, StepStatus } from './step-kind';
import { Step } from './step.entity';

/**
 * The steps a change of a running round plans beside its schedule: notices
 * and late invitations. Each caller holds the round against sends (see
 * holdRoundAgainstSends) and queues the steps after its commit; the round
 * comes with its campaign.
 */

/** Notices and late invitations go now, or when the campaign's send window next opens. */
function inSendWindow(round: Round, at: Date): Date {
  return nextSendTime(at, round.campaign.policy.sendWindow, round.campaign.timeZone);
}

/**
 * One pending notice of a kind serves the round: it works out whom to tell
 * when it runs, so null when one is pending. Its row is locked, so a runner
 * starting it now waits for this change to commit and then sees it; once it
 * has started, a new one is planned.
 */
export async function planNotice(
  em: EntityManager,
  round: Round,
  kind: StepKind.ChangeNotice | StepKind.CancelNotice,
  now: Date,
): Promise<Step | null> {
  const pending = await em.findOne(
    Step,
    { round, kind, status: StepStatus.Pending },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (pending) return null;
  return em.create(Step, {
    round,
    kind,
    dueAt: inSendWindow(round, now),
    version: round.scheduleVersion,
  });
}

/** An invite step that writes and mails only the invitations that do not exist yet, or were revived for it. */
export function planLateInvite(em: EntityManager, round: Round, now: Date): Step {
  return em.create(Step, {
    round,
    kind: StepKind.Invite,
    dueAt: inSendWindow(round, now),
    version: round.scheduleVersion,
  });
}
