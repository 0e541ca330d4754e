import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { FieldError } from '../../common/error-body';
import { AppConfig } from '../../config/app-config';
import { MAX_IMPORT_ROWS } from '../../directory/import/parse-contact-csv';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest } from '../dashboard-request';

export interface UploadFormState {
  /** Why the last file was refused, row by row where the service says which row. */
  problems?: FieldError[];
  /** The confirmation named a file that is not kept (any more) for this user. */
  unknownUpload?: boolean;
  /** What the last confirmed import did. */
  imported?: { create: number; update: number; unchanged: number };
}

/** The upload form, shown by the page itself, after a refused file and after an import. */
@Injectable()
export class ImportUploadForm {
  constructor(
    private readonly renderer: DashboardRenderer,
    private readonly config: AppConfig,
  ) {}

  send(
    request: DashboardRequest,
    reply: FastifyReply,
    state: UploadFormState = {},
    status = 200,
  ): void {
    this.renderer.send(
      reply,
      'import-upload',
      { request },
      {
        section: 'directory',
        maxMebibytes: Math.round((this.config.importMaxBytes / 1024 / 1024) * 10) / 10,
        maxRows: MAX_IMPORT_ROWS,
        ...state,
      },
      status,
    );
  }
}
