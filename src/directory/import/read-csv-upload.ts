import type { MultipartFile } from '@fastify/multipart';
import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestError } from '../../common/request-error';

export const UPLOAD_FIELD = 'file';

/**
 * The uploaded file: a text/csv body (parsed by app.factory.ts, as a string or
 * as bytes) or the `file` field of a form. Both are capped at IMPORT_MAX_BYTES by Fastify.
 */
export async function readCsvUpload(request: FastifyRequest): Promise<string | Buffer> {
  if (request.isMultipart()) {
    const file: MultipartFile | undefined = await request.file();
    // Read even a file in the wrong field: a body left unread stalls the next request on the connection.
    const bytes = file && (await file.toBuffer());
    if (!bytes || file.fieldname !== UPLOAD_FIELD) {
      throw uploadError(`send the CSV file in a form field named "${UPLOAD_FIELD}"`);
    }
    return bytes;
  }
  const { body } = request;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  throw uploadError(
    `send the CSV as a text/csv body or as multipart/form-data with a field named "${UPLOAD_FIELD}"`,
  );
}

function uploadError(reason: string): RequestError {
  return new RequestError(HttpStatus.BAD_REQUEST, [{ field: UPLOAD_FIELD, reason }]);
}
