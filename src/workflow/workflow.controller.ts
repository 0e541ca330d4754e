import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../common/api-errors.decorator';
import { OptionalBody } from '../common/optional-body';
import { CreateSessionDto } from '../rounds/dto/session.dto';
import { SessionView } from '../rounds/dto/session.view';
import { ROUND_ETAG_HEADER, roundETag } from '../rounds/round-etag';
import { toSessionView } from '../rounds/session.view';
import { SessionsService } from '../rounds/sessions.service';
import { MessageListQueryDto, MessagePage } from './dto/message.view';
import { MovedOnBody } from './dto/moved-on.view';
import { ScheduleView } from './dto/step.view';
import { CancelDto, SessionChangeDto } from './dto/version-seen.dto';
import { RoundScheduler } from './round-scheduler';
import { RoundTimeline } from './round-timeline';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { VersionedChange } from './versioned-change';

/** The If-Match header and the 409 of the routes that change a round's plan. */
function ApiVersionSeen(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The round\'s ETag as a GET gave it ("round-<id>-v<scheduleVersion>"), or * for any version. The same as the scheduleVersion field; both may be given if they agree (else 422). A header that is not an ETag gives 400, the ETag of another round 422.',
    }),
    ApiConflictResponse({
      type: MovedOnBody,
      description:
        'The round changed since the version given (nothing was changed; `current` shows the round, and on the session routes the session, as they are now), or the round or session is no longer in a state this change applies to.',
    }),
  );
}

/** The routes that set a round's workflow going or change its plan, and show what it did. */
@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api')
export class WorkflowController {
  constructor(
    private readonly scheduler: RoundScheduler,
    private readonly timeline: RoundTimeline,
    private readonly sessions: SessionsService,
    private readonly versioned: VersionedChange,
  ) {}

  @Post('rounds/:id/schedule')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Schedule a draft round: plan its invitation and reminders and start the clock.',
    description:
      'Steps whose time has already passed are recorded as skipped; the invitation then goes out at once. Repeating the request gives 409.',
  })
  @ApiOkResponse({ type: ScheduleView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async schedule(@Param('id', ParseIdPipe) id: string): Promise<ScheduleView> {
    await this.scheduler.schedule(id);
    return this.timeline.schedule(id);
  }

  @Post('rounds/:id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a draft round that has already taken place: it becomes completed.',
    description:
      'For rounds held before they were planned in Fushata: nothing is sent, and their attendance, materials and recommendations can then be entered for the report. A session not yet over gives 422; a round that is not a draft gives 409.',
  })
  @ApiOkResponse({ type: ScheduleView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async complete(@Param('id', ParseIdPipe) id: string): Promise<ScheduleView> {
    await this.scheduler.recordHeld(id);
    return this.timeline.schedule(id);
  }

  @Post('rounds/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel a round: every pending step stops and everyone invited gets a cancellation notice.',
    description:
      'With If-Match or scheduleVersion, only if the round is still at that version. The body may be left out.',
  })
  @ApiBody({ type: CancelDto, required: false })
  @ApiOkResponse({ type: ScheduleView, headers: ROUND_ETAG_HEADER })
  @ApiVersionSeen()
  @ApiErrors(400, 401, 403, 404, 422)
  async cancelRound(
    @Param('id', ParseIdPipe) id: string,
    @OptionalBody() body: CancelDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScheduleView> {
    const target = { roundId: id };
    const seen = this.versioned.seen(target, ifMatch, body.scheduleVersion);
    await this.versioned.apply(target, seen, (version) => this.scheduler.cancelRound(id, version));
    const schedule = await this.timeline.schedule(id);
    void reply.header(
      'etag',
      roundETag({ id: schedule.roundId, scheduleVersion: schedule.scheduleVersion }),
    );
    return schedule;
  }

  @Get('rounds/:id/steps')
  @ApiOperation({ summary: 'The step timeline: due times, status and e-mail counts.' })
  @ApiOkResponse({ type: ScheduleView })
  @ApiErrors(400, 401, 404)
  steps(@Param('id', ParseIdPipe) id: string): Promise<ScheduleView> {
    return this.timeline.schedule(id);
  }

  @Get('rounds/:id/messages')
  @ApiOperation({
    summary: 'Every e-mail of the round with its status and the SMTP server’s reply.',
  })
  @ApiOkResponse({ type: MessagePage })
  @ApiErrors(400, 401, 404)
  messages(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: MessageListQueryDto,
  ): Promise<MessagePage> {
    return this.timeline.messages(id, query);
  }

  @Post('rounds/:id/sessions')
  @ApiOperation({
    summary: 'Adds a session with its audience to a round that is not cancelled or completed.',
    description:
      "Times carry their UTC offset and must fall on the round's days in the campaign's time zone. Every committee, institution and contact of the audience must be active. On a scheduled round the session must lie ahead: its reminders and attendance are planned with the others, and once the invitations have gone out its audience is invited at once, each person with one e-mail about this session.",
  })
  @ApiCreatedResponse({ type: SessionView, headers: ROUND_ETAG_HEADER })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async addSession(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateSessionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const session = await this.scheduler.addSession(id, body);
    return this.sessionView(session.id, reply);
  }

  @Patch('sessions/:id')
  @ApiOperation({
    summary: 'Edit a session. New times on a scheduled round are a reschedule.',
    description:
      "A reschedule replaces the pending reminders, raises the calendar SEQUENCE and sends a change notice to everyone already invited; answers are kept unless the day changed. New audience members of a round whose invitations went out are invited alone. Times past the round's last day (or before its first) extend the round's dates with them, up to 7 days in all; beyond that gives 422. With If-Match or scheduleVersion, only if the round is still at that version.",
  })
  @ApiOkResponse({ type: SessionView, headers: ROUND_ETAG_HEADER })
  @ApiVersionSeen()
  @ApiErrors(400, 401, 403, 404, 422)
  async updateSession(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SessionChangeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const { scheduleVersion, ...changes } = body;
    const target = await this.versioned.targetOfSession(id);
    const seen = this.versioned.seen(target, ifMatch, scheduleVersion);
    await this.versioned.apply(target, seen, (version) =>
      this.scheduler.updateSession(id, changes, version),
    );
    return this.sessionView(id, reply);
  }

  @Post('sessions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel one session; its invitees get a cancellation notice.',
    description:
      "Cancelling a scheduled round's last planned session cancels the round. With If-Match or scheduleVersion, only if the round is still at that version. The body may be left out.",
  })
  @ApiBody({ type: CancelDto, required: false })
  @ApiOkResponse({ type: SessionView, headers: ROUND_ETAG_HEADER })
  @ApiVersionSeen()
  @ApiErrors(400, 401, 403, 404, 422)
  async cancelSession(
    @Param('id', ParseIdPipe) id: string,
    @OptionalBody() body: CancelDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const target = await this.versioned.targetOfSession(id);
    const seen = this.versioned.seen(target, ifMatch, body.scheduleVersion);
    await this.versioned.apply(target, seen, (version) =>
      this.scheduler.cancelSession(id, version),
    );
    return this.sessionView(id, reply);
  }

  /** With the round's ETag as it is after the change, for the client's next one. */
  private async sessionView(id: string, reply: FastifyReply): Promise<SessionView> {
    const session = await this.sessions.get(id);
    void reply.header('etag', roundETag(session.round));
    return toSessionView(session, session.round.campaign.timeZone);
  }
}
