import type { Multipart } from '@fastify/multipart';
import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FieldError } from '../../common/error-body';
import { AppConfig } from '../../config/app-config';
import { UPLOAD_FIELD } from '../../directory/import/read-csv-upload';
import { SESSION_COOKIE } from '../dashboard-cookies';
import { DashboardRequest, SignInRequired } from '../dashboard-request';

/** The file a multipart form carried, or why it could not be read (shown on the form). */
export interface UploadedFile {
  file: Buffer | null;
  fileName: string;
  problem: { status: number; error: FieldError } | null;
}

export type UploadRequest = DashboardRequest & { upload: UploadedFile };

/**
 * Reads a multipart form before DashboardGuard runs: the guard finds the
 * form's CSRF token in the request body, where a multipart form has none
 * until its parts are read. The text fields become the body, the one file
 * is kept for the handler. Only a request with a signed session cookie is
 * read at all; the guard then checks the session, the token and the role.
 */
@Injectable()
export class MultipartFormReader implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>() as UploadRequest;
    const upload: UploadedFile = { file: null, fileName: '', problem: null };
    request.upload = upload;
    if (!request.isMultipart()) return true;
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie || !request.unsignCookie(cookie).valid) throw new SignInRequired('/app');
    const fields: Record<string, string> = {};
    try {
      for await (const part of request.parts()) await this.readPart(part, fields, upload);
    } catch (error) {
      upload.problem = this.problemOf(error);
    }
    request.body = fields;
    return true;
  }

  private async readPart(
    part: Multipart,
    fields: Record<string, string>,
    upload: UploadedFile,
  ): Promise<void> {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      return;
    }
    // Every file part must be read to reach the next part, even one in another field.
    const bytes = await part.toBuffer();
    if (part.fieldname === UPLOAD_FIELD) {
      upload.file = bytes;
      upload.fileName = part.filename;
    }
  }

  private problemOf(error: unknown): UploadedFile['problem'] {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
      const mebibytes = (this.config.importMaxBytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
      return {
        status,
        error: { field: UPLOAD_FIELD, reason: `is larger than ${mebibytes} MiB; split the file` },
      };
    }
    return {
      status: HttpStatus.BAD_REQUEST,
      error: { field: UPLOAD_FIELD, reason: `could not be read: ${(error as Error).message}` },
    };
  }
}
