import { Module } from '@nestjs/common';
import { CampaignReportBuilder } from './campaign-report.builder';
import { NarrativeWriter } from './narrative-writer';
import { ReportsController } from './reports.controller';
import { RoundReportBuilder } from './round-report.builder';

/**
 * What the office publishes after a round and across a campaign, in each
 * language, as JSON, CSV, HTML and PDF, from the data the rounds captured.
 */
@Module({
  controllers: [ReportsController],
  providers: [RoundReportBuilder, CampaignReportBuilder, NarrativeWriter],
  exports: [RoundReportBuilder, CampaignReportBuilder],
})
export class ReportsModule {}
