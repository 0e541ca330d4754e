import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/public.decorator';
import { DASHBOARD_TEMPLATES_DIRECTORY } from './dashboard-renderer';

/** The style sheet and the one script, read once; a browser may keep them a day. */
@Public()
@ApiExcludeController()
@Controller('app/assets')
export class DashboardAssetsController {
  private readonly css = readFileSync(join(DASHBOARD_TEMPLATES_DIRECTORY, 'dashboard.css'));
  private readonly liveCount = readFileSync(
    join(DASHBOARD_TEMPLATES_DIRECTORY, 'plan-live-count.js'),
  );

  @Get('dashboard.css')
  stylesheet(@Res() reply: FastifyReply): void {
    this.send(reply, 'text/css; charset=utf-8', this.css);
  }

  @Get('plan-live-count.js')
  liveCountScript(@Res() reply: FastifyReply): void {
    this.send(reply, 'text/javascript; charset=utf-8', this.liveCount);
  }

  private send(reply: FastifyReply, type: string, body: Buffer): void {
    void reply.header('cache-control', 'public, max-age=86400').type(type).send(body);
  }
}
