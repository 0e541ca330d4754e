import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DashboardRenderer } from './dashboard-renderer';
import { DashboardRequest, redirect, SignInRequired } from './dashboard-request';

/**
 * Errors on dashboard pages come back as pages: no session sends the browser
 * to the sign-in page and back afterwards; a refusal or a mistake shows what
 * went wrong with the reasons the API would give; a bug is logged and shown
 * as one plain sentence.
 */
@Catch()
export class DashboardErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('DashboardError');

  constructor(private readonly renderer: DashboardRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>() as DashboardRequest;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      return redirect(reply, `/app/sign-in?next=${encodeURIComponent(exception.returnTo)}`);
    }
    const status =
      exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) {
      this.logger.error({ err: exception, requestId: String(request.id) }, 'Unhandled error');
    }
    const reasons = status < 500 ? reasonsOf(exception) : [];
    this.renderer.send(
      reply,
      'error',
      { request: request.user ? request : null },
      // Only a server error is ours to apologise for; a refused request says it was refused.
      { status, reasons, serverError: status >= 500 },
      status,
    );
  }
}

function reasonsOf(exception: unknown): string[] {
  if (!(exception instanceof HttpException)) return [];
  const body = exception.getResponse() as {
    errors?: Array<{ field: string; reason: string }>;
    message?: unknown;
  };
  if (body.errors?.length) return body.errors.map((error) => `${error.field}: ${error.reason}`);
  return typeof body.message === 'string' ? [body.message] : [];
}
