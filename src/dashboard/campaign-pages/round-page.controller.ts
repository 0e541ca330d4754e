import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Role } from '../../auth/role';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest } from '../dashboard-request';
import { RoundPageQueryDto } from './round-page-query.dto';
import { RoundPageBuilder } from './round-page.builder';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/** A round at a glance: its sessions, its workflow's steps, the invitations and every e-mail. */
@DashboardPages()
@Controller('app/rounds')
export class RoundPageController {
  constructor(
    private readonly builder: RoundPageBuilder,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get(':id')
  async round(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: RoundPageQueryDto,
  ): Promise<void> {
    const { language, role } = request.user;
    const view = await this.builder.build(id, query, language, role !== Role.Viewer);
    const pageSubject = `${view.round.county}, ${view.round.dates}`;
    this.renderer.send(reply, 'round', { request }, { section: 'campaigns', pageSubject, ...view });
  }
}
