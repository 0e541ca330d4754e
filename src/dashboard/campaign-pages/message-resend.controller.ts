import { Controller, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { MessageResend } from '../../workflow/message-resend';
import { DashboardPages } from '../dashboard-pages.decorator';
import { redirect } from '../dashboard-request';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/** The Resend button of a failed e-mail on the round page (coordinators and admins). */
@DashboardPages()
@Controller('app/messages')
export class MessageResendController {
  constructor(private readonly resend: MessageResend) {}

  @Post(':id/resend')
  async resendMessage(
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    const { roundId } = await this.resend.resend(id);
    redirect(reply, roundId ? `/app/rounds/${roundId}?resent=1#messages` : '/app/campaigns');
  }
}
