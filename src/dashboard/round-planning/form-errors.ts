import { HttpException } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError } from '../../common/error-body';
import { flattenValidationErrors } from '../../common/validation';

/** The reasons a form is refused: by form field, and those that belong to no field. */
export interface FormErrors {
  fields: Record<string, string[]>;
  general: string[];
  any: boolean;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [], any: false };

/**
 * What the API's validation pipe would say about `plain` as a `type`, with
 * the same options and the same reasons, but returned instead of thrown.
 */
export async function dtoProblems<T extends object>(
  type: ClassConstructor<T>,
  plain: object,
): Promise<{ dto: T; problems: FieldError[] }> {
  const dto = plainToInstance(type, plain);
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  return { dto, problems: flattenValidationErrors(errors) };
}

/**
 * The field errors of a refusal a user can fix (a domain service's 4xx), to
 * show on the form with its status. A bug (anything else) is not the user's
 * to fix and goes on to the error filter.
 */
export function userProblems(exception: unknown): { status: number; problems: FieldError[] } {
  if (!(exception instanceof HttpException) || exception.getStatus() >= 500) throw exception;
  const body = exception.getResponse() as { errors?: FieldError[]; message?: unknown };
  const problems = body.errors?.length
    ? body.errors
    : [{ field: '', reason: typeof body.message === 'string' ? body.message : exception.message }];
  return { status: exception.getStatus(), problems };
}

/**
 * Sorts problems onto the form's fields: `fieldOf` names the form field an
 * API field is shown next to, or null; those without one head the form,
 * with the API's field name so the reason still reads whole.
 */
export function formErrors(
  problems: FieldError[],
  fieldOf: (apiField: string) => string | null,
): FormErrors {
  const fields: Record<string, string[]> = {};
  const general: string[] = [];
  for (const { field, reason } of problems) {
    const formField = field ? fieldOf(field) : null;
    if (formField) (fields[formField] ??= []).push(reason);
    else general.push(field ? `${field}: ${reason}` : reason);
  }
  return { fields, general, any: problems.length > 0 };
}
