import { Language } from '../common/language';
import { RoundSession } from '../rounds/round-session.entity';
import { RoundStatus } from '../rounds/round-status';
import { SessionStatus } from '../rounds/session-kind';
import {
  AttendanceProblemCode,
  AttendanceSheet,
  blankGroup,
  blankWalkIn,
  BREAKDOWN_FIELD,
  groupField,
  Mark,
  markField,
  NOTE_FIELD,
  TOTAL_FIELD,
  walkInField,
} from './attendance-form';
import { OPENS_BEFORE_START_MS } from './attendance-window';
import { AttendanceView } from './dto/attendance.view';

/** Rows for people nobody has written down yet; a phone has no button to add one without JavaScript. */
const EMPTY_WALK_IN_ROWS = 3;
/** Rows to break the head count down in; a record with more groups shows them all. */
const GROUP_ROWS = 3;

export interface AttendancePageState {
  /** The sheet has just been saved: the page confirms it. */
  saved?: boolean;
  /** A sheet the checks refused: shown again as typed, with what is wrong. */
  refused?: { sheet: AttendanceSheet; problems: Map<string, AttendanceProblemCode> };
}

/**
 * Whether the sheet can be filled in now, by the rule AttendanceService
 * applies again when it is saved (attendance-window.ts). A draft round has
 * no link, so only a cancellation and the opening time are left to check.
 */
export function sheetOpen(session: RoundSession, now: Date): boolean {
  return !isCancelled(session) && now >= opensAt(session);
}

/**
 * What templates/pages/attendance.hbs shows, in the staff member's language:
 * the session and, while the sheet is open, its form, filled in from the
 * record or, after a refusal, with what was typed and what is wrong with it.
 * Needs the session as AttendancePageService.sessionForLink loads it, and
 * the record whenever the sheet is open.
 */
export function attendancePageData(
  session: RoundSession,
  language: Language,
  record: AttendanceView | null,
  now: Date,
  state: AttendancePageState,
): object {
  const { round } = session;
  const { campaign } = round;
  const sq = language === Language.Albanian;
  const cancelled = isCancelled(session);
  return {
    timeZone: campaign.timeZone,
    campaign: sq ? campaign.nameSq : campaign.nameEn,
    county: round.county.name,
    session: {
      title: sq ? session.titleSq : session.titleEn,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      venue: sq ? session.venueSq : session.venueEn,
    },
    cancelled,
    opensAt: !cancelled && now < opensAt(session) ? opensAt(session) : null,
    saved: state.saved ?? false,
    form: record && formData(record, state.refused),
  };
}

function formData(record: AttendanceView, refused: AttendancePageState['refused']): object {
  const sheet = refused?.sheet ?? sheetOf(record);
  // Each fault is shown beside its field; those left over have no field and are shown on top.
  const problems = new Map(refused?.problems);
  const take = (name: string) => {
    const problem = problems.get(name) ?? null;
    problems.delete(name);
    return problem;
  };
  const field = (name: string, value: string) => ({ name, value, problem: take(name) });
  const invitees = record.invitees.map((invitee) => ({
    fullName: invitee.fullName,
    institution: invitee.institutionName,
    status: invitee.status,
    optedOut: invitee.optedOut,
    mark: field(
      markField(invitee.invitationId),
      sheet.marks.get(invitee.invitationId) ?? Mark.Unrecorded,
    ),
  }));
  const walkIns = sheet.walkIns.map((row, index) => ({
    number: index + 1,
    fullName: field(walkInField(index, 'fullName'), row.fullName),
    institution: field(walkInField(index, 'institution'), row.institution),
    position: field(walkInField(index, 'position'), row.position),
    email: field(walkInField(index, 'email'), row.email),
  }));
  const { total, breakdown, note } = sheet.headCount;
  const headCount = {
    total: field(TOTAL_FIELD, total),
    breakdownProblem: take(BREAKDOWN_FIELD),
    groups: breakdown.map((row, index) => ({
      label: field(groupField(index, 'label'), row.label),
      count: field(groupField(index, 'count'), row.count),
    })),
    note: field(NOTE_FIELD, note),
  };
  return {
    refused: !!refused,
    unplacedProblems: [...problems.values()],
    invitees,
    walkIns,
    headCount,
    recordedAt: record.recordedAt,
    recordedBy: record.recordedBy?.name ?? null,
    totals: record.totals,
  };
}

/** The record as the form shows it, with empty rows to write more people and groups in. */
function sheetOf(record: AttendanceView): AttendanceSheet {
  const groups = (record.headCount?.breakdown ?? []).map(({ label, count }) => ({
    label,
    count: String(count),
  }));
  return {
    marks: new Map(
      record.invitees.map((invitee) => [
        invitee.invitationId,
        invitee.present === null ? Mark.Unrecorded : invitee.present ? Mark.Present : Mark.Absent,
      ]),
    ),
    walkIns: [
      ...record.walkIns.map((walkIn) => ({
        fullName: walkIn.fullName,
        institution: walkIn.institution ?? '',
        position: walkIn.position ?? '',
        email: walkIn.email ?? '',
      })),
      ...Array.from({ length: EMPTY_WALK_IN_ROWS }, blankWalkIn),
    ],
    headCount: {
      total: record.headCount ? String(record.headCount.total) : '',
      breakdown: [
        ...groups,
        ...Array.from({ length: Math.max(0, GROUP_ROWS - groups.length) }, blankGroup),
      ],
      note: record.headCount?.note ?? '',
    },
  };
}

function isCancelled(session: RoundSession): boolean {
  return (
    session.status === SessionStatus.Cancelled || session.round.status === RoundStatus.Cancelled
  );
}

function opensAt(session: RoundSession): Date {
  return new Date(session.startsAt.getTime() - OPENS_BEFORE_START_MS);
}
