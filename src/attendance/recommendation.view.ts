import { RecommendationView } from './dto/recommendation.view';
import { Recommendation } from './recommendation.entity';

export function toRecommendationView(recommendation: Recommendation): RecommendationView {
  return {
    id: recommendation.id,
    position: recommendation.position,
    textSq: recommendation.textSq,
    textEn: recommendation.textEn,
  };
}
