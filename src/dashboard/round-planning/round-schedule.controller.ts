import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FieldError } from '../../common/error-body';
import { Round } from '../../rounds/round.entity';
import { RoundsService } from '../../rounds/rounds.service';
import { RoundScheduler } from '../../workflow/round-scheduler';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { formErrors, userProblems } from './form-errors';
import { roundSummary } from './plan-view';
import { SchedulePreviewBuilder } from './schedule-preview';
import { WritersOnly } from './writers-only.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/**
 * Scheduling a draft round: first what will happen (invitations to how many
 * people and when, the reminders, the attendance links, the follow-up and
 * report), then the button that starts it.
 */
@DashboardPages()
@Controller('app/rounds')
export class RoundScheduleController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly scheduler: RoundScheduler,
    private readonly previews: SchedulePreviewBuilder,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get(':id/schedule')
  @WritersOnly()
  async confirmation(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.send(reply, request, await this.rounds.get(id), []);
  }

  @Post(':id/schedule')
  async schedule(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const round = await this.rounds.get(id);
    try {
      await this.scheduler.schedule(id);
    } catch (exception) {
      const refused = userProblems(exception);
      return this.send(reply, request, round, refused.problems, refused.status);
    }
    redirect(reply, `/app/rounds/${id}?done=scheduled`);
  }

  private async send(
    reply: FastifyReply,
    request: DashboardRequest,
    round: Round,
    problems: FieldError[],
    status = 200,
  ): Promise<void> {
    const language = request.user.language;
    const summary = roundSummary(round, language);
    const preview = await this.previews.build(round, language);
    this.renderer.send(
      reply,
      'round-plan-schedule',
      { request },
      {
        section: 'campaigns',
        round: summary,
        preview,
        reasons: formErrors(problems, () => null).general,
        schedulable: summary.isDraft && preview.sessions.length > 0,
      },
      status,
    );
  }
}
