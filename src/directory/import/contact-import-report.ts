import { HttpStatus } from '@nestjs/common';
import { FieldError } from '../../common/error-body';
import { ContactImportPlan } from './contact-import-planner';
import {
  ContactImportAction,
  ContactImportView,
  RejectedContactImportView,
} from './dto/contact-import.view';

/** How many errors the 422 message quotes; the errors array has them all. */
const ERRORS_IN_MESSAGE = 3;

export function toContactImportView(plan: ContactImportPlan, dryRun: boolean): ContactImportView {
  const count = (action: ContactImportAction) =>
    plan.rows.filter((row) => row.action === action).length;
  return {
    dryRun,
    rows: plan.rows,
    summary: {
      total: plan.rows.length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      error: count('error'),
      institutionsCreated: plan.institutionDrafts.length,
    },
  };
}

/**
 * The 422 of a real run with bad rows: the usual error body, so clients that
 * read `errors` find every problem, plus the full report to fix the file by.
 */
export function toRejectedContactImport(
  report: ContactImportView,
  requestId: string,
): RejectedContactImportView {
  const errors = report.rows.flatMap((row) => row.errors ?? []);
  const { error: failed, total } = report.summary;
  return {
    statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
    error: 'Unprocessable Entity',
    message: `${failed} of ${total} rows cannot be imported, so nothing was: ${quote(errors)}`,
    errors,
    ...report,
    requestId,
  };
}

function quote(errors: FieldError[]): string {
  const quoted = errors
    .slice(0, ERRORS_IN_MESSAGE)
    .map(({ row, field, reason }) => `row ${row}, ${field}: ${reason}`);
  if (errors.length > ERRORS_IN_MESSAGE) quoted.push(`${errors.length - ERRORS_IN_MESSAGE} more`);
  return quoted.join('; ');
}
