import { HttpStatus } from '@nestjs/common';
import { RequestError } from '../common/request-error';

/**
 * Why an answer was not recorded. The API reports the field and the English
 * reason; the RSVP page shows the text its language has for the code.
 */
export type AnswerProblemCode =
  | 'answer-missing'
  | 'substitute-name-invalid'
  | 'substitute-email-invalid'
  | 'substitute-position-invalid'
  | 'substitute-is-invitee'
  | 'substitute-opted-out'
  | 'substitute-mismatch'
  | 'answers-closed'
  | 'session-cancelled'
  | 'invitation-withdrawn';

/** One thing wrong with an answer. */
export interface AnswerFault {
  code: AnswerProblemCode;
  field: string;
  reason: string;
}

export class AnswerProblem extends RequestError {
  /** This fault first, then the others found with it: a form can be wrong in several fields at once. */
  readonly faults: AnswerFault[];

  constructor(
    readonly code: AnswerProblemCode,
    status: HttpStatus.UNPROCESSABLE_ENTITY | HttpStatus.CONFLICT,
    readonly field: string,
    reason: string,
    others: AnswerFault[] = [],
  ) {
    super(status, [{ field, reason }, ...others.map(({ field, reason }) => ({ field, reason }))]);
    this.faults = [{ code, field, reason }, ...others];
  }
}
