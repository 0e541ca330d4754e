import { ObjectQuery } from '@mikro-orm/core';
import { CommitteeMembership } from './committee-membership.entity';

/** Memberships are dated in the office's calendar: "today" must not turn at UTC midnight. */
const OFFICE_TIME_ZONE = 'Europe/Tirane';

/** Today's date (YYYY-MM-DD) in the office's time zone. */
export function officeToday(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: OFFICE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * `endsOn` is the first day off the committee, so the seat ended today is
 * already past and a contact removed today can be added again today.
 * An archived contact no longer counts as a member, whatever the dates say.
 */
export function currentMembershipFilter(today: string): ObjectQuery<CommitteeMembership> {
  return { contact: { archivedAt: null }, $or: [{ endsOn: null }, { endsOn: { $gt: today } }] };
}

export function isCurrentMembership(membership: CommitteeMembership, today: string): boolean {
  const { contact, endsOn } = membership;
  return contact.archivedAt === null && (endsOn === null || endsOn > today);
}
