import { Entity, ManyToOne, OneToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../auth/entities/user.entity';
import { RoundSession } from '../rounds/round-session.entity';

/** One group of a head count: "students", 30. */
export interface HeadCountGroup {
  label: string;
  count: number;
}

/**
 * The attendance record of one session: who last recorded it and the head
 * count. The invitee marks and walk-ins hang off it; a new submission
 * replaces them all, so a session has one record however often it is sent.
 */
@Entity({ tableName: 'session_attendance' })
export class SessionAttendance {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @OneToOne(() => RoundSession, { owner: true, deleteRule: 'restrict' })
  session!: RoundSession;

  /** Everyone in the room when counted, named or not; null when nobody counted. */
  @Property({ type: 'integer', nullable: true })
  headCountTotal: number | null = null;

  /** Kept whole, in the order given: the groups are read and replaced together with the total. */
  @Property({ type: 'jsonb', nullable: true })
  headCountBreakdown: HeadCountGroup[] | null = null;

  /** How the count was made or how sure it is: "rreth 30" (about 30). */
  @Property({ length: 1000, nullable: true })
  headCountNote: string | null = null;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  recordedBy!: User;
}
