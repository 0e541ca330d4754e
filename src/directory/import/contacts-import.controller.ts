import { Controller, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors } from '../../common/api-errors.decorator';
import { toRejectedContactImport } from './contact-import-report';
import { ContactsImportService } from './contacts-import.service';
import { ContactImportQueryDto } from './dto/contact-import-query.dto';
import { ContactImportView, RejectedContactImportView } from './dto/contact-import.view';
import { MAX_IMPORT_ROWS } from './parse-contact-csv';
import { readCsvUpload, UPLOAD_FIELD } from './read-csv-upload';

const CSV_FORMAT = `UTF-8, comma or semicolon separated, header on the first line, at most ${MAX_IMPORT_ROWS} rows.
Columns (English or Albanian, case and accents ignored): name/emri, email/posta elektronike (both required),
institution/institucioni, county/qarku, institution_kind/lloji, position/pozicioni, phone/telefoni,
language/gjuha (sq, en), notes/shënime.`;

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/import')
export class ContactsImportController {
  constructor(private readonly imports: ContactsImportService) {}

  @Post('contacts')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import contacts from a CSV file: new e-mails are created, known ones updated.',
    description: `Institutions are matched by name and county, and created when new. An empty cell leaves the
field of an existing contact as it is. With dryRun=true nothing is written; otherwise all rows are
imported or, if any row has an error, none (422 with the same report).\n\n${CSV_FORMAT}`,
  })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({
    description: `The CSV file as the whole body (text/csv), or a form with the file in the field "${UPLOAD_FIELD}".`,
    schema: {
      oneOf: [
        { type: 'string', description: 'text/csv: the file itself.' },
        {
          type: 'object',
          description: 'multipart/form-data',
          required: [UPLOAD_FIELD],
          properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary' } },
        },
      ],
    },
  })
  @ApiOkResponse({ type: ContactImportView })
  @ApiErrors(400, 401, 403, 413)
  @ApiUnprocessableEntityResponse({
    type: RejectedContactImportView,
    description: 'A row has an error; nothing was written. The report names each row and column.',
  })
  async importContacts(
    @Query() query: ContactImportQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContactImportView | RejectedContactImportView> {
    const report = await this.imports.importContacts(await readCsvUpload(request), query.dryRun);
    if (report.dryRun || report.summary.error === 0) return report;
    // The error filter keeps only the standard error fields; this body carries the report too.
    void reply.status(HttpStatus.UNPROCESSABLE_ENTITY);
    return toRejectedContactImport(report, String(request.id));
  }
}
