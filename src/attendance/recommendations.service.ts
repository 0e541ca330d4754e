import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Round } from '../rounds/round.entity';
import { ReplaceRecommendationsDto } from './dto/recommendation.dto';
import { lockOutcomeRound } from './outcome-round';
import { Recommendation } from './recommendation.entity';

@Injectable()
export class RecommendationsService {
  constructor(private readonly em: EntityManager) {}

  list(round: Round): Promise<Recommendation[]> {
    return this.em.find(Recommendation, { round }, { orderBy: { position: 'asc' } });
  }

  /**
   * The list is written as one text, so it is replaced as one: the old
   * points are deleted before the new ones are inserted, in the transaction
   * that holds the round's lock.
   */
  replace(roundId: string, input: ReplaceRecommendationsDto): Promise<Recommendation[]> {
    return this.em.transactional(async (em) => {
      const round = await lockOutcomeRound(em, roundId);
      await em.nativeDelete(Recommendation, { round });
      return input.items.map((item, index) =>
        em.create(Recommendation, {
          round,
          position: index + 1,
          textSq: item.textSq,
          textEn: item.textEn,
        }),
      );
    });
  }
}
