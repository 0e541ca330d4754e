import { isCurrentMembership } from './current-membership';
import { CommitteeMembership } from './committee-membership.entity';
import { MembershipView } from './dto/membership.view';

export function toMembershipView(membership: CommitteeMembership, today: string): MembershipView {
  const contact = membership.contact;
  return {
    id: membership.id,
    committeeId: membership.committee.id,
    contact: {
      id: contact.id,
      fullName: contact.fullName,
      email: contact.email,
      position: contact.position,
      institutionName: contact.institution?.name ?? null,
      archivedAt: contact.archivedAt,
    },
    role: membership.role,
    startsOn: membership.startsOn,
    endsOn: membership.endsOn,
    current: isCurrentMembership(membership, today),
    createdAt: membership.createdAt,
  };
}
