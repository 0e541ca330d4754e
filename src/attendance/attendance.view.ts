import { AttendanceRecord } from './attendance.service';
import { AttendanceView } from './dto/attendance.view';

export function toAttendanceView(record: AttendanceRecord): AttendanceView {
  const { session, invitations, attendance, marks, walkIns } = record;
  const presentOf = new Map(marks.map((mark) => [mark.invitation.id, mark.present]));
  const invitedPresent = marks.filter((mark) => mark.present).length;
  const headCount =
    attendance && attendance.headCountTotal !== null
      ? {
          total: attendance.headCountTotal,
          breakdown: attendance.headCountBreakdown ?? [],
          note: attendance.headCountNote,
        }
      : null;
  return {
    sessionId: session.id,
    invitees: invitations.map((invitation) => ({
      invitationId: invitation.id,
      contactId: invitation.contact.id,
      fullName: invitation.contact.fullName,
      institutionName: invitation.contact.institution?.name ?? null,
      status: invitation.status,
      optedOut: invitation.contact.optedOut,
      present: presentOf.get(invitation.id) ?? null,
    })),
    walkIns: walkIns.map((walkIn) => ({
      id: walkIn.id,
      fullName: walkIn.fullName,
      institution: walkIn.institution,
      position: walkIn.position,
      email: walkIn.email,
    })),
    headCount,
    recordedAt: attendance?.recordedAt ?? null,
    recordedBy: attendance
      ? { id: attendance.recordedBy.id, name: attendance.recordedBy.name }
      : null,
    totals: {
      invited: invitations.length,
      invitedPresent,
      walkIns: walkIns.length,
      namedPresent: invitedPresent + walkIns.length,
      headCount: headCount?.total ?? null,
    },
  };
}
