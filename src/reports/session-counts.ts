import { EntityManager } from '@mikro-orm/postgresql';
import { SessionCounts } from './report-model';

/** A session's counts, with how its head count was made. */
export interface SessionCountRow extends SessionCounts {
  headCountNote: string | null;
  headCountBreakdown: Array<{ label: string; count: number }> | null;
}

/**
 * The counts of every session of the given rounds in one statement: the
 * invitation funnel, invitees marked present, walk-ins and the head count.
 * Set-based so that a campaign of thousands of invitations reports in
 * milliseconds.
 */
export async function sessionCounts(
  em: EntityManager,
  roundIds: string[],
): Promise<Map<string, SessionCountRow>> {
  if (roundIds.length === 0) return new Map();
  const rows = await em.getConnection().execute<
    Array<{
      session_id: string;
      invited: string;
      answered: string;
      accepted: string;
      declined: string;
      delegated: string;
      attended: string;
      walk_ins: string;
      head_count_total: number | null;
      head_count_note: string | null;
      head_count_breakdown: Array<{ label: string; count: number }> | null;
    }>
  >(
    `select s.id as session_id,
            coalesce(i.invited, 0) as invited, coalesce(i.answered, 0) as answered,
            coalesce(i.accepted, 0) as accepted, coalesce(i.declined, 0) as declined,
            coalesce(i.delegated, 0) as delegated, coalesce(m.attended, 0) as attended,
            coalesce(w.walk_ins, 0) as walk_ins,
            sa.head_count_total, sa.head_count_note, sa.head_count_breakdown
       from session s
       join round r on r.id = s.round_id
       left join lateral (
         select count(*) as invited,
                count(*) filter (where status <> 'pending') as answered,
                count(*) filter (where status = 'accepted') as accepted,
                count(*) filter (where status = 'declined') as declined,
                count(*) filter (where status = 'delegated') as delegated
           from invitation where session_id = s.id and status <> 'withdrawn') i on true
       left join session_attendance sa on sa.session_id = s.id
       left join lateral (
         select count(*) filter (where present) as attended
           from attendance_mark where attendance_id = sa.id) m on true
       left join lateral (
         select count(*) as walk_ins from walk_in where attendance_id = sa.id) w on true
      where r.id = any(?::uuid[])`,
    [`{${roundIds.join(',')}}`],
  );
  return new Map(
    rows.map((row) => {
      const attended = Number(row.attended);
      const walkIns = Number(row.walk_ins);
      return [
        row.session_id,
        {
          invited: Number(row.invited),
          answered: Number(row.answered),
          accepted: Number(row.accepted),
          declined: Number(row.declined),
          delegated: Number(row.delegated),
          attended,
          walkIns,
          headCount: row.head_count_total,
          participants: row.head_count_total ?? attended + walkIns,
          headCountNote: row.head_count_note,
          headCountBreakdown: row.head_count_breakdown,
        },
      ];
    }),
  );
}

/** Counts of several sessions added up; a head count missing from all stays missing. */
export function addCounts(counts: SessionCounts[]): SessionCounts {
  const total: SessionCounts = {
    invited: 0,
    answered: 0,
    accepted: 0,
    declined: 0,
    delegated: 0,
    attended: 0,
    walkIns: 0,
    headCount: null,
    participants: 0,
  };
  for (const count of counts) {
    total.invited += count.invited;
    total.answered += count.answered;
    total.accepted += count.accepted;
    total.declined += count.declined;
    total.delegated += count.delegated;
    total.attended += count.attended;
    total.walkIns += count.walkIns;
    total.participants += count.participants;
    if (count.headCount !== null) total.headCount = (total.headCount ?? 0) + count.headCount;
  }
  return total;
}
