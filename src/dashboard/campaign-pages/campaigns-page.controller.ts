import { MikroORM } from '@mikro-orm/postgresql';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CampaignListQueryDto } from '../../campaigns/dto/campaign.dto';
import { CampaignReportBuilder } from '../../reports/campaign-report.builder';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest } from '../dashboard-request';
import { campaignDrafts } from './campaign-drafts';
import { CampaignList } from './campaign-list';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/** The campaigns, and each campaign's calendar of rounds with their numbers. */
@DashboardPages()
@Controller('app/campaigns')
export class CampaignsPageController {
  constructor(
    private readonly orm: MikroORM,
    private readonly list: CampaignList,
    private readonly reports: CampaignReportBuilder,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get()
  async campaigns(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Query() query: CampaignListQueryDto,
  ): Promise<void> {
    const view = await this.list.build(query, request.user.language);
    this.renderer.send(reply, 'campaigns', { request }, { section: 'campaigns', ...view });
  }

  /**
   * The campaign report's model is the calendar: it already counts each
   * round's invitations and attendance and knows the counties still to visit.
   * Its drafts are listed apart, as the report leaves them out.
   */
  @Get(':id')
  async calendar(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<void> {
    const em = this.orm.em.fork();
    const report = await this.reports.build(em, id, request.user.language);
    const drafts = await campaignDrafts(em, id, request.user.language);
    this.renderer.send(
      reply,
      'campaign',
      { request },
      { section: 'campaigns', pageSubject: report.campaign.name, report, drafts },
    );
  }
}
