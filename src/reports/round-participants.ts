import { EntityManager } from '@mikro-orm/postgresql';
import { Language } from '../common/language';
import { InvitationStatus } from '../rounds/invitation-status';
import { inLanguage } from './localised';
import { ReportLabels } from './report-labels';
import { ReportParticipant } from './report-model';

interface ParticipantRow {
  session_id: string;
  title_sq: string;
  title_en: string;
  full_name: string;
  institution: string | null;
  position: string | null;
  walk_in: boolean;
  status: InvitationStatus | null;
  present: boolean | null;
  substitute_for: string | null;
}

/**
 * Everyone a round's sessions counted on or counted: each invitation with
 * its answer and attendance mark, then the walk-ins, session by session.
 */
export async function roundParticipants(
  em: EntityManager,
  roundId: string,
  language: Language,
  labels: ReportLabels,
): Promise<ReportParticipant[]> {
  const rows = await em.getConnection().execute<ParticipantRow[]>(
    `select s.id as session_id, s.title_sq, s.title_en, p.full_name, p.institution, p.position,
            p.walk_in, p.status, p.present, p.substitute_for
       from session s
       join lateral (
         select c.full_name, inst.name as institution, c.position, false as walk_in,
                i.status, m.present, original.full_name as substitute_for, 0 as ordinal
           from invitation i
           join contact c on c.id = i.contact_id
           left join institution inst on inst.id = c.institution_id
           left join session_attendance sa on sa.session_id = i.session_id
           left join attendance_mark m on m.attendance_id = sa.id and m.invitation_id = i.id
           left join invitation oi on oi.id = i.substitute_for_id
           left join contact original on original.id = oi.contact_id
          where i.session_id = s.id and i.status <> 'withdrawn'
         union all
         select w.full_name, w.institution, w.position, true, null, true, null, w.ordinal
           from session_attendance sa
           join walk_in w on w.attendance_id = sa.id
          where sa.session_id = s.id
       ) p on true
      where s.round_id = ?
      order by s.starts_at, s.id, p.walk_in, p.ordinal, p.full_name`,
    [roundId],
  );
  return rows.map((row) => ({
    sessionId: row.session_id,
    sessionTitle: inLanguage(language, row.title_sq, row.title_en) ?? '',
    fullName: row.full_name,
    institution: row.institution,
    position: row.position,
    walkIn: row.walk_in,
    answer: row.status,
    answerLabel: row.status ? labels.answers[row.status] : labels.walkIn,
    attended: row.present,
    attendedLabel:
      labels.attendanceMarks[row.present === null ? 'unknown' : row.present ? 'present' : 'absent'],
    substituteFor: row.substitute_for,
  }));
}
