import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { AuthModule } from '../auth/auth.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DirectoryModule } from '../directory/directory.module';
import { RoundsModule } from '../rounds/rounds.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { DemoDirectory } from './demo-directory';
import { DemoLoader } from './demo-loader';
import { DemoRounds } from './demo-rounds';

/**
 * The demo data `npm start` loads in development. It uses the domain
 * modules, as the API does, and nothing uses it. Importing AuthModule also
 * places it deeper than this module, so Nest creates the first admin (its
 * bootstrap hook) before the demo adds its coordinator.
 */
@Module({
  imports: [
    AuthModule,
    DirectoryModule,
    CampaignsModule,
    RoundsModule,
    WorkflowModule,
    AttendanceModule,
  ],
  providers: [DemoLoader, DemoDirectory, DemoRounds],
})
export class DemoModule {}
