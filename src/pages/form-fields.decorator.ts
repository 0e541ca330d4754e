import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The text fields of a submitted HTML form, trimmed, for the page to check:
 * a mistake is shown on the page in the visitor's language, not answered
 * with the API's JSON 400 (the validation pipe leaves custom parameters
 * alone). A field sent twice is not text and is left out, like a missing one.
 */
export const FormFields = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Record<string, string> => {
    const body = context.switchToHttp().getRequest<FastifyRequest>().body;
    if (!body || typeof body !== 'object') return {};
    return Object.fromEntries(
      Object.entries(body)
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([name, value]) => [name, value.trim()]),
    );
  },
);
