import { ArgumentMetadata, HttpStatus, Injectable, ParseUUIDPipe } from '@nestjs/common';
import { RequestError } from './request-error';

/** Nest's ParseUUIDPipe, with a 400 that names the path parameter like every other 400 does. */
@Injectable()
export class ParseIdPipe extends ParseUUIDPipe {
  constructor() {
    super();
  }

  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    try {
      return await super.transform(value, metadata);
    } catch {
      throw new RequestError(HttpStatus.BAD_REQUEST, [
        { field: metadata.data ?? 'id', reason: 'must be a UUID' },
      ]);
    }
  }
}
