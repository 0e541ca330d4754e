import { Module } from '@nestjs/common';
import { RoundsModule } from '../rounds/rounds.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

/** What happened at a round: who came to each session, what was handed out, what was recommended. */
@Module({
  imports: [RoundsModule],
  controllers: [AttendanceController, MaterialsController, RecommendationsController],
  providers: [AttendanceService, MaterialsService, RecommendationsService],
})
export class AttendanceModule {}
