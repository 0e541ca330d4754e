import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../common/api-errors.decorator';
import { AudiencePreviewService } from './audience-preview.service';
import { AudiencePreviewView } from './dto/audience-preview.view';
import { CreateRoundDto, RoundListQueryDto, UpdateRoundDto } from './dto/round.dto';
import { RoundDetailView, RoundPage } from './dto/round.view';
import { Round } from './round.entity';
import { ROUND_ETAG_HEADER, roundETag } from './round-etag';
import { toRoundDetailView, toRoundView } from './round.view';
import { RoundsService } from './rounds.service';
import { SessionsService } from './sessions.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

@ApiTags('rounds')
@ApiBearerAuth()
@Controller('api/rounds')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly sessions: SessionsService,
    private readonly previews: AudiencePreviewService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Rounds, filtered by campaign, county and status.' })
  @ApiOkResponse({ type: RoundPage })
  @ApiErrors(400, 401)
  async list(@Query() query: RoundListQueryDto): Promise<RoundPage> {
    const page = await this.rounds.list(query);
    return { ...page, items: page.items.map(toRoundView) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A round with its sessions.' })
  @ApiOkResponse({ type: RoundDetailView, headers: ROUND_ETAG_HEADER })
  @ApiErrors(400, 401, 404)
  async get(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoundDetailView> {
    const round = await this.rounds.get(id);
    void reply.header('etag', roundETag(round));
    return this.detail(round);
  }

  @Post()
  @ApiOperation({ summary: 'Plans a round as a draft; sessions are added next.' })
  @ApiCreatedResponse({ type: RoundDetailView })
  @ApiErrors(400, 401, 403, 413, 422)
  async create(@Body() body: CreateRoundDto): Promise<RoundDetailView> {
    return this.detail(await this.rounds.create(body));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Changes the dates, county or staff of a draft round.',
    description:
      'A round that is no longer a draft gives 409: its plan changes through the session and schedule routes, which tell the invitees.',
  })
  @ApiOkResponse({ type: RoundDetailView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateRoundDto,
  ): Promise<RoundDetailView> {
    return this.detail(await this.rounds.update(id, body));
  }

  @Get(':id/audience-preview')
  @ApiOperation({
    summary: 'How many people each session would invite today, and how many people in all.',
  })
  @ApiOkResponse({ type: AudiencePreviewView })
  @ApiErrors(400, 401, 404)
  async audiencePreview(@Param('id', ParseIdPipe) id: string): Promise<AudiencePreviewView> {
    return this.previews.preview(await this.rounds.get(id));
  }

  private async detail(round: Round): Promise<RoundDetailView> {
    return toRoundDetailView(round, await this.sessions.sessionsOf(round));
  }
}
