import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Contact } from '../directory/contacts/contact.entity';
import { InvitationStatus } from './invitation-status';
import { RoundSession } from './round-session.entity';

/** A contact invited to one session. Created when the invitation step resolves the audience. */
@Entity({ tableName: 'invitation' })
@Unique({ properties: ['session', 'contact'] })
export class Invitation {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => RoundSession, { deleteRule: 'restrict' })
  session!: RoundSession;

  @Index()
  @ManyToOne(() => Contact, { deleteRule: 'restrict' })
  contact!: Contact;

  @Enum({ items: () => InvitationStatus })
  status: Opt<InvitationStatus> = InvitationStatus.Pending;

  @Property({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null = null;

  /** When the invitation was withdrawn (see InvitationStatus.Withdrawn). */
  @Property({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;

  /** For a substitute: the invitation of the person they stand in for. */
  @ManyToOne(() => Invitation, { nullable: true, deleteRule: 'restrict' })
  substituteFor: Invitation | null = null;

  /**
   * The invite step that created it: that step e-mails exactly the invitations
   * it created, so a late addition to the audience is invited alone.
   */
  @Property({ type: 'uuid', nullable: true })
  inviteStepId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
