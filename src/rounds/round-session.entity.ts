import {
  Collection,
  Entity,
  Enum,
  Index,
  ManyToMany,
  ManyToOne,
  Opt,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Committee } from '../directory/committees/committee.entity';
import { Contact } from '../directory/contacts/contact.entity';
import { Institution } from '../directory/institutions/institution.entity';
import { Round } from './round.entity';
import { SessionKind, SessionStatus } from './session-kind';

/**
 * One meeting of a round. Named RoundSession in code because "session" means
 * too many other things; the table and the API call it a session.
 */
@Entity({ tableName: 'session' })
export class RoundSession {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => Round, { deleteRule: 'restrict' })
  round!: Round;

  @Property({ length: 300 })
  titleSq!: string;

  @Property({ length: 300 })
  titleEn!: string;

  @Enum({ items: () => SessionKind })
  kind!: SessionKind;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Property({ length: 300, nullable: true })
  venueSq: string | null = null;

  @Property({ length: 300, nullable: true })
  venueEn: string | null = null;

  /** What the session discussed, for the report: "identification of victims of trafficking". */
  @Property({ type: 'text[]' })
  topicsSq: Opt<string[]> = [];

  @Property({ type: 'text[]' })
  topicsEn: Opt<string[]> = [];

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  @Property()
  walkInsCounted: Opt<boolean> = false;

  @Enum({ items: () => SessionStatus })
  status: Opt<SessionStatus> = SessionStatus.Planned;

  /**
   * The session's revision: raised on each change its invitees are told of
   * (times, title, venue, cancellation). Each person's calendar SEQUENCE is
   * their own, kept with what they were last told.
   */
  @Property()
  sequence: Opt<number> = 0;

  @ManyToMany(() => Committee, undefined, {
    pivotTable: 'session_audience_committee',
    joinColumn: 'session_id',
    inverseJoinColumn: 'committee_id',
  })
  audienceCommittees = new Collection<Committee>(this);

  @ManyToMany(() => Institution, undefined, {
    pivotTable: 'session_audience_institution',
    joinColumn: 'session_id',
    inverseJoinColumn: 'institution_id',
  })
  audienceInstitutions = new Collection<Institution>(this);

  @ManyToMany(() => Contact, undefined, {
    pivotTable: 'session_audience_contact',
    joinColumn: 'session_id',
    inverseJoinColumn: 'contact_id',
  })
  audienceContacts = new Collection<Contact>(this);

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
