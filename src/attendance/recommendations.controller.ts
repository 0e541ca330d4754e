import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { RoundsService } from '../rounds/rounds.service';
import { ReplaceRecommendationsDto } from './dto/recommendation.dto';
import { RecommendationView } from './dto/recommendation.view';
import { toRecommendationView } from './recommendation.view';
import { RecommendationsService } from './recommendations.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** The main points and recommendations of a round's discussions, as the report lists them. */
@ApiTags('attendance')
@ApiBearerAuth()
@Controller('api/rounds/:id/recommendations')
export class RecommendationsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "A round's recommendations in order." })
  @ApiOkResponse({ type: [RecommendationView] })
  @ApiErrors(400, 401, 404)
  async list(@Param('id', ParseIdPipe) id: string): Promise<RecommendationView[]> {
    const recommendations = await this.recommendations.list(await this.rounds.get(id));
    return recommendations.map(toRecommendationView);
  }

  @Put()
  @ApiOperation({
    summary: "Replaces a round's whole list of recommendations; the order given is kept.",
    description: 'At most 50; a cancelled round gives 409.',
  })
  @ApiOkResponse({ type: [RecommendationView], description: 'The list as it now stands.' })
  @ApiErrors(400, 401, 403, 404, 409, 413)
  async replace(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReplaceRecommendationsDto,
  ): Promise<RecommendationView[]> {
    const recommendations = await this.recommendations.replace(id, body);
    return recommendations.map(toRecommendationView);
  }
}
