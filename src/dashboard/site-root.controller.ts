import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/public.decorator';
import { DASHBOARD_TEMPLATES_DIRECTORY } from './dashboard-renderer';
import { redirect } from './dashboard-request';

/** The site's own address leads to the dashboard; browsers ask for the icon here whatever a page links. */
@Public()
@ApiExcludeController()
@Controller()
export class SiteRootController {
  private readonly icon = readFileSync(join(DASHBOARD_TEMPLATES_DIRECTORY, 'favicon.svg'));

  @Get()
  home(@Res() reply: FastifyReply): void {
    redirect(reply, '/app');
  }

  @Get('favicon.ico')
  favicon(@Res() reply: FastifyReply): void {
    void reply
      .header('cache-control', 'public, max-age=86400')
      .type('image/svg+xml')
      .send(this.icon);
  }
}
