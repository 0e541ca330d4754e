import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../common/api-errors.decorator';
import { SessionView } from './dto/session.view';
import { RoundSession } from './round-session.entity';
import { RoundsService } from './rounds.service';
import { ROUND_ETAG_HEADER, roundETag } from './round-etag';
import { toSessionView } from './session.view';
import { SessionsService } from './sessions.service';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** Sessions are read under their round and on their own; adding and changing them goes through the workflow. */
@ApiTags('rounds')
@ApiBearerAuth()
@Controller('api')
export class SessionsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly sessions: SessionsService,
  ) {}

  @Get('rounds/:id/sessions')
  @ApiOperation({ summary: "A round's sessions in order of start." })
  @ApiOkResponse({ type: [SessionView] })
  @ApiErrors(400, 401, 404)
  async list(@Param('id', ParseIdPipe) id: string): Promise<SessionView[]> {
    const sessions = await this.sessions.sessionsOf(await this.rounds.get(id));
    return sessions.map(view);
  }

  @Get('sessions/:id')
  @ApiOperation({
    summary: "A session, with its round's ETag: a change to it is a change to the round's plan.",
  })
  @ApiOkResponse({ type: SessionView, headers: ROUND_ETAG_HEADER })
  @ApiErrors(400, 401, 404)
  async get(
    @Param('id', ParseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const session = await this.sessions.get(id);
    void reply.header('etag', roundETag(session.round));
    return view(session);
  }
}

function view(session: RoundSession): SessionView {
  return toSessionView(session, session.round.campaign.timeZone);
}
