import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { InvitationListQueryDto } from '../../rounds/dto/invitation.dto';
import { InvitationStatus } from '../../rounds/invitation-status';
import { Invitation } from '../../rounds/invitation.entity';
import { InvitationsService } from '../../rounds/invitations.service';
import { RoundSession } from '../../rounds/round-session.entity';
import { Round } from '../../rounds/round.entity';
import { toldOfSessions } from '../../workflow/told/told-recipients';

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
 * Who a change or cancellation notice would reach: the people an e-mail
 * about the session reached (not those who sent a colleague, never
 * opted-out or archived contacts), by the workflow's own reading of what
 * each person was told. Names come from the invitations.
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
   * Who was told of the session (of any of the round's planned sessions
   * with null): whom its change or cancellation will reach.
   */
  async of(
    round: Round,
    session: RoundSession | null,
    invitations: Invitation[],
  ): Promise<RecipientRow[]> {
    const ids = new Set(await toldOfSessions(this.em, round.id, session ? [session.id] : null));
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
