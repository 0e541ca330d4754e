import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../auth/entities/user.entity';
import { RoundSession } from '../rounds/round-session.entity';

/** A session's attendance as a correction found it or left it. */
export interface AttendanceSnapshot {
  headCount: { total: number | null; note: string | null } | null;
  present: number;
  absent: number;
  walkIns: string[];
}

/**
 * A change to a session's attendance after it closed (the follow-up went out
 * and the report may have): who changed what, kept so that a published figure
 * that moved can be traced.
 */
@Entity({ tableName: 'attendance_correction' })
export class AttendanceCorrection {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => RoundSession, { deleteRule: 'restrict' })
  session!: RoundSession;

  @Property({ type: 'timestamptz' })
  correctedAt!: Date;

  @ManyToOne(() => User, { deleteRule: 'restrict' })
  correctedBy!: User;

  @Property({ type: 'jsonb' })
  before!: AttendanceSnapshot;

  @Property({ type: 'jsonb' })
  after!: AttendanceSnapshot;
}
