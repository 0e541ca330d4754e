import { Module } from '@nestjs/common';
import { PagesModule } from '../pages/pages.module';
import { RoundsModule } from '../rounds/rounds.module';
import { AttendancePageController } from './attendance-page.controller';
import { AttendancePageService } from './attendance-page.service';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

/**
 * What happened at a round: who came to each session (through the API or the
 * sheet behind the link the staff member in charge receives), what was
 * handed out, what was recommended.
 */
@Module({
  imports: [RoundsModule, PagesModule],
  controllers: [
    AttendanceController,
    AttendancePageController,
    MaterialsController,
    RecommendationsController,
  ],
  providers: [AttendanceService, AttendancePageService, MaterialsService, RecommendationsService],
  exports: [AttendanceService, MaterialsService, RecommendationsService],
})
export class AttendanceModule {}
