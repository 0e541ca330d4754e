import { EntityManager } from '@mikro-orm/postgresql';
import { TemplateName } from '../messaging/template-name';
import { InvitationStatus } from '../rounds/invitation-status';
import { remindedStatus } from './reminded-status';
import { StepKind } from './step-kind';
import { Step } from './step.entity';
import { noticeRecipientIds } from './told/told-recipients';

/** One e-mail a step writes: to whom, with which template. */
export interface StepRecipient {
  contactId: string;
  template: TemplateName;
}

/**
 * Who a step writes to: one row per contact, however many of the round's
 * sessions they are invited to. Opted-out and archived contacts never appear.
 * A notice goes to whom the round's changes concern when it runs (see
 * noticeRecipientIds), whichever change planned it.
 */
export async function stepRecipientIds(em: EntityManager, step: Step): Promise<string[]> {
  const where: string[] = [];
  const params: unknown[] = [step.round.id];
  switch (step.kind) {
    case StepKind.Invite:
      where.push('i.invite_step_id = ?', 'i.status <> ?');
      params.push(step.id, InvitationStatus.Withdrawn);
      break;
    case StepKind.Remind:
      where.push(`s.status = 'planned'`, 'i.status = ?');
      params.push(remindedStatus(step.audience));
      break;
    case StepKind.ChangeNotice:
      return noticeRecipientIds(em, step.round.id, TemplateName.ChangeNotice);
    case StepKind.CancelNotice:
      return noticeRecipientIds(em, step.round.id, TemplateName.CancellationNotice);
    default:
      return [];
  }
  const rows = await em.getConnection().execute<{ contact_id: string }[]>(
    `select distinct i.contact_id
       from invitation i
       join session s on s.id = i.session_id
       join contact c on c.id = i.contact_id
      where s.round_id = ? and not c.opted_out and c.archived_at is null and ${where.join(' and ')}`,
    params,
  );
  return rows.map((row) => row.contact_id);
}
