import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Contact } from '../contacts/contact.entity';
import { CommitteeRole } from './committee-role';
import { Committee } from './committee.entity';

/**
 * A contact's seat on a committee. Ending a membership sets `endsOn`; the row
 * stays so that past invitations still show why someone was invited.
 */
@Entity({ tableName: 'committee_membership' })
export class CommitteeMembership {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => Committee, { deleteRule: 'restrict' })
  committee!: Committee;

  @Index()
  @ManyToOne(() => Contact, { deleteRule: 'restrict' })
  contact!: Contact;

  @Enum({ items: () => CommitteeRole })
  role: Opt<CommitteeRole> = CommitteeRole.Member;

  @Property({ type: 'date', nullable: true })
  startsOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  endsOn: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
