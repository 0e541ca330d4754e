import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors } from '../common/api-errors.decorator';
import { RequestError } from '../common/request-error';
import { CampaignReportBuilder } from './campaign-report.builder';
import { ReportQueryDto } from './dto/report-query.dto';
import { reportFile, reportFileHeaders } from './report-file';
import { ReportFormat } from './report-format-kind';
import { Report } from './report-model';
import { RoundReportBuilder } from './round-report.builder';
import { ParseIdPipe } from '../common/parse-id.pipe';

const FORMATS_DESCRIPTION =
  'format=json (default), csv (a zip of every table, or one table with table=), html (printable on A4) or pdf; lang=sq or en.';

/** Round and campaign reports, read by every signed-in role. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api')
export class ReportsController {
  constructor(
    private readonly orm: MikroORM,
    private readonly rounds: RoundReportBuilder,
    private readonly campaigns: CampaignReportBuilder,
  ) {}

  @Get('rounds/:id/report')
  @ApiOperation({
    summary: "A round's report: sessions and their counts, participants, outcome, narrative.",
    description: FORMATS_DESCRIPTION,
  })
  @ApiProduces('application/json', 'application/zip', 'text/csv', 'text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The report in the format asked for.' })
  @ApiErrors(400, 401, 404, 422)
  async round(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Report | string | Buffer> {
    assertTableFitsFormat(query);
    const report = await this.rounds.build(this.orm.em.fork(), id, query.lang);
    return this.send(report, query, reply);
  }

  @Get('campaigns/:id/report')
  @ApiOperation({
    summary:
      "A campaign's progress: every round's numbers with totals, counties visited and still to come, institutions reached, charts.",
    description: FORMATS_DESCRIPTION,
  })
  @ApiProduces('application/json', 'application/zip', 'text/csv', 'text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The report in the format asked for.' })
  @ApiErrors(400, 401, 404, 422)
  async campaign(
    @Param('id', ParseIdPipe) id: string,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Report | string | Buffer> {
    assertTableFitsFormat(query);
    const report = await this.campaigns.build(this.orm.em.fork(), id, query.lang);
    return this.send(report, query, reply);
  }

  private async send(
    report: Report,
    query: ReportQueryDto,
    reply: FastifyReply,
  ): Promise<Report | string | Buffer> {
    const format = query.format ?? ReportFormat.Json;
    if (format === ReportFormat.Json) return report;
    const file = await reportFile(report, format, query.table);
    reply.headers(reportFileHeaders(file, report.language));
    return file.body;
  }
}

function assertTableFitsFormat(query: ReportQueryDto): void {
  if (query.table !== undefined && query.format !== ReportFormat.Csv) {
    throw RequestError.unprocessable('table', 'applies only to format=csv');
  }
}
