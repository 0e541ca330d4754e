import { Module } from '@nestjs/common';
import { DirectoryModule } from '../../directory/directory.module';
import { ContactsImportService } from '../../directory/import/contacts-import.service';
import { DashboardModule } from '../dashboard.module';
import { CommitteePagesController } from './committee-pages.controller';
import { ContactImportPagesController } from './contact-import-pages.controller';
import { ContactImportPreview } from './contact-import-preview';
import { ContactImportUploadController } from './contact-import-upload.controller';
import { ContactPagesController } from './contact-pages.controller';
import { DirectoryChoices } from './directory-choices';
import { DirectoryPagesController } from './directory-pages.controller';
import { ImportUploadForm } from './import-upload-form';
import { ImportUploads } from './import-uploads';
import { InstitutionPagesController } from './institution-pages.controller';
import { MultipartFormReader } from './multipart-form.guard';

/**
 * The directory on the dashboard: institutions, contacts and committees to
 * search, read and change, and the CSV import with its dry run, all through
 * the directory's own services.
 */
@Module({
  imports: [DashboardModule, DirectoryModule],
  controllers: [
    DirectoryPagesController,
    InstitutionPagesController,
    ContactPagesController,
    CommitteePagesController,
    ContactImportPagesController,
    ContactImportUploadController,
  ],
  providers: [
    DirectoryChoices,
    // The directory module keeps its import service to itself; it holds no state, so a second instance is the same service.
    ContactsImportService,
    ContactImportPreview,
    ImportUploads,
    ImportUploadForm,
    MultipartFormReader,
  ],
})
export class DirectoryPagesModule {}
