import { Entity, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { SessionAttendance } from './session-attendance.entity';

/**
 * A person who came without an invitation, as written down at the door.
 * Not a contact: the directory is the office's to keep, and a name on a
 * sign-in sheet is not enough to add someone to it.
 */
@Entity({ tableName: 'walk_in' })
@Unique({ properties: ['attendance', 'ordinal'] })
export class WalkIn {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => SessionAttendance, { deleteRule: 'restrict' })
  attendance!: SessionAttendance;

  /** The place on the sheet, so the list reads back in the order it was written. */
  @Property()
  ordinal!: number;

  @Property({ length: 200 })
  fullName!: string;

  /** As the person said it; free text, as they may come from no institution in the directory. */
  @Property({ length: 300, nullable: true })
  institution: string | null = null;

  @Property({ length: 200, nullable: true })
  position: string | null = null;

  /** Lower case and trimmed: the follow-up goes here and must not reach one person twice. */
  @Property({ length: 320, nullable: true })
  email: string | null = null;
}
