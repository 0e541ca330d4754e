import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreateSessionDto, UpdateSessionDto } from '../rounds/dto/session.dto';
import { SessionView } from '../rounds/dto/session.view';
import { toSessionView } from '../rounds/session.view';
import { SessionsService } from '../rounds/sessions.service';
import { MessageListQueryDto, MessagePage } from './dto/message.view';
import { ScheduleView } from './dto/step.view';
import { RoundScheduler } from './round-scheduler';
import { RoundTimeline } from './round-timeline';
import { ParseIdPipe } from '../common/parse-id.pipe';

/** The routes that set a round's workflow going or change its plan, and show what it did. */
@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api')
export class WorkflowController {
  constructor(
    private readonly scheduler: RoundScheduler,
    private readonly timeline: RoundTimeline,
    private readonly sessions: SessionsService,
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
  })
  @ApiOkResponse({ type: ScheduleView })
  @ApiErrors(400, 401, 403, 404, 409)
  async cancelRound(@Param('id', ParseIdPipe) id: string): Promise<ScheduleView> {
    await this.scheduler.cancelRound(id);
    return this.timeline.schedule(id);
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
  @ApiCreatedResponse({ type: SessionView })
  @ApiErrors(400, 401, 403, 404, 409, 413, 422)
  async addSession(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: CreateSessionDto,
  ): Promise<SessionView> {
    const session = await this.scheduler.addSession(id, body);
    return this.sessionView(session.id);
  }

  @Patch('sessions/:id')
  @ApiOperation({
    summary: 'Edit a session. New times on a scheduled round are a reschedule.',
    description:
      "A reschedule replaces the pending reminders, raises the calendar SEQUENCE and sends a change notice to everyone already invited; answers are kept unless the day changed. New audience members of a round whose invitations went out are invited alone. Times past the round's last day (or before its first) extend the round's dates with them, up to 7 days in all; beyond that gives 422.",
  })
  @ApiOkResponse({ type: SessionView })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  async updateSession(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateSessionDto,
  ): Promise<SessionView> {
    await this.scheduler.updateSession(id, body);
    return this.sessionView(id);
  }

  @Post('sessions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel one session; its invitees get a cancellation notice.' })
  @ApiOkResponse({ type: SessionView })
  @ApiErrors(400, 401, 403, 404, 409)
  async cancelSession(@Param('id', ParseIdPipe) id: string): Promise<SessionView> {
    await this.scheduler.cancelSession(id);
    return this.sessionView(id);
  }

  private async sessionView(id: string): Promise<SessionView> {
    const session = await this.sessions.get(id);
    return toSessionView(session, session.round.campaign.timeZone);
  }
}
