import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { RequestError } from '../common/request-error';
import { Round } from './round.entity';

/**
 * Loads a round for change inside a transaction, holding its row lock until
 * commit, so that a session added, a date moved, a schedule or a cancel of
 * the same round happen one after the other and each sees the other's result.
 * The relations are loaded after the lock: FOR UPDATE refuses outer joins.
 */
export async function lockRound(em: EntityManager, id: string): Promise<Round> {
  const round = await em.findOne(Round, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!round) throw RequestError.notFound('round');
  await em.populate(round, ['campaign', 'county', 'staff']);
  return round;
}
