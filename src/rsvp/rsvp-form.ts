import { HttpStatus } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import { IsEnum, IsObject, validate, ValidateIf, ValidateNested } from 'class-validator';
import { flattenValidationErrors } from '../common/validation';
import { Answer } from './answer';
import { AnswerProblem, AnswerProblemCode } from './answer-problem';
import { SubstituteDto } from './dto/answer.dto';
import { SubstituteInput } from './substitute';

/** The RSVP page's three forms post `answer`; the colleague's form adds the substitute fields. */
class RsvpFormDto {
  @IsEnum(Answer, { message: `must be one of ${Object.values(Answer).join(', ')}` })
  answer!: Answer;

  @ValidateIf((form: RsvpFormDto) => form.answer === Answer.Delegate)
  @IsObject()
  @ValidateNested()
  @Type(() => SubstituteDto)
  substitute?: SubstituteDto;
}

/** The page shows one text per field, in the visitor's language, for whatever is wrong with it. */
const PROBLEM_OF_FIELD: Record<string, AnswerProblemCode> = {
  answer: 'answer-missing',
  'substitute.fullName': 'substitute-name-invalid',
  'substitute.email': 'substitute-email-invalid',
  'substitute.position': 'substitute-position-invalid',
};

/**
 * The answer the form asks for, with the same rules as the staff API.
 * @throws AnswerProblem (422) naming every field at fault, so the page lists them all at once.
 */
export async function readRsvpForm(
  fields: Record<string, string>,
): Promise<{ answer: Answer; substitute?: SubstituteInput }> {
  const form = plainToInstance(RsvpFormDto, {
    answer: fields.answer,
    substitute:
      fields.answer === Answer.Delegate
        ? {
            fullName: fields.substituteName ?? '',
            email: fields.substituteEmail ?? '',
            position: fields.substitutePosition || null,
          }
        : undefined,
  });
  const [first, ...others] = flattenValidationErrors(
    await validate(form, { stopAtFirstError: true }),
  ).map((error) => ({ ...error, code: PROBLEM_OF_FIELD[error.field] }));
  if (first) {
    throw new AnswerProblem(
      first.code,
      HttpStatus.UNPROCESSABLE_ENTITY,
      first.field,
      first.reason,
      others,
    );
  }
  return { answer: form.answer, substitute: form.substitute };
}
