import {
  ArgumentMetadata,
  createParamDecorator,
  ExecutionContext,
  PipeTransform,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from './validation';

/**
 * Checks a body that may be left out as the body pipe checks any other; left
 * out, it is empty. A JSON `null` is a body sent, refused as it is everywhere.
 */
class OptionalBodyPipe implements PipeTransform {
  private readonly body = createValidationPipe();

  transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return this.body.transform(value === undefined ? {} : value, { ...metadata, type: 'body' });
  }
}

const requestBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<FastifyRequest>().body,
);

/**
 * The body of a route that worked without one (a POST that cancels) and now
 * takes optional fields: clients that send nothing keep working, and what is
 * sent is checked as strictly as any body. The global pipe refuses a missing
 * body outright, hence a parameter of its own.
 */
export const OptionalBody = (): ParameterDecorator => requestBody(new OptionalBodyPipe());
