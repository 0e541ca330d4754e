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
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { CancelPreview, CancelPreviewBuilder } from './cancel-preview';
import { formErrors, userProblems } from './form-errors';
import { FormInput } from './form-input';
import { isOpen, roundSummary, sessionSummary } from './plan-view';
import { WritersOnly } from './writers-only.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/** Calling off one session: who is told and what stops, then the confirmation. */
@DashboardPages()
@Controller('app/sessions')
export class SessionCancelController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly sessions: SessionsService,
    private readonly scheduler: RoundScheduler,
    private readonly previews: CancelPreviewBuilder,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get(':id/cancel')
  @WritersOnly()
  async preview(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.cancellable(id);
    const preview = await this.previews.forSession(session, request.user.language);
    this.send(reply, request, session, preview, []);
  }

  @Post(':id/cancel')
  async confirm(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const session = await this.cancellable(id);
    const round = session.round;
    const input = FormInput.of(request.body);
    const preview = await this.previews.forSession(session, request.user.language);
    if (
      input.text('scheduleVersion') !== String(round.scheduleVersion) ||
      input.text('fingerprint') !== preview.fingerprint
    ) {
      return this.send(reply, request, session, preview, [], true);
    }
    try {
      await this.scheduler.cancelSession(id, round.scheduleVersion);
    } catch (exception) {
      const refused = userProblems(exception);
      const reasons = formErrors(refused.problems, () => null).general;
      return this.send(reply, request, session, preview, reasons, false, refused.status);
    }
    // A draft's sessions are planned on its plan page; a scheduled round is followed on its own.
    const draft = round.status === RoundStatus.Draft;
    redirect(
      reply,
      draft ? `/app/rounds/${round.id}/plan` : `/app/rounds/${round.id}?done=session-cancelled`,
    );
  }

  private async cancellable(id: string): Promise<RoundSession> {
    const session = await this.sessions.get(id);
    const round = await this.rounds.get(session.round.id);
    if (!isOpen(round)) throw RequestError.conflict('status', `the round is ${round.status}`);
    if (session.status === SessionStatus.Cancelled) {
      throw RequestError.conflict('status', 'the session is already cancelled');
    }
    return session;
  }

  private send(
    reply: FastifyReply,
    request: DashboardRequest,
    session: RoundSession,
    preview: CancelPreview,
    reasons: string[],
    changed = false,
    status = changed ? 409 : 200,
  ): void {
    const language = request.user.language;
    this.renderer.send(
      reply,
      'session-cancel',
      { request },
      {
        section: 'campaigns',
        round: roundSummary(session.round, language),
        session: sessionSummary(session, language),
        preview,
        reasons,
        changed,
      },
      status,
    );
  }
}
