import { Controller, HttpStatus, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { UPLOAD_FIELD } from '../../directory/import/read-csv-upload';
import { redirect } from '../dashboard-request';
import { ContactImportPreview } from './contact-import-preview';
import { DashboardUploadPages } from './dashboard-upload-pages.decorator';
import { ImportUploadForm } from './import-upload-form';
import { ImportUploads } from './import-uploads';
import { UploadRequest } from './multipart-form.guard';
import { problemsOf } from './page-form';

/**
 * Step one of a CSV import: the uploaded file is checked as a dry run; a
 * file that cannot be read comes back to the form with the reasons, one that
 * can is kept and its row-by-row report shown (step two, ContactImportPagesController).
 */
@DashboardUploadPages()
@Roles(Role.Admin, Role.Coordinator)
@Controller('app/directory/import')
export class ContactImportUploadController {
  constructor(
    private readonly preview: ContactImportPreview,
    private readonly uploads: ImportUploads,
    private readonly form: ImportUploadForm,
  ) {}

  @Post()
  async upload(@Req() request: UploadRequest, @Res() reply: FastifyReply): Promise<void> {
    const { file, fileName, problem } = request.upload;
    if (problem)
      return this.form.send(request, reply, { problems: [problem.error] }, problem.status);
    if (!file?.length) {
      const error = { field: UPLOAD_FIELD, reason: 'choose a CSV file to import' };
      return this.form.send(request, reply, { problems: [error] }, HttpStatus.BAD_REQUEST);
    }
    try {
      await this.preview.dryRun(file);
    } catch (error) {
      const problems = problemsOf(error);
      if (!problems) throw error;
      return this.form.send(request, reply, { problems: problems.list }, problems.status);
    }
    // The dry run read it as UTF-8, so it is kept as text.
    const id = await this.uploads.keep(request.user, { fileName, csv: file.toString('utf8') });
    redirect(reply, `/app/directory/import/${id}`);
  }
}
