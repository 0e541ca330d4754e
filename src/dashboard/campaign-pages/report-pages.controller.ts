import { MikroORM } from '@mikro-orm/postgresql';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CampaignReportBuilder } from '../../reports/campaign-report.builder';
import { reportLabels } from '../../reports/report-labels';
import { Report } from '../../reports/report-model';
import { RoundReportBuilder } from '../../reports/round-report.builder';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest } from '../dashboard-request';
import { ReportDownloadQueryDto, ReportPageQueryDto } from './report-page-query.dto';
import { downloadLinks, sendReportFile } from './report-downloads';
import { ParseIdPipe } from '../../common/parse-id.pipe';

/**
 * Round and campaign reports as pages (the narrative and the key figures,
 * read by every role) with a download of each format in each language.
 */
@DashboardPages()
@Controller('app')
export class ReportPagesController {
  constructor(
    private readonly orm: MikroORM,
    private readonly rounds: RoundReportBuilder,
    private readonly campaigns: CampaignReportBuilder,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get('rounds/:id/report')
  async roundReport(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ReportPageQueryDto,
  ): Promise<void> {
    const language = query.lang ?? request.user.language;
    const report = await this.rounds.build(this.orm.em.fork(), id, language);
    this.page(request, reply, 'round-report', report, `/app/rounds/${id}/report`);
  }

  @Get('rounds/:id/report/download')
  async roundReportFile(
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ReportDownloadQueryDto,
  ): Promise<void> {
    const report = await this.rounds.build(this.orm.em.fork(), id, query.lang);
    await sendReportFile(reply, report, query.format);
  }

  @Get('campaigns/:id/report')
  async campaignReport(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ReportPageQueryDto,
  ): Promise<void> {
    const language = query.lang ?? request.user.language;
    const report = await this.campaigns.build(this.orm.em.fork(), id, language);
    this.page(request, reply, 'campaign-report', report, `/app/campaigns/${id}/report`);
  }

  @Get('campaigns/:id/report/download')
  async campaignReportFile(
    @Res() reply: FastifyReply,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ReportDownloadQueryDto,
  ): Promise<void> {
    const report = await this.campaigns.build(this.orm.em.fork(), id, query.lang);
    await sendReportFile(reply, report, query.format);
  }

  private page(
    request: DashboardRequest,
    reply: FastifyReply,
    view: string,
    report: Report,
    path: string,
  ): void {
    this.renderer.send(
      reply,
      view,
      { request },
      {
        section: 'campaigns',
        pageSubject:
          report.kind === 'round'
            ? `${report.round.county}, ${report.round.dates}`
            : report.campaign.name,
        report,
        // Within the report, its own headings: the words of the downloads, in the report's language.
        labels: reportLabels(report.language),
        downloads: downloadLinks(path),
      },
    );
  }
}
