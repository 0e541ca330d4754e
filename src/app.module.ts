import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { AttendanceModule } from './attendance/attendance.module';
import { AuthModule } from './auth/auth.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AdminPagesModule } from './dashboard/admin-pages/admin-pages.module';
import { CampaignPagesModule } from './dashboard/campaign-pages/campaign-pages.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DirectoryPagesModule } from './dashboard/directory-pages/directory-pages.module';
import { RoundPlanningPagesModule } from './dashboard/round-planning/round-planning-pages.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DirectoryModule } from './directory/directory.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { QueueWorkersModule } from './queue/queue-workers.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { ReportsModule } from './reports/reports.module';
import { RoundsModule } from './rounds/rounds.module';
import { RsvpModule } from './rsvp/rsvp.module';
import { WorkflowModule } from './workflow/workflow.module';

/** What a caller may change besides the configuration. */
export interface AppOptions {
  /** Log lines go here, as JSON, instead of to standard output (a test reads them). */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(options.logDestination),
        DatabaseModule,
        RedisModule,
        QueueModule,
        ...(config.runsWorkers ? [QueueWorkersModule] : []),
        AuthModule,
        HealthModule,
        DirectoryModule,
        CampaignsModule,
        RoundsModule,
        ReportsModule,
        AttendanceModule,
        RsvpModule,
        WorkflowModule,
        DashboardModule,
        DirectoryPagesModule,
        AdminPagesModule,
        CampaignPagesModule,
        RoundPlanningPagesModule,
        DemoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
