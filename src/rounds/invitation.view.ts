import { InvitationView } from './dto/invitation.view';
import { Invitation } from './invitation.entity';

/** Needs the session and the contact with its institution loaded. */
export function toInvitationView(invitation: Invitation): InvitationView {
  const { session, contact } = invitation;
  return {
    id: invitation.id,
    session: {
      id: session.id,
      titleSq: session.titleSq,
      titleEn: session.titleEn,
      startsAt: session.startsAt,
    },
    contact: {
      id: contact.id,
      fullName: contact.fullName,
      email: contact.email,
      institutionName: contact.institution?.name ?? null,
    },
    status: invitation.status,
    respondedAt: invitation.respondedAt,
    withdrawnAt: invitation.withdrawnAt,
    substituteForId: invitation.substituteFor?.id ?? null,
    createdAt: invitation.createdAt,
  };
}
