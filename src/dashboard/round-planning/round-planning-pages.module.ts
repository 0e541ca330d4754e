import { Module } from '@nestjs/common';
import { CampaignsModule } from '../../campaigns/campaigns.module';
import { DirectoryModule } from '../../directory/directory.module';
import { RoundsModule } from '../../rounds/rounds.module';
import { WorkflowModule } from '../../workflow/workflow.module';
import { DashboardModule } from '../dashboard.module';
import { AudienceChangePreviewBuilder } from './audience-change-preview';
import { AudienceCount } from './audience-count';
import { AudiencePicker } from './audience-picker';
import { CancelPreviewBuilder } from './cancel-preview';
import { NoticeRecipients } from './notice-recipients';
import { PlanPage } from './plan-page';
import { ReschedulePreviewBuilder } from './reschedule-preview';
import { RoundCancelController } from './round-cancel.controller';
import { RoundCreateController } from './round-create.controller';
import { RoundPlanController } from './round-plan.controller';
import { RoundScheduleController } from './round-schedule.controller';
import { SchedulePreviewBuilder } from './schedule-preview';
import { SessionAudienceController } from './session-audience.controller';
import { SessionCancelController } from './session-cancel.controller';
import { SessionEditController } from './session-edit.controller';
import { SessionRescheduleController } from './session-reschedule.controller';

/**
 * The dashboard's planning pages: a new round, its sessions and audiences
 * with a live count, scheduling it, and rescheduling, changing a running
 * session's audience or cancelling with a preview of what will be sent. Writes go through the domain services and
 * the workflow's RoundScheduler, as the API's do.
 */
@Module({
  imports: [DashboardModule, CampaignsModule, DirectoryModule, RoundsModule, WorkflowModule],
  controllers: [
    RoundCreateController,
    RoundPlanController,
    SessionEditController,
    RoundScheduleController,
    SessionRescheduleController,
    SessionAudienceController,
    SessionCancelController,
    RoundCancelController,
  ],
  providers: [
    AudiencePicker,
    AudienceCount,
    PlanPage,
    NoticeRecipients,
    SchedulePreviewBuilder,
    ReschedulePreviewBuilder,
    CancelPreviewBuilder,
    AudienceChangePreviewBuilder,
  ],
})
export class RoundPlanningPagesModule {}
