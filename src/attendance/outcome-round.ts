import { EntityManager } from '@mikro-orm/postgresql';
import { RequestError } from '../common/request-error';
import { lockRound } from '../rounds/lock-round';
import { RoundStatus } from '../rounds/round-status';
import { Round } from '../rounds/round.entity';

/**
 * Loads a round for a change to what came out of it (materials,
 * recommendations), holding its row lock until commit, so that the change
 * and a cancellation of the round happen one after the other. A draft is
 * allowed: leaflets are counted out before the round leaves.
 */
export async function lockOutcomeRound(em: EntityManager, id: string): Promise<Round> {
  const round = await lockRound(em, id);
  if (round.status === RoundStatus.Cancelled) {
    throw RequestError.conflict(
      'status',
      'the round is cancelled; its materials and recommendations can no longer change',
    );
  }
  return round;
}
