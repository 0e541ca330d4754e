import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { User } from '../auth/entities/user.entity';
import { FieldError } from '../common/error-body';
import { RequestError } from '../common/request-error';
import { Invitation } from '../rounds/invitation.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundSession } from '../rounds/round-session.entity';
import { Role } from '../auth/role';
import { localDateTime } from '../rounds/local-time';
import { attendanceClosedAt } from './attendance-closure';
import { AttendanceCorrection, AttendanceSnapshot } from './attendance-correction.entity';
import { AttendanceMark } from './attendance-mark.entity';
import { assertAttendanceOpen } from './attendance-window';
import { HeadCountDto, InviteeAttendanceDto, RecordAttendanceDto } from './dto/attendance.dto';
import { SessionAttendance } from './session-attendance.entity';
import { WalkIn } from './walk-in.entity';

/** A session's attendance as stored: its invitations, and the record once there is one. */
export interface AttendanceRecord {
  session: RoundSession;
  /** With the contact and its institution loaded, by name. */
  invitations: Invitation[];
  /** With recordedBy loaded; null until attendance is first recorded. */
  attendance: SessionAttendance | null;
  marks: AttendanceMark[];
  /** In the order of the sign-in sheet. */
  walkIns: WalkIn[];
}

@Injectable()
export class AttendanceService {
  constructor(private readonly em: EntityManager) {}

  async get(sessionId: string): Promise<AttendanceRecord> {
    const session = await this.em.findOne(RoundSession, { id: sessionId });
    if (!session) throw RequestError.notFound('session');
    const [invitations, attendance] = await Promise.all([
      this.em.find(
        Invitation,
        // A withdrawn invitation is on no sheet: someone who comes all the same is a walk-in.
        { session, status: { $ne: InvitationStatus.Withdrawn } },
        {
          populate: ['contact.institution'],
          // The folded search key sorts Çlirim among the Cs whatever the database collation.
          orderBy: { contact: { searchKey: 'asc' }, id: 'asc' },
        },
      ),
      this.em.findOne(SessionAttendance, { session }, { populate: ['recordedBy'] }),
    ]);
    const [marks, walkIns] = attendance
      ? await Promise.all([
          this.em.find(AttendanceMark, { attendance }),
          this.em.find(WalkIn, { attendance }, { orderBy: { ordinal: 'asc' } }),
        ])
      : [[], []];
    return { session, invitations, attendance, marks, walkIns };
  }

  /** Changes made after the attendance closed, oldest first. */
  async corrections(sessionId: string): Promise<AttendanceCorrection[]> {
    const session = await this.em.findOne(RoundSession, { id: sessionId });
    if (!session) throw RequestError.notFound('session');
    return this.em.find(
      AttendanceCorrection,
      { session },
      { populate: ['correctedBy'], orderBy: { correctedAt: 'asc', id: 'asc' } },
    );
  }

  /**
   * Replaces the session's whole record with the one given. The session's
   * row stays locked until commit, so two phones submitting at once apply
   * one after the other, and a cancellation or a move of the session waits
   * for this to finish or is seen by it.
   */
  async record(sessionId: string, input: RecordAttendanceDto, recorder: User): Promise<void> {
    await this.em.transactional(async (em) => {
      const session = await em.findOne(
        RoundSession,
        { id: sessionId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!session) throw RequestError.notFound('session');
      // Loaded after the lock: FOR UPDATE refuses outer joins.
      await em.populate(session, ['round.campaign']);
      const now = new Date();
      assertAttendanceOpen(session, now);
      const closedAt = await attendanceClosedAt(em, session.round.id);
      if (closedAt && recorder.role !== Role.Admin) {
        throw new RequestError(HttpStatus.FORBIDDEN, [
          {
            field: 'session',
            reason: `attendance closed on ${localDateTime(closedAt, session.round.campaign.timeZone)}, when the follow-up went out; only an admin can correct it now`,
          },
        ]);
      }
      refuse([
        ...(await inviteeProblems(em, session, input.invitees)),
        headCountProblem(input.headCount),
      ]);

      const fields = {
        recordedAt: now,
        recordedBy: em.getReference(User, recorder.id),
        headCountTotal: input.headCount?.total ?? null,
        headCountBreakdown: input.headCount ? (input.headCount.breakdown ?? []) : null,
        headCountNote: input.headCount?.note ?? null,
      };
      let attendance = await em.findOne(SessionAttendance, { session });
      if (closedAt) {
        em.create(AttendanceCorrection, {
          session,
          correctedAt: now,
          correctedBy: em.getReference(User, recorder.id),
          before: await snapshotOf(em, attendance),
          after: snapshotOfInput(input),
        });
      }
      if (attendance) {
        await em.nativeDelete(AttendanceMark, { attendance });
        await em.nativeDelete(WalkIn, { attendance });
        em.assign(attendance, fields);
      } else {
        attendance = em.create(SessionAttendance, { session, ...fields });
      }
      for (const invitee of input.invitees) {
        em.create(AttendanceMark, {
          attendance,
          invitation: em.getReference(Invitation, invitee.invitationId),
          present: invitee.present,
        });
      }
      input.walkIns.forEach((walkIn, index) =>
        em.create(WalkIn, {
          attendance,
          ordinal: index + 1,
          fullName: walkIn.fullName,
          institution: walkIn.institution ?? null,
          position: walkIn.position ?? null,
          email: walkIn.email ?? null,
        }),
      );
    });
  }
}

async function snapshotOf(
  em: EntityManager,
  attendance: SessionAttendance | null,
): Promise<AttendanceSnapshot> {
  if (!attendance) return { headCount: null, present: 0, absent: 0, walkIns: [] };
  const [marks, walkIns] = await Promise.all([
    em.find(AttendanceMark, { attendance }),
    em.find(WalkIn, { attendance }, { orderBy: { ordinal: 'asc' } }),
  ]);
  return {
    headCount:
      attendance.headCountTotal === null
        ? null
        : { total: attendance.headCountTotal, note: attendance.headCountNote },
    present: marks.filter((mark) => mark.present).length,
    absent: marks.filter((mark) => !mark.present).length,
    walkIns: walkIns.map((walkIn) => walkIn.fullName),
  };
}

function snapshotOfInput(input: RecordAttendanceDto): AttendanceSnapshot {
  return {
    headCount: input.headCount
      ? { total: input.headCount.total, note: input.headCount.note ?? null }
      : null,
    present: input.invitees.filter((invitee) => invitee.present).length,
    absent: input.invitees.filter((invitee) => !invitee.present).length,
    walkIns: input.walkIns.map((walkIn) => walkIn.fullName),
  };
}

/** Each invitation must be one of this session's standing invitations, and listed once. */
async function inviteeProblems(
  em: EntityManager,
  session: RoundSession,
  invitees: InviteeAttendanceDto[],
): Promise<FieldError[]> {
  const ids = [...new Set(invitees.map((invitee) => invitee.invitationId))];
  const invitations = ids.length
    ? await em.find(Invitation, {
        id: { $in: ids },
        session,
        status: { $ne: InvitationStatus.Withdrawn },
      })
    : [];
  const ofSession = new Set(invitations.map((invitation) => invitation.id));
  const firstAt = new Map<string, number>();
  return invitees.flatMap((invitee, index): FieldError[] => {
    const field = `invitees[${index}].invitationId`;
    if (!ofSession.has(invitee.invitationId)) {
      return [{ field, reason: 'no invitation to this session with this id' }];
    }
    const first = firstAt.get(invitee.invitationId);
    if (first !== undefined) {
      return [{ field, reason: `the same invitation as invitees[${first}]` }];
    }
    firstAt.set(invitee.invitationId, index);
    return [];
  });
}

function headCountProblem(headCount: HeadCountDto | null | undefined): FieldError | null {
  if (!headCount?.breakdown) return null;
  const sum = headCount.breakdown.reduce((total, group) => total + group.count, 0);
  return sum > headCount.total
    ? {
        field: 'headCount.breakdown',
        reason: `the groups add up to ${sum}, more than the total of ${headCount.total}`,
      }
    : null;
}

/** All the faults found at once, so the sheet is corrected in one go. */
function refuse(problems: Array<FieldError | null>): void {
  const errors = problems.filter((problem): problem is FieldError => problem !== null);
  if (errors.length) throw new RequestError(HttpStatus.UNPROCESSABLE_ENTITY, errors);
}
