import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/public.decorator';
import { DASHBOARD_TEMPLATES_DIRECTORY } from './dashboard-renderer';

/** The one style sheet, read once; pages name it with a version so a browser may keep it a day. */
@Public()
@ApiExcludeController()
@Controller('app/assets')
export class DashboardAssetsController {
  private readonly css = readFileSync(join(DASHBOARD_TEMPLATES_DIRECTORY, 'dashboard.css'));

  @Get('dashboard.css')
  stylesheet(@Res() reply: FastifyReply): void {
    void reply
      .header('cache-control', 'public, max-age=86400')
      .type('text/css; charset=utf-8')
      .send(this.css);
  }
}
