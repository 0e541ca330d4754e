import { Entity, Enum, OneToOne, Property } from '@mikro-orm/core';
import { Invitation } from '../../rounds/invitation.entity';
import { InvitationStatus } from '../../rounds/invitation-status';

/**
 * What one person was last told about one session: the state the last
 * e-mail about their invitation showed, written when the relay accepted that
 * e-mail. Change, cancellation and withdrawal notices are the difference
 * between the session as it is when they leave and this row.
 */
@Entity({ tableName: 'invitation_told' })
export class InvitationTold {
  @OneToOne(() => Invitation, { primary: true, deleteRule: 'cascade' })
  invitation!: Invitation;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Property({ length: 300 })
  titleSq!: string;

  @Property({ length: 300 })
  titleEn!: string;

  @Property({ length: 300, nullable: true })
  venueSq: string | null = null;

  @Property({ length: 300, nullable: true })
  venueEn: string | null = null;

  /** They were told the session is cancelled. */
  @Property()
  sessionCancelled!: boolean;

  /** The calendar method of that e-mail: whether their calendar holds the entry. */
  @Property({ length: 10 })
  calendarMethod!: 'REQUEST' | 'CANCEL';

  /** The calendar SEQUENCE of their entry's UID in that e-mail; the next one may only be higher. */
  @Property()
  sequence!: number;

  /** The answer that e-mail took as standing, so a notice can say it no longer holds. */
  @Enum({ items: () => InvitationStatus })
  answer!: InvitationStatus;

  @Property({ type: 'timestamptz' })
  toldAt!: Date;
}
