import { Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FormFields } from '../pages/form-fields.decorator';
import { PageName } from '../pages/page-name';
import { PageRenderer } from '../pages/page-renderer';
import { PublicPages } from '../pages/public-pages.decorator';
import { sendPage, withPageHeaders } from '../pages/send-page';
import { Invitation } from '../rounds/invitation.entity';
import { AnswerProblem } from './answer-problem';
import { readRsvpForm } from './rsvp-form';
import { rsvpPageData, RsvpPageState } from './rsvp-page';
import { ResponseSource } from './response-source';
import { RsvpService } from './rsvp.service';

/** The page behind the RSVP link of an invitation e-mail: yes, no, or a colleague instead. */
@PublicPages()
@Controller('rsvp')
export class RsvpPageController {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly pages: PageRenderer,
  ) {}

  /** Shows the session and the answer; changes nothing, as mail scanners open links too. */
  @Get(':token')
  async show(
    @Param('token') token: string,
    @Query('done') done: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const invitation = await this.rsvp.invitationForLink(token);
    await this.send(reply, HttpStatus.OK, invitation, { done: done === '1' });
  }

  /**
   * Records the answer, then redirects to the page (303), so that reloading
   * the confirmation does not post the form again. A mistake shows the page
   * again with what was typed and what is wrong, having written nothing.
   */
  @Post(':token')
  async answer(
    @Param('token') token: string,
    @FormFields() fields: Record<string, string>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const invitation = await this.rsvp.invitationForLink(token);
    try {
      const form = await readRsvpForm(fields);
      await this.rsvp.answer(invitation.id, { ...form, source: ResponseSource.Link });
    } catch (error) {
      if (!(error instanceof AnswerProblem)) throw error;
      return this.send(reply, error.getStatus(), invitation, { problem: error, values: fields });
    }
    // Relative to /rsvp/, so the visitor stays on the address they used, whatever proxy is in front.
    void withPageHeaders(reply).redirect(`${token}?done=1`, HttpStatus.SEE_OTHER);
  }

  private async send(
    reply: FastifyReply,
    status: number,
    invitation: Invitation,
    state: RsvpPageState,
  ): Promise<void> {
    const substitute = await this.rsvp.currentSubstitute(invitation);
    const data = rsvpPageData(invitation, substitute, state);
    sendPage(reply, status, this.pages.render(PageName.Rsvp, invitation.contact.language, data));
  }
}
