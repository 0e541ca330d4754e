import { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_FOLLOW_UP_TO, FollowUpAudience } from '../campaigns/workflow-policy';
import { TemplateName } from '../messaging/template-name';
import { StepRecipient } from './step-recipients';
import { Step } from './step.entity';

/** A thank-you for those who came; a summary of what they missed for the others. */
const TEMPLATE_OF: Record<FollowUpAudience, TemplateName> = {
  [FollowUpAudience.Attended]: TemplateName.FollowUpThanks,
  [FollowUpAudience.Missed]: TemplateName.FollowUpMissed,
  [FollowUpAudience.Declined]: TemplateName.FollowUpMissed,
  [FollowUpAudience.NoAnswer]: TemplateName.FollowUpMissed,
};

/**
 * Sorts every invitee of the round's planned sessions into one follow-up
 * group, from their answers and the attendance sheets, and keeps the groups
 * the campaign's policy names. Someone who came to any session attended,
 * whatever they answered. "Missed" needs evidence: marked absent, or left
 * off a sheet that was recorded; an accepted invitee of a session nobody
 * recorded is in no group. A delegated invitation is the substitute's; a
 * withdrawn one is nobody's.
 */
export async function followUpRecipients(em: EntityManager, step: Step): Promise<StepRecipient[]> {
  const wanted = step.round.campaign.policy.followUpTo ?? DEFAULT_FOLLOW_UP_TO;
  const rows = await em.getConnection().execute<Array<{ contact_id: string; audience: string }>>(
    `with invitee as (
       select i.contact_id, i.status, am.present, sa.id is not null as recorded
         from invitation i
         join session s on s.id = i.session_id
         left join session_attendance sa on sa.session_id = s.id
         left join attendance_mark am on am.invitation_id = i.id
        where s.round_id = ? and s.status = 'planned' and i.status not in ('delegated', 'withdrawn')
     ), grouped as (
       select contact_id,
              case
                when bool_or(present) then ?
                when bool_or(status = 'accepted' and (present is false or (present is null and recorded))) then ?
                when bool_and(status = 'declined') then ?
                when bool_and(status = 'pending') and not bool_or(status = 'accepted') then ?
              end as audience
         from invitee
        group by contact_id
     )
     select g.contact_id, g.audience
       from grouped g
       join contact c on c.id = g.contact_id
      where g.audience = any(?::text[]) and not c.opted_out and c.archived_at is null`,
    [
      step.round.id,
      FollowUpAudience.Attended,
      FollowUpAudience.Missed,
      FollowUpAudience.Declined,
      FollowUpAudience.NoAnswer,
      `{${wanted.join(',')}}`,
    ],
  );
  return rows.map((row) => ({
    contactId: row.contact_id,
    template: TEMPLATE_OF[row.audience as FollowUpAudience],
  }));
}
