import { Controller, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RoundsService } from '../../rounds/rounds.service';
import { SessionsService } from '../../rounds/sessions.service';
import { RoundScheduler } from '../../workflow/round-scheduler';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRequest, redirect } from '../dashboard-request';
import { AudienceCount, AudienceCountView } from './audience-count';
import { isUuid, pickerFilters } from './audience-picker';
import { formErrors, userProblems } from './form-errors';
import { FormInput } from './form-input';
import { PlanPage } from './plan-page';
import {
  audienceFormValues,
  newSessionForm,
  sessionDto,
  sessionFieldOf,
  sessionFormValues,
} from './session-form';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/**
 * A round's plan: its sessions, and for a draft the form that adds one with
 * its audience. The form's filter, search and "update count" buttons come
 * back here by GET with everything typed so far, so the page works without
 * JavaScript; a few lines of script refresh the count from audience-count.
 */
@DashboardPages()
@Controller('app/rounds')
export class RoundPlanController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly sessions: SessionsService,
    private readonly scheduler: RoundScheduler,
    private readonly page: PlanPage,
    private readonly counter: AudienceCount,
  ) {}

  @Get(':id/plan')
  async plan(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const round = await this.rounds.get(id);
    const input = FormInput.of(request.query);
    const values =
      input.text('form') === 'session' ? sessionFormValues(input) : newSessionForm(round.startsOn);
    const notice = input.text('added') ? 'added' : input.text('saved') ? 'saved' : null;
    await this.page.sendPlan(
      reply,
      request,
      round,
      { values, filters: pickerFilters(input) },
      notice,
    );
  }

  @Post(':id/sessions')
  async addSession(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const round = await this.rounds.get(id);
    const input = FormInput.of(request.body);
    const state = { values: sessionFormValues(input), filters: pickerFilters(input) };
    const { dto, problems } = await sessionDto(state.values);
    if (problems.length) {
      const errors = formErrors(problems, sessionFieldOf);
      return this.page.sendPlan(reply, request, round, { ...state, errors }, null, 400);
    }
    try {
      await this.scheduler.addSession(id, dto);
    } catch (exception) {
      const refused = userProblems(exception);
      const errors = formErrors(refused.problems, sessionFieldOf);
      return this.page.sendPlan(reply, request, round, { ...state, errors }, null, refused.status);
    }
    redirect(reply, `/app/rounds/${id}/plan?added=1`);
  }

  /** The live count for the form's script: JSON, behind the same session cookie as the pages. */
  @Get(':id/audience-count')
  @Header('cache-control', 'no-store')
  async audienceCount(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
  ): Promise<AudienceCountView> {
    const round = await this.rounds.get(id);
    const input = FormInput.of(request.query);
    const editing = input.text('sessionId');
    return this.counter.count(
      await this.sessions.sessionsOf(round),
      audienceFormValues(input),
      isUuid(editing) ? editing : null,
    );
  }
}
