import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageName } from './page-name';
import { PageRenderer } from './page-renderer';
import { sendPage } from './send-page';

/**
 * Errors on the public pages come back as pages, in every language since the
 * visitor may be unknown. A link that leads nowhere always gets the same
 * not-found page, whatever the reason, so it tells a guesser nothing.
 */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PageError');

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) {
      this.logger.error({ err: exception, requestId: String(request.id) }, 'Unhandled error');
    }
    const page =
      status === HttpStatus.NOT_FOUND
        ? PageName.NotFound
        : status === HttpStatus.TOO_MANY_REQUESTS
          ? PageName.TooManyRequests
          : PageName.Error;
    sendPage(reply, status, this.pages.renderInEveryLanguage(page));
  }
}
