import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequestError } from '../../common/request-error';
import { RoundSession } from '../../rounds/round-session.entity';
import { RoundStatus } from '../../rounds/round-status';
import { RoundsService } from '../../rounds/rounds.service';
import { SessionStatus } from '../../rounds/session-kind';
import { SessionsService } from '../../rounds/sessions.service';
import { RoundScheduler } from '../../workflow/round-scheduler';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRequest, redirect } from '../dashboard-request';
import { pickerFilters } from './audience-picker';
import { formErrors, userProblems } from './form-errors';
import { FormInput } from './form-input';
import { PlanPage } from './plan-page';
import { isOpen } from './plan-view';
import { sessionDto, sessionFieldOf, sessionFormOf, sessionFormValues } from './session-form';
import { WritersOnly } from './writers-only.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/**
 * Editing a session of a draft round, audience included. Once the round is
 * scheduled, new times are a reschedule with its own preview page.
 */
@DashboardPages()
@Controller('app/sessions')
export class SessionEditController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly sessions: SessionsService,
    private readonly scheduler: RoundScheduler,
    private readonly page: PlanPage,
  ) {}

  @Get(':id/edit')
  @WritersOnly()
  async edit(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.load(id);
    if (movable(session)) {
      // Links to "edit" a scheduled session (the round page has them) lead to its reschedule page.
      return redirect(reply, `/app/sessions/${id}/reschedule`);
    }
    assertEditable(session);
    const input = FormInput.of(request.query);
    const values =
      input.text('form') === 'session' ? sessionFormValues(input) : sessionFormOf(session);
    await this.page.sendEdit(reply, request, session, { values, filters: pickerFilters(input) });
  }

  @Post(':id/edit')
  async save(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.load(id);
    assertEditable(session);
    const input = FormInput.of(request.body);
    const state = { values: sessionFormValues(input), filters: pickerFilters(input) };
    const { dto, problems } = await sessionDto(state.values);
    if (problems.length) {
      const errors = formErrors(problems, sessionFieldOf);
      return this.page.sendEdit(reply, request, session, { ...state, errors }, 400);
    }
    try {
      // The same path as the API's PATCH: for a draft it changes the session and nothing else.
      await this.scheduler.updateSession(id, dto);
    } catch (exception) {
      const refused = userProblems(exception);
      const errors = formErrors(refused.problems, sessionFieldOf);
      return this.page.sendEdit(reply, request, session, { ...state, errors }, refused.status);
    }
    redirect(reply, `/app/rounds/${session.round.id}/plan?saved=1`);
  }

  /** The session with its round's campaign, county and staff loaded for the page. */
  private async load(id: string): Promise<RoundSession> {
    const session = await this.sessions.get(id);
    await this.rounds.get(session.round.id);
    return session;
  }
}

/** Only a draft's sessions are edited here; a planned one of a scheduled round is moved instead. */
function assertEditable(session: RoundSession): void {
  const status = session.round.status;
  if (status !== RoundStatus.Draft) {
    throw RequestError.conflict(
      'status',
      `the round is ${status}; change the session's times with Reschedule`,
    );
  }
  if (session.status === SessionStatus.Cancelled) {
    throw RequestError.conflict('status', 'the session is cancelled');
  }
}

function movable(session: RoundSession): boolean {
  return (
    session.round.status !== RoundStatus.Draft &&
    isOpen(session.round) &&
    session.status === SessionStatus.Planned
  );
}
