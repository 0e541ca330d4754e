import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../auth/entities/user.entity';
import { Contact } from '../directory/contacts/contact.entity';
import { Invitation } from '../rounds/invitation.entity';
import { Answer } from './answer';
import { ResponseSource } from './response-source';

/**
 * One answer an invitation received. The invitation holds the latest; this
 * keeps every change of mind, and who recorded it, for the office to read.
 */
@Entity({ tableName: 'invitation_response' })
export class InvitationResponse {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => Invitation, { deleteRule: 'restrict' })
  invitation!: Invitation;

  @Enum({ items: () => Answer })
  answer!: Answer;

  @Enum({ items: () => ResponseSource })
  source!: ResponseSource;

  @Property({ length: 1000, nullable: true })
  note: string | null = null;

  /** For a delegate answer: the colleague who comes instead. */
  @ManyToOne(() => Contact, { nullable: true, deleteRule: 'restrict' })
  substitute: Contact | null = null;

  /** The staff member who recorded an answer given by phone, letter, e-mail or in person. */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  recordedBy: User | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
