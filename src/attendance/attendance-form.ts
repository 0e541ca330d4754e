import { HttpStatus } from '@nestjs/common';
import { FieldError } from '../common/error-body';
import { RequestError } from '../common/request-error';
import { createValidationPipe } from '../common/validation';
import { RecordAttendanceDto } from './dto/attendance.dto';

/** How the sheet marks an invitee; `unrecorded` leaves them out of the record. */
export enum Mark {
  Present = 'present',
  Absent = 'absent',
  Unrecorded = 'unrecorded',
}

export interface WalkInRow {
  fullName: string;
  institution: string;
  position: string;
  email: string;
}

export interface GroupRow {
  label: string;
  count: string;
}

/** The sheet as its form holds it: text, as typed or as read back from the record. */
export interface AttendanceSheet {
  /** By invitation id; a value the form does not offer is kept, for the checks to refuse. */
  marks: Map<string, string>;
  walkIns: WalkInRow[];
  headCount: { total: string; breakdown: GroupRow[]; note: string };
}

/**
 * The form's field names. Those of walk-ins and the head count are the paths
 * of the API's body, row numbers aside, so a fault the checks name is put
 * back on the field it came from.
 */
export const markField = (invitationId: string) => `mark.${invitationId}`;
export const walkInField = (row: number, key: keyof WalkInRow) => `walkIns[${row}].${key}`;
export const groupField = (row: number, key: keyof GroupRow) =>
  `headCount.breakdown[${row}].${key}`;
export const TOTAL_FIELD = 'headCount.total';
export const BREAKDOWN_FIELD = 'headCount.breakdown';
export const NOTE_FIELD = 'headCount.note';

const MARK = /^mark\.(.+)$/;
const WALK_IN = /^walkIns\[(\d{1,4})\]\.(fullName|institution|position|email)$/;
const GROUP = /^headCount\.breakdown\[(\d{1,4})\]\.(label|count)$/;

export const blankWalkIn = (): WalkInRow => ({
  fullName: '',
  institution: '',
  position: '',
  email: '',
});
export const blankGroup = (): GroupRow => ({ label: '', count: '' });

/** The posted form as a sheet, its rows in the order of their numbers; unknown fields are ignored. */
export function readAttendanceForm(fields: Record<string, string>): AttendanceSheet {
  const marks = new Map<string, string>();
  const walkIns = new Map<number, WalkInRow>();
  const groups = new Map<number, GroupRow>();
  for (const [name, value] of Object.entries(fields)) {
    const mark = MARK.exec(name);
    const walkIn = WALK_IN.exec(name);
    const group = GROUP.exec(name);
    if (mark) marks.set(mark[1], value);
    if (walkIn) rowOf(walkIns, walkIn[1], blankWalkIn)[walkIn[2] as keyof WalkInRow] = value;
    if (group) rowOf(groups, group[1], blankGroup)[group[2] as keyof GroupRow] = value;
  }
  return {
    marks,
    walkIns: inOrder(walkIns),
    headCount: {
      total: fields[TOTAL_FIELD] ?? '',
      breakdown: inOrder(groups),
      note: fields[NOTE_FIELD] ?? '',
    },
  };
}

/** What the page says about a field the checks refused; the texts are the page's, by language. */
export type AttendanceProblemCode =
  | 'not-invited'
  | 'mark'
  | 'walk-in-name'
  | 'walk-in-institution'
  | 'walk-in-position'
  | 'walk-in-email'
  | 'head-count-total'
  | 'groups-over-total'
  | 'group-label'
  | 'group-count'
  | 'head-count-note'
  | 'unreadable';

/** By the path of the body without its row numbers. */
const PROBLEM_OF_FIELD: Record<string, AttendanceProblemCode> = {
  'invitees.invitationId': 'not-invited',
  'invitees.present': 'mark',
  'walkIns.fullName': 'walk-in-name',
  'walkIns.institution': 'walk-in-institution',
  'walkIns.position': 'walk-in-position',
  'walkIns.email': 'walk-in-email',
  'headCount.total': 'head-count-total',
  // AttendanceService's sum; the DTO's limit of 20 groups is beyond any sheet the page shows.
  'headCount.breakdown': 'groups-over-total',
  'headCount.breakdown.label': 'group-label',
  'headCount.breakdown.count': 'group-count',
  'headCount.note': 'head-count-note',
};

/** The API's own pipe, so that the page refuses exactly what PUT /api/sessions/:id/attendance refuses. */
const API_VALIDATION = createValidationPipe();

/**
 * A sheet turned into the body of PUT /api/sessions/:id/attendance: a row
 * left empty is no row, an invitee not recorded is left out, and a head
 * count with nothing written is none; a note or groups without a total are
 * refused rather than lost. A number not written as a whole number stays
 * text for the checks to refuse, as they refuse "30" in JSON.
 */
export class AttendanceForm {
  private readonly body: object;
  /** Where each entry of the body came from on the form, by its index in the body. */
  private readonly invitationIds: string[] = [];
  private readonly walkInRows: number[] = [];
  private readonly groupRows: number[] = [];

  constructor(readonly sheet: AttendanceSheet) {
    const invitees = [...sheet.marks]
      .filter(([, mark]) => mark !== Mark.Unrecorded)
      .map(([invitationId, mark]) => {
        this.invitationIds.push(invitationId);
        return { invitationId, present: PRESENT.get(mark) ?? mark };
      });
    const walkIns = sheet.walkIns.flatMap((row, index) => {
      if (isBlank(row)) return [];
      this.walkInRows.push(index);
      return [
        {
          fullName: row.fullName,
          institution: row.institution || null,
          position: row.position || null,
          email: row.email || null,
        },
      ];
    });
    const { total, breakdown, note } = sheet.headCount;
    const groups = breakdown.flatMap((row, index) => {
      if (isBlank(row)) return [];
      this.groupRows.push(index);
      return [{ label: row.label, count: wholeNumber(row.count) }];
    });
    const counted = total !== '' || note !== '' || groups.length > 0;
    this.body = {
      invitees,
      walkIns,
      headCount: counted
        ? { total: wholeNumber(total), breakdown: groups, note: note || null }
        : null,
    };
  }

  /** @throws RequestError (400) naming the fields of the body at fault, as the API answers. */
  async toDto(): Promise<RecordAttendanceDto> {
    return (await API_VALIDATION.transform(this.body, {
      type: 'body',
      metatype: RecordAttendanceDto,
    })) as RecordAttendanceDto;
  }

  /**
   * The faults of a refused sheet by form field, the first for each; null
   * for an error that is not about what was typed. The DTO's checks answer
   * 400 on the API, AttendanceService's own (an invitation of another
   * session, groups adding up to more than the total) 422.
   */
  problemsIn(error: unknown): Map<string, AttendanceProblemCode> | null {
    if (
      !(error instanceof RequestError) ||
      ![HttpStatus.BAD_REQUEST, HttpStatus.UNPROCESSABLE_ENTITY].includes(error.getStatus())
    ) {
      return null;
    }
    const problems = new Map<string, AttendanceProblemCode>();
    for (const { field } of (error.getResponse() as { errors: FieldError[] }).errors) {
      const name = this.formFieldOf(field);
      // A check the page has no words for (a list too long for any real sheet) is still shown.
      const code = PROBLEM_OF_FIELD[field.replace(/\[\d+\]/g, '')] ?? 'unreadable';
      if (!problems.has(name)) problems.set(name, code);
    }
    return problems;
  }

  private formFieldOf(path: string): string {
    return path
      .replace(/^invitees\[(\d+)\].*$/, (_, index) => markField(this.invitationIds[+index]))
      .replace(/^walkIns\[(\d+)\]/, (_, index) => `walkIns[${this.walkInRows[+index]}]`)
      .replace(
        /^headCount\.breakdown\[(\d+)\]/,
        (_, index) => `headCount.breakdown[${this.groupRows[+index]}]`,
      );
  }
}

const PRESENT = new Map<string, boolean>([
  [Mark.Present, true],
  [Mark.Absent, false],
]);

function wholeNumber(text: string): number | string {
  return /^[-+]?\d+$/.test(text) ? Number(text) : text;
}

function isBlank(row: WalkInRow | GroupRow): boolean {
  return Object.values(row).every((value) => value === '');
}

function rowOf<T>(rows: Map<number, T>, number: string, blank: () => T): T {
  const index = Number(number);
  if (!rows.has(index)) rows.set(index, blank());
  return rows.get(index)!;
}

function inOrder<T>(rows: Map<number, T>): T[] {
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}
