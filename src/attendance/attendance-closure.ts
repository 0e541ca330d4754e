import { EntityManager } from '@mikro-orm/postgresql';

/**
 * When a round's attendance closed: when its follow-up went out under the
 * current schedule, telling participants what the round recorded. A round
 * recorded after it was held has no follow-up, and stays open.
 */
export async function attendanceClosedAt(em: EntityManager, roundId: string): Promise<Date | null> {
  const rows = await em.getConnection().execute<Array<{ finished_at: Date | null }>>(
    `select st.finished_at
       from step st join round r on r.id = st.round_id and r.schedule_version = st.version
      where st.round_id = ? and st.kind = 'follow_up' and st.status = 'done'`,
    [roundId],
  );
  return rows[0]?.finished_at ?? null;
}
