import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { InvitationListQueryDto } from '../../rounds/dto/invitation.dto';
import { InvitationStatus } from '../../rounds/invitation-status';
import { Invitation } from '../../rounds/invitation.entity';
import { InvitationsService } from '../../rounds/invitations.service';
import { RoundSession } from '../../rounds/round-session.entity';
import { Round } from '../../rounds/round.entity';
import { StepKind } from '../../workflow/step-kind';
import { stepRecipientIds } from '../../workflow/step-recipients';
import { Step } from '../../workflow/step.entity';

/** Someone a notice would go to, as a preview lists them. */
export interface RecipientRow {
  contactId: string;
  fullName: string;
  email: string;
  institutionName: string | null;
  /** Their answer (to the session, or their first one in the round). */
  status: InvitationStatus;
}

const BY_NAME = new Intl.Collator('sq');

/** More than a round ever invites: a preview lists everyone, not a page of them. */
const EVERY_INVITATION = 100_000;

/**
 * Who a change or cancellation notice would reach, worked out by the very
 * function the workflow's notice step uses when it runs (invitees but not
 * those who sent a colleague, never opted-out or archived contacts), on a
 * step that is built here and never saved. Names come from the invitations.
 */
@Injectable()
export class NoticeRecipients {
  constructor(
    private readonly em: EntityManager,
    private readonly invitations: InvitationsService,
  ) {}

  /** The invitations of the session, or of the whole round, in session and name order. */
  async invitationsOf(round: Round, session: RoundSession | null): Promise<Invitation[]> {
    const query = Object.assign(new InvitationListQueryDto(), {
      sessionId: session?.id,
      limit: EVERY_INVITATION,
      offset: 0,
    });
    return (await this.invitations.list(round, query)).items;
  }

  /**
   * A change notice names the sessions that moved; a cancellation names
   * its session, or none when the whole round is called off.
   */
  async of(
    round: Round,
    kind: StepKind.ChangeNotice | StepKind.CancelNotice,
    session: RoundSession | null,
    invitations: Invitation[],
  ): Promise<RecipientRow[]> {
    const step = Object.assign(new Step(), {
      round,
      kind,
      session: kind === StepKind.CancelNotice ? session : null,
      changes: kind === StepKind.ChangeNotice && session ? [{ sessionId: session.id }] : null,
    });
    const ids = new Set(await stepRecipientIds(this.em, step));
    const rows = new Map<string, RecipientRow>();
    for (const invitation of invitations) {
      const contact = invitation.contact;
      if (!ids.has(contact.id) || rows.has(contact.id)) continue;
      rows.set(contact.id, {
        contactId: contact.id,
        fullName: contact.fullName,
        email: contact.email,
        institutionName: contact.institution?.name ?? null,
        status: invitation.status,
      });
    }
    return [...rows.values()].sort((a, b) => BY_NAME.compare(a.fullName, b.fullName));
  }
}
