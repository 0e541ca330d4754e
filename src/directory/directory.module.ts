import { Module } from '@nestjs/common';
import { CommitteeMembersController } from './committees/committee-members.controller';
import { CommitteeMembersService } from './committees/committee-members.service';
import { CommitteesController } from './committees/committees.controller';
import { CommitteesService } from './committees/committees.service';
import { ContactsController } from './contacts/contacts.controller';
import { ContactsService } from './contacts/contacts.service';
import { CountiesController } from './counties/counties.controller';
import { CountiesService } from './counties/counties.service';
import { ContactsImportController } from './import/contacts-import.controller';
import { ContactsImportService } from './import/contacts-import.service';
import { InstitutionsController } from './institutions/institutions.controller';
import { InstitutionsService } from './institutions/institutions.service';

/** Counties, institutions, contacts and committees: who the office can invite. */
@Module({
  controllers: [
    CountiesController,
    InstitutionsController,
    ContactsController,
    CommitteesController,
    CommitteeMembersController,
    ContactsImportController,
  ],
  providers: [
    CountiesService,
    InstitutionsService,
    ContactsService,
    CommitteesService,
    CommitteeMembersService,
    ContactsImportService,
  ],
  exports: [
    CountiesService,
    InstitutionsService,
    ContactsService,
    CommitteesService,
    CommitteeMembersService,
  ],
})
export class DirectoryModule {}
