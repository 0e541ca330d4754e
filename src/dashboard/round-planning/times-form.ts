import { FieldError } from '../../common/error-body';
import { RoundSession } from '../../rounds/round-session.entity';
import { FormInput } from './form-input';
import { officeDate, officeTime } from './office-time';
import { sessionTimes } from './session-form';

/** The reschedule form: a Tirana day and two times. */
export interface TimesFormValues {
  date: string;
  startTime: string;
  endTime: string;
}

export function timesFormValues(input: FormInput): TimesFormValues {
  return {
    date: input.text('date'),
    startTime: input.text('startTime'),
    endTime: input.text('endTime'),
  };
}

export function timesFormOf(session: RoundSession): TimesFormValues {
  return {
    date: officeDate(session.startsAt),
    startTime: officeTime(session.startsAt),
    endTime: officeTime(session.endsAt),
  };
}

/** The new times as instants, or what is wrong with the fields. */
export function parseTimes(
  values: TimesFormValues,
): { startsAt: Date; endsAt: Date; iso: { startsAt: string; endsAt: string } } | FieldError[] {
  const { startsAt, endsAt, problems } = sessionTimes(values);
  if (problems.length || !startsAt || !endsAt) return problems;
  return { startsAt: new Date(startsAt), endsAt: new Date(endsAt), iso: { startsAt, endsAt } };
}

/** The service names the instants; the form shows them at its time fields. */
export function timesFieldOf(apiField: string): string | null {
  if (apiField === 'startsAt') return 'startTime';
  if (apiField === 'endsAt') return 'endTime';
  return ['date', 'startTime', 'endTime'].includes(apiField) ? apiField : null;
}
