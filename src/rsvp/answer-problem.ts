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

export class AnswerProblem extends RequestError {
  constructor(
    readonly code: AnswerProblemCode,
    status: HttpStatus.UNPROCESSABLE_ENTITY | HttpStatus.CONFLICT,
    readonly field: string,
    reason: string,
  ) {
    super(status, [{ field, reason }]);
  }
}
