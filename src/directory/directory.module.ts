import { Module } from '@nestjs/common';
import { CountiesController } from './counties/counties.controller';
import { CountiesService } from './counties/counties.service';
import { InstitutionsController } from './institutions/institutions.controller';
import { InstitutionsService } from './institutions/institutions.service';

/** Counties, institutions, contacts and committees: who the office can invite. */
@Module({
  controllers: [CountiesController, InstitutionsController],
  providers: [CountiesService, InstitutionsService],
  exports: [CountiesService, InstitutionsService],
})
export class DirectoryModule {}
