import { FieldError } from '../../common/error-body';
import { CreateSessionDto } from '../../rounds/dto/session.dto';
import { RoundSession } from '../../rounds/round-session.entity';
import { AudienceIds, audienceIdsOf, NO_AUDIENCE } from '../../rounds/session-audience';
import { SessionKind } from '../../rounds/session-kind';
import { dtoProblems } from './form-errors';
import { FormInput } from './form-input';
import {
  DATE_REASON,
  isOfficeDate,
  isOfficeTime,
  officeDate,
  officeInstant,
  officeTime,
  TIME_REASON,
} from './office-time';

/** A session form as typed: times in Tirana, topics one a line, the audience's ticked ids. */
export interface SessionFormValues {
  titleSq: string;
  titleEn: string;
  kind: string;
  date: string;
  startTime: string;
  endTime: string;
  venueSq: string;
  venueEn: string;
  capacity: string;
  walkInsCounted: boolean;
  topicsSq: string;
  topicsEn: string;
  audience: AudienceIds;
}

/** Where each of the API's fields is shown on the form. */
const FORM_FIELD: Record<string, string> = {
  titleSq: 'titleSq',
  titleEn: 'titleEn',
  kind: 'kind',
  startsAt: 'startTime',
  endsAt: 'endTime',
  venueSq: 'venueSq',
  venueEn: 'venueEn',
  capacity: 'capacity',
  walkInsCounted: 'walkInsCounted',
  topicsSq: 'topicsSq',
  topicsEn: 'topicsEn',
  audience: 'audience',
};

export function sessionFormValues(input: FormInput): SessionFormValues {
  return {
    titleSq: input.text('titleSq'),
    titleEn: input.text('titleEn'),
    kind: input.text('kind'),
    date: input.text('date'),
    startTime: input.text('startTime'),
    endTime: input.text('endTime'),
    venueSq: input.text('venueSq'),
    venueEn: input.text('venueEn'),
    capacity: input.text('capacity'),
    walkInsCounted: input.checked('walkInsCounted'),
    topicsSq: input.text('topicsSq'),
    topicsEn: input.text('topicsEn'),
    audience: audienceFormValues(input),
  };
}

export function audienceFormValues(input: FormInput): AudienceIds {
  return {
    committeeIds: input.list('committeeIds'),
    institutionIds: input.list('institutionIds'),
    contactIds: input.list('contactIds'),
  };
}

/** An empty form for a new session, on the round's first day. */
export function newSessionForm(firstDay: string): SessionFormValues {
  return {
    titleSq: '',
    titleEn: '',
    kind: SessionKind.Meeting,
    date: firstDay,
    startTime: '',
    endTime: '',
    venueSq: '',
    venueEn: '',
    capacity: '',
    walkInsCounted: false,
    topicsSq: '',
    topicsEn: '',
    audience: NO_AUDIENCE,
  };
}

/** A saved session as its edit form shows it; needs the audience collections loaded. */
export function sessionFormOf(session: RoundSession): SessionFormValues {
  return {
    titleSq: session.titleSq,
    titleEn: session.titleEn,
    kind: session.kind,
    date: officeDate(session.startsAt),
    startTime: officeTime(session.startsAt),
    endTime: officeTime(session.endsAt),
    venueSq: session.venueSq ?? '',
    venueEn: session.venueEn ?? '',
    capacity: session.capacity === null ? '' : String(session.capacity),
    walkInsCounted: session.walkInsCounted,
    topicsSq: session.topicsSq.join('\n'),
    topicsEn: session.topicsEn.join('\n'),
    audience: audienceIdsOf(session),
  };
}

/**
 * The times of the form as instants with their offset, or the reasons they
 * are not: the date goes with both times, so a bad date is told once.
 */
export function sessionTimes(values: Pick<SessionFormValues, 'date' | 'startTime' | 'endTime'>): {
  startsAt?: string;
  endsAt?: string;
  problems: FieldError[];
} {
  const problems: FieldError[] = [];
  if (!isOfficeDate(values.date)) problems.push({ field: 'date', reason: DATE_REASON });
  if (!isOfficeTime(values.startTime)) problems.push({ field: 'startTime', reason: TIME_REASON });
  if (!isOfficeTime(values.endTime)) problems.push({ field: 'endTime', reason: TIME_REASON });
  const dateOk = isOfficeDate(values.date);
  return {
    startsAt:
      dateOk && isOfficeTime(values.startTime)
        ? officeInstant(values.date, values.startTime)
        : undefined,
    endsAt:
      dateOk && isOfficeTime(values.endTime)
        ? officeInstant(values.date, values.endTime)
        : undefined,
    problems,
  };
}

/**
 * The API's DTO for the form, checked by the API's own rules; the times'
 * own problems replace what the DTO would say about a time left out.
 */
export async function sessionDto(
  values: SessionFormValues,
): Promise<{ dto: CreateSessionDto; problems: FieldError[] }> {
  const times = sessionTimes(values);
  const { dto, problems } = await dtoProblems(CreateSessionDto, {
    titleSq: values.titleSq,
    titleEn: values.titleEn,
    kind: values.kind,
    startsAt: times.startsAt,
    endsAt: times.endsAt,
    venueSq: values.venueSq || null,
    venueEn: values.venueEn || null,
    capacity: /^\d+$/.test(values.capacity) ? Number(values.capacity) : values.capacity || null,
    walkInsCounted: values.walkInsCounted,
    topicsSq: lines(values.topicsSq),
    topicsEn: lines(values.topicsEn),
    audience: values.audience,
  });
  const timed = (field: string) => (field === 'startsAt' ? times.startsAt : times.endsAt);
  return {
    dto,
    problems: [
      ...times.problems,
      ...problems.filter(
        (problem) =>
          !((problem.field === 'startsAt' || problem.field === 'endsAt') && !timed(problem.field)),
      ),
    ],
  };
}

/** The form field a problem is shown next to: `audience.contactIds[2]` under the audience. */
export function sessionFieldOf(apiField: string): string | null {
  if (['date', 'startTime', 'endTime'].includes(apiField)) return apiField;
  const head = /^[A-Za-z]+/.exec(apiField)?.[0] ?? '';
  return FORM_FIELD[head] ?? null;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
