import { FieldError } from '../../common/error-body';
import { CreateRoundDto } from '../../rounds/dto/round.dto';
import { dtoProblems } from './form-errors';
import { FormInput } from './form-input';

/** The new-round form as typed, to show again when it is refused. */
export interface RoundFormValues {
  countyId: string;
  startsOn: string;
  endsOn: string;
  /** '' for nobody yet. */
  staffUserId: string;
  /** The office confirmed that dates already past are meant: a round entered after it took place. */
  pastConfirmed: boolean;
}

const FIELDS = ['countyId', 'startsOn', 'endsOn', 'staffUserId'] as const;

export function roundFormValues(input: FormInput): RoundFormValues {
  return {
    countyId: input.text('countyId'),
    startsOn: input.text('startsOn'),
    endsOn: input.text('endsOn'),
    staffUserId: input.text('staffUserId'),
    pastConfirmed: input.checked('pastConfirmed'),
  };
}

/** Dates wholly before today are a typo unless the office says it records a round held before. */
export function needsPastConfirmation(values: RoundFormValues, today: string): boolean {
  return values.endsOn < today && !values.pastConfirmed;
}

/** The API's DTO for the form, checked by the API's own rules. */
export function roundDto(
  campaignId: string,
  values: RoundFormValues,
): Promise<{ dto: CreateRoundDto; problems: FieldError[] }> {
  return dtoProblems(CreateRoundDto, {
    campaignId,
    countyId: values.countyId,
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    staffUserId: values.staffUserId || null,
  });
}

/** The form names its fields as the API does; campaignId comes from the address, not the form. */
export function roundFieldOf(apiField: string): string | null {
  return (FIELDS as readonly string[]).includes(apiField) ? apiField : null;
}
