import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Language } from '../common/language';
import { Contact } from '../directory/contacts/contact.entity';
import { Invitation } from '../rounds/invitation.entity';
import { Round } from '../rounds/round.entity';
import { MessageStatus } from './message-status';

/**
 * Every e-mail the system sends: the audit trail and the idempotency record.
 * The row is committed before its send job exists, and `dedupeKey` (round,
 * step, contact and schedule version for workflow e-mails) makes writing it
 * twice impossible.
 */
@Entity({ tableName: 'message' })
@Index({ properties: ['status', 'createdAt'] })
export class Message {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ length: 300, unique: true })
  dedupeKey!: string;

  @Index()
  @ManyToOne(() => Round, { nullable: true, deleteRule: 'restrict' })
  round: Round | null = null;

  /**
   * The workflow step that sent it. A plain id, not a relation: messaging must
   * not depend on the workflow module that drives it.
   */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  stepId: string | null = null;

  @Property({ type: 'integer', nullable: true })
  version: number | null = null;

  /** For the confirmation of an answer: the invitation answered. Step e-mails have none. */
  @Index()
  @ManyToOne(() => Invitation, { nullable: true, deleteRule: 'restrict' })
  invitation: Invitation | null = null;

  @Index()
  @ManyToOne(() => Contact, { nullable: true, deleteRule: 'restrict' })
  contact: Contact | null = null;

  /** Where it went; for a contact, their address when the message was written. */
  @Property({ length: 320 })
  recipient!: string;

  @Property({ length: 64 })
  template!: string;

  @Enum({ items: () => Language })
  language!: Language;

  @Property({ length: 500, nullable: true })
  subject: string | null = null;

  @Enum({ items: () => MessageStatus })
  status: Opt<MessageStatus> = MessageStatus.Queued;

  @Property()
  attempts: Opt<number> = 0;

  /** The Message-ID header, the same on every retry so a rare resend collapses in the mailbox. */
  @Property({ length: 300 })
  messageIdHeader!: string;

  /** What the SMTP server answered when it accepted or refused the message. */
  @Property({ length: 1000, nullable: true })
  smtpResponse: string | null = null;

  @Property({ length: 1000, nullable: true })
  error: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
