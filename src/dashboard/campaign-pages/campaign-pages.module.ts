import { Module } from '@nestjs/common';
import { CampaignsModule } from '../../campaigns/campaigns.module';
import { ReportsModule } from '../../reports/reports.module';
import { RoundsModule } from '../../rounds/rounds.module';
import { WorkflowModule } from '../../workflow/workflow.module';
import { DashboardModule } from '../dashboard.module';
import { CampaignList } from './campaign-list';
import { CampaignsPageController } from './campaigns-page.controller';
import { MessageResendController } from './message-resend.controller';
import { ReportPagesController } from './report-pages.controller';
import { RoundInvitationsTable } from './round-invitations-table';
import { RoundMessagesTable } from './round-messages-table';
import { RoundPageController } from './round-page.controller';
import { RoundPageBuilder } from './round-page.builder';

/**
 * The dashboard's campaign side: the campaigns, each campaign's calendar,
 * the round page (sessions, steps, invitations, e-mails, resend) and the
 * report pages with their downloads.
 */
@Module({
  imports: [DashboardModule, CampaignsModule, RoundsModule, ReportsModule, WorkflowModule],
  controllers: [
    CampaignsPageController,
    RoundPageController,
    MessageResendController,
    ReportPagesController,
  ],
  providers: [CampaignList, RoundPageBuilder, RoundInvitationsTable, RoundMessagesTable],
})
export class CampaignPagesModule {}
