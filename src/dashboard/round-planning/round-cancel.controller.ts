import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequestError } from '../../common/request-error';
import { Round } from '../../rounds/round.entity';
import { RoundsService } from '../../rounds/rounds.service';
import { RoundScheduler } from '../../workflow/round-scheduler';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { CancelPreview, CancelPreviewBuilder } from './cancel-preview';
import { formErrors, userProblems } from './form-errors';
import { FormInput } from './form-input';
import { isOpen, roundSummary } from './plan-view';
import { WritersOnly } from './writers-only.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/** Calling off a whole round: who is told, which sessions and pending steps stop, then the confirmation. */
@DashboardPages()
@Controller('app/rounds')
export class RoundCancelController {
  constructor(
    private readonly rounds: RoundsService,
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
    const round = await this.cancellable(id);
    const preview = await this.previews.forRound(round, request.user.language);
    this.send(reply, request, round, preview, []);
  }

  @Post(':id/cancel')
  async confirm(
    @Param('id', ParseIdPipe) id: string,
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const round = await this.cancellable(id);
    const input = FormInput.of(request.body);
    const preview = await this.previews.forRound(round, request.user.language);
    if (
      input.text('scheduleVersion') !== String(round.scheduleVersion) ||
      input.text('fingerprint') !== preview.fingerprint
    ) {
      return this.send(reply, request, round, preview, [], true);
    }
    try {
      await this.scheduler.cancelRound(id, round.scheduleVersion);
    } catch (exception) {
      const refused = userProblems(exception);
      const reasons = formErrors(refused.problems, () => null).general;
      return this.send(reply, request, round, preview, reasons, false, refused.status);
    }
    redirect(reply, `/app/rounds/${id}?done=round-cancelled`);
  }

  private async cancellable(id: string): Promise<Round> {
    const round = await this.rounds.get(id);
    if (!isOpen(round))
      throw RequestError.conflict('status', `the round is already ${round.status}`);
    return round;
  }

  private send(
    reply: FastifyReply,
    request: DashboardRequest,
    round: Round,
    preview: CancelPreview,
    reasons: string[],
    changed = false,
    status = changed ? 409 : 200,
  ): void {
    this.renderer.send(
      reply,
      'round-cancel',
      { request },
      {
        section: 'campaigns',
        round: roundSummary(round, request.user.language),
        preview,
        reasons,
        changed,
      },
      status,
    );
  }
}
