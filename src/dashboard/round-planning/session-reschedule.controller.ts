import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequestError } from '../../common/request-error';
import { RoundSession } from '../../rounds/round-session.entity';
import { RoundsService } from '../../rounds/rounds.service';
import { SessionStatus } from '../../rounds/session-kind';
import { movableDays } from '../../rounds/session-times';
import { SessionsService } from '../../rounds/sessions.service';
import { RoundScheduler } from '../../workflow/round-scheduler';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { FormErrors, formErrors, NO_ERRORS, userProblems } from './form-errors';
import { FormInput } from './form-input';
import { isOpen, roundSummary, sessionSummary } from './plan-view';
import { ReschedulePreview, ReschedulePreviewBuilder } from './reschedule-preview';
import {
  parseTimes,
  timesFieldOf,
  TimesFormValues,
  timesFormOf,
  timesFormValues,
} from './times-form';
import { WritersOnly } from './writers-only.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/**
 * Moving a session: the new day and times, then a preview of everything the
 * move will do (who is told, which reminders move, whether answers are
 * kept), and only the confirmation of that preview changes anything. A
 * confirmation made from a preview that no longer holds is refused with the
 * new preview.
 */
@DashboardPages()
@Controller('app/sessions')
export class SessionRescheduleController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly sessions: SessionsService,
    private readonly scheduler: RoundScheduler,
    private readonly previews: ReschedulePreviewBuilder,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get(':id/reschedule')
  @WritersOnly()
  async form(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.movable(id);
    this.sendForm(reply, request, session, timesFormOf(session), NO_ERRORS);
  }

  @Post(':id/reschedule/preview')
  async preview(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.movable(id);
    const values = timesFormValues(FormInput.of(request.body));
    const times = parseTimes(values);
    const problems = Array.isArray(times) ? times : this.previews.problems(session, times);
    if (Array.isArray(times) || problems.length) {
      return this.sendForm(
        reply,
        request,
        session,
        values,
        formErrors(problems, timesFieldOf),
        422,
      );
    }
    const preview = await this.previews.build(session, times, request.user.language);
    this.sendPreview(reply, request, session, values, preview, false);
  }

  @Post(':id/reschedule')
  async confirm(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.movable(id);
    const input = FormInput.of(request.body);
    const values = timesFormValues(input);
    const times = parseTimes(values);
    const problems = Array.isArray(times) ? times : this.previews.problems(session, times);
    if (Array.isArray(times) || problems.length) {
      return this.sendForm(
        reply,
        request,
        session,
        values,
        formErrors(problems, timesFieldOf),
        422,
      );
    }
    const preview = await this.previews.build(session, times, request.user.language);
    const seen =
      input.text('scheduleVersion') === String(session.round.scheduleVersion) &&
      input.text('fingerprint') === preview.fingerprint;
    if (!seen) return this.sendPreview(reply, request, session, values, preview, true);
    try {
      await this.scheduler.updateSession(id, times.iso, session.round.scheduleVersion);
    } catch (exception) {
      const refused = userProblems(exception);
      const errors = formErrors(refused.problems, timesFieldOf);
      return this.sendForm(reply, request, session, values, errors, refused.status);
    }
    redirect(reply, `/app/rounds/${session.round.id}?done=rescheduled`);
  }

  /** A planned session of a round that is not over or called off; its round loaded for the page. */
  private async movable(id: string): Promise<RoundSession> {
    const session = await this.sessions.get(id);
    const round = await this.rounds.get(session.round.id);
    if (!isOpen(round)) throw RequestError.conflict('status', `the round is ${round.status}`);
    if (session.status === SessionStatus.Cancelled) {
      throw RequestError.conflict('status', 'the session is cancelled');
    }
    return session;
  }

  private sendForm(
    reply: FastifyReply,
    request: DashboardRequest,
    session: RoundSession,
    values: TimesFormValues,
    errors: FormErrors,
    status = 200,
  ): void {
    const language = request.user.language;
    this.renderer.send(
      reply,
      'session-reschedule',
      { request },
      {
        section: 'campaigns',
        round: roundSummary(session.round, language),
        session: sessionSummary(session, language),
        days: movableDays(session.round),
        values,
        errors,
      },
      status,
    );
  }

  /** `changed`: the confirmation came from an older preview, so this one is shown with a 409. */
  private sendPreview(
    reply: FastifyReply,
    request: DashboardRequest,
    session: RoundSession,
    values: TimesFormValues,
    preview: ReschedulePreview,
    changed: boolean,
  ): void {
    const language = request.user.language;
    this.renderer.send(
      reply,
      'session-reschedule-preview',
      { request },
      {
        section: 'campaigns',
        round: roundSummary(session.round, language),
        session: sessionSummary(session, language),
        values,
        preview,
        changed,
      },
      changed ? 409 : 200,
    );
  }
}
