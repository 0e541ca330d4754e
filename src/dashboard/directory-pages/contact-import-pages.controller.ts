import { Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest, redirect } from '../dashboard-request';
import { ContactImportPreview, ImportPreview } from './contact-import-preview';
import { ImportUploadForm } from './import-upload-form';
import { ImportUploads } from './import-uploads';

const PATH = '/app/directory/import';

/**
 * The CSV import as the office does it: the upload form, the dry run of a
 * kept file row by row, and its confirmation, which imports exactly the file
 * that was checked (all rows or none) and forgets it.
 */
@DashboardPages()
@Roles(Role.Admin, Role.Coordinator)
@Controller('app/directory/import')
export class ContactImportPagesController {
  constructor(
    private readonly preview: ContactImportPreview,
    private readonly uploads: ImportUploads,
    private readonly form: ImportUploadForm,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get()
  start(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Query() query: Record<string, unknown>,
  ): void {
    this.form.send(request, reply, { imported: importedOf(query) });
  }

  @Get(':uploadId')
  async dryRun(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('uploadId') uploadId: string,
  ): Promise<void> {
    const upload = await this.uploads.find(request.user, uploadId);
    if (!upload) return this.unknownUpload(request, reply);
    this.report(request, reply, uploadId, upload.fileName, await this.preview.dryRun(upload.csv));
  }

  @Post(':uploadId')
  async confirm(
    @Req() request: DashboardRequest,
    @Res() reply: FastifyReply,
    @Param('uploadId') uploadId: string,
  ): Promise<void> {
    const upload = await this.uploads.find(request.user, uploadId);
    if (!upload) return this.unknownUpload(request, reply);
    const result = await this.preview.run(upload.csv);
    if (result.summary.error > 0) {
      // The directory changed since the dry run (someone took an e-mail): nothing was written.
      const status = HttpStatus.UNPROCESSABLE_ENTITY;
      return this.report(request, reply, uploadId, upload.fileName, result, status);
    }
    await this.uploads.forget(request.user, uploadId);
    const { create, update, unchanged } = result.summary;
    redirect(reply, `${PATH}?create=${create}&update=${update}&unchanged=${unchanged}`);
  }

  private report(
    request: DashboardRequest,
    reply: FastifyReply,
    uploadId: string,
    fileName: string,
    preview: ImportPreview,
    status = 200,
  ): void {
    const { summary } = preview;
    this.renderer.send(
      reply,
      'import-dry-run',
      { request },
      {
        section: 'directory',
        fileName,
        confirmAction: `${PATH}/${uploadId}`,
        summary,
        rows: preview.rows,
        rejected: status !== 200,
        canConfirm: summary.error === 0 && summary.create + summary.update > 0,
        nothingToDo: summary.error === 0 && summary.create + summary.update === 0,
      },
      status,
    );
  }

  /** A made-up, expired, used or someone else's id: nothing to confirm, so the form again. */
  private unknownUpload(request: DashboardRequest, reply: FastifyReply): void {
    this.form.send(request, reply, { unknownUpload: true }, HttpStatus.NOT_FOUND);
  }
}

/** The counts a finished import passed to the form's address, when all three are there. */
function importedOf(query: Record<string, unknown>) {
  const count = (name: string) => {
    const value = query[name];
    return typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null;
  };
  const [create, update, unchanged] = [count('create'), count('update'), count('unchanged')];
  return create === null || update === null || unchanged === null
    ? undefined
    : { create, update, unchanged };
}
