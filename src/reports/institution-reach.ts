import { EntityManager } from '@mikro-orm/postgresql';
import { InstitutionReach } from './report-model';

/**
 * Per institution invited in a campaign: how many of its people were
 * invited and how many came. A walk-in counts for the institution whose name
 * they gave, letter case aside; staff type it on a phone.
 */
export async function institutionReach(
  em: EntityManager,
  campaignId: string,
): Promise<InstitutionReach[]> {
  const rows = await em
    .getConnection()
    .execute<Array<{ name: string; invited: string; attended: string }>>(
      `with came as (
       -- One row per person first: a mark belongs to one invitation, so no detour through the sheet.
       select i.contact_id, bool_or(coalesce(m.present, false)) as came
         from invitation i
         join session s on s.id = i.session_id
         join round r on r.id = s.round_id
         left join attendance_mark m on m.invitation_id = i.id
        where r.campaign_id = ? and i.status <> 'withdrawn'
        group by i.contact_id),
     walk_ins as (
       select lower(trim(w.institution)) as name, count(*) as came
         from walk_in w
         join session_attendance sa on sa.id = w.attendance_id
         join session s on s.id = sa.session_id
         join round r on r.id = s.round_id
        where r.campaign_id = ? and w.institution is not null
        group by lower(trim(w.institution)))
     select inst.name, count(*) as invited,
            count(*) filter (where v.came) + coalesce(max(w.came), 0) as attended
       from came v
       join contact c on c.id = v.contact_id
       join institution inst on inst.id = c.institution_id
       left join walk_ins w on w.name = lower(trim(inst.name))
      group by inst.id, inst.name
      order by inst.name`,
      [campaignId, campaignId],
    );
  return rows.map((row) => {
    const attended = Number(row.attended);
    return { name: row.name, invited: Number(row.invited), attended, represented: attended > 0 };
  });
}
