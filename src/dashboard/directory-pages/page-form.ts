import { HttpException, HttpStatus } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError } from '../../common/error-body';
import { flattenValidationErrors } from '../../common/validation';

/** What a form got wrong: the first reason per field, shown next to that field, and the status to answer with. */
export interface FormProblems {
  status: number;
  fields: Record<string, string>;
  /** Every reason in the order found, for the summary at the top of the form. */
  list: FieldError[];
}

export type Checked<T> = { value: T; problems?: undefined } | { problems: FormProblems };

/**
 * Checks a form's values against the API's own DTO, with the options of the
 * API's validation pipe, so a page accepts and refuses exactly what the API
 * does and names the same reasons.
 */
export async function checkForm<T extends object>(
  type: ClassConstructor<T>,
  plain: Record<string, unknown>,
): Promise<Checked<T>> {
  // An absent value must leave the DTO's default (or "unchanged" on an edit), not set undefined.
  const given = Object.fromEntries(
    Object.entries(plain).filter(([, value]) => value !== undefined),
  );
  const value = plainToInstance(type, given);
  const errors = await validate(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  if (!errors.length) return { value };
  return { problems: toProblems(HttpStatus.BAD_REQUEST, flattenValidationErrors(errors)) };
}

/**
 * A form's submission: its input checked against the DTO, then `save`. A
 * mistake in either (the DTO's, or one the service found) shows the form again
 * with its reasons through `showAgain`; anything else is thrown on.
 */
export async function submitForm<T extends object>(
  type: ClassConstructor<T>,
  input: Record<string, unknown>,
  save: (value: T) => Promise<void>,
  showAgain: (problems: FormProblems) => Promise<void> | void,
): Promise<void> {
  const checked = await checkForm(type, input);
  if (checked.problems) return showAgain(checked.problems);
  try {
    await save(checked.value);
  } catch (error) {
    const problems = problemsOf(error);
    if (!problems) throw error;
    await showAgain(problems);
  }
}

/**
 * A mistake the service found (a taken e-mail, an unknown id) as the form's
 * problems; anything else (a bug, a refusal) is not the form's to show.
 */
export function problemsOf(error: unknown): FormProblems | null {
  if (!(error instanceof HttpException)) return null;
  const status = error.getStatus();
  const body = error.getResponse() as { errors?: FieldError[]; message?: unknown };
  if (status >= 500 || status === HttpStatus.NOT_FOUND || status === HttpStatus.FORBIDDEN) {
    return null;
  }
  const list = body.errors?.length
    ? body.errors
    : [{ field: '', reason: typeof body.message === 'string' ? body.message : error.message }];
  return toProblems(status, list);
}

function toProblems(status: number, list: FieldError[]): FormProblems {
  const fields: Record<string, string> = {};
  for (const { field, reason } of list) fields[field] ??= reason;
  return { status, fields, list };
}

/** A text field left empty is "not given": absent from a new record, cleared (null) on an edit. */
export function optionalText(
  value: string | undefined,
  whenEmpty: null | undefined,
): string | null | undefined {
  return value ? value : whenEmpty;
}
