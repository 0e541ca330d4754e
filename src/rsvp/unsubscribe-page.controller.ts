import { Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PageName } from '../pages/page-name';
import { PageRenderer } from '../pages/page-renderer';
import { PublicPages } from '../pages/public-pages.decorator';
import { sendPage } from '../pages/send-page';
import { OptOutService, OptOutTarget } from './opt-out.service';

/** The opt-out link of every campaign e-mail (the List-Unsubscribe header points here too). */
@PublicPages()
@Controller('unsubscribe')
export class UnsubscribePageController {
  constructor(
    private readonly optOut: OptOutService,
    private readonly pages: PageRenderer,
  ) {}

  /** Asks for confirmation with a button; changes nothing, as mail scanners open links too. */
  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const target = await this.optOut.targetOfLink(token);
    this.send(reply, target, { optedOut: target.optedOut, done: false });
  }

  /**
   * The page's button, and RFC 8058 one-click unsubscribe: the mail client
   * POSTs `List-Unsubscribe=One-Click` with no cookies, so the token in the
   * address is the only proof there can be, and the body says nothing more.
   */
  @Post(':token')
  async unsubscribe(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const target = await this.optOut.targetOfLink(token);
    await this.optOut.optOut(target);
    this.send(reply, target, { optedOut: true, done: true });
  }

  private send(
    reply: FastifyReply,
    target: OptOutTarget,
    state: { optedOut: boolean; done: boolean },
  ) {
    const data = { email: target.email, ...state };
    sendPage(reply, HttpStatus.OK, this.pages.render(PageName.Unsubscribe, target.language, data));
  }
}
