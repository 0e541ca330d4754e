import {
  ForeignKeyConstraintViolationException,
  NotFoundError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBody, FieldError } from './error-body';

/**
 * Turns every error into the one ErrorBody shape. Database constraint errors
 * are a safety net behind the services' own checks (two requests racing), so
 * they map to the same 409/422 the checks give; anything else is a 500 and a bug.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    body.requestId = String(request.id ?? '');
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const payload =
        typeof response === 'string'
          ? { message: response }
          : (response as Record<string, unknown>);
      const message = Array.isArray(payload.message)
        ? payload.message.join('; ')
        : String(payload.message ?? exception.message);
      const errors = Array.isArray(payload.errors)
        ? (payload.errors as FieldError[])
        : typeof response === 'string'
          ? refusedBeforeRoute(status, message)
          : undefined;
      const current =
        payload.current && typeof payload.current === 'object' ? payload.current : undefined;
      return {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        ...(errors ? { errors } : {}),
        ...(current ? { current } : {}),
      };
    }
    if (exception instanceof UniqueConstraintViolationException) {
      return this.simple(HttpStatus.CONFLICT, 'a record with the same unique value already exists');
    }
    if (exception instanceof ForeignKeyConstraintViolationException) {
      return this.simple(HttpStatus.UNPROCESSABLE_ENTITY, 'a referenced record does not exist');
    }
    if (exception instanceof NotFoundError) {
      return this.simple(HttpStatus.NOT_FOUND, exception.message);
    }
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Raised by Fastify itself before a route runs: body too large, malformed JSON, bad content type.
      const message = (exception as Error).message;
      const errors = refusedBeforeRoute(fastifyStatus, message);
      return { ...this.simple(fastifyStatus, message), ...(errors ? { errors } : {}) };
    }
    return this.simple(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal error; it has been logged with this request id',
    );
  }

  private simple(status: number, message: string): ErrorBody {
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
  }
}

/**
 * Nest hands on an error Fastify raised before any route ran (malformed JSON,
 * an empty JSON body, a body too large, a content type no parser takes) as an
 * HttpException with a plain string; like every other 4xx about the request's
 * content, it names what is wrong.
 */
function refusedBeforeRoute(status: number, message: string): FieldError[] | undefined {
  if (status === HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    return [{ field: 'content-type', reason: message }];
  if (status === HttpStatus.BAD_REQUEST || status === HttpStatus.PAYLOAD_TOO_LARGE)
    return [{ field: 'body', reason: message }];
  return undefined;
}
