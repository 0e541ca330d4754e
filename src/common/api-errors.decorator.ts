import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from './error-body';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request: a field is missing, unknown, of the wrong type or out of range.',
  401: 'No valid bearer token.',
  403: 'The token is valid but its role may not do this.',
  404: 'No such record.',
  409: 'Conflicts with an existing record (for example a duplicate e-mail).',
  413: 'The request body is larger than allowed.',
  422: 'Well-formed but refers to something that does not exist or cannot be used.',
  429: 'Too many requests; try again later.',
};

/** Documents the error responses a route can give, all with the ErrorBody shape. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorBody }),
    ),
  );
}
