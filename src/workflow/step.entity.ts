import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ReminderAudience } from '../campaigns/workflow-policy';
import { RoundSession } from '../rounds/round-session.entity';
import { Round } from '../rounds/round.entity';
import { StepKind, StepStatus } from './step-kind';

/**
 * One scheduled action of a round. PostgreSQL says what should happen when;
 * a delayed BullMQ job with the id `step:<id>:v<version>` makes it happen.
 */
@Entity({ tableName: 'step' })
@Index({ properties: ['status', 'dueAt'] })
export class Step {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => Round, { deleteRule: 'restrict' })
  round!: Round;

  @Enum({ items: () => StepKind })
  kind!: StepKind;

  /** Who a reminder goes to; null for other kinds. */
  @Enum({ items: () => ReminderAudience, nullable: true })
  audience: ReminderAudience | null = null;

  /** Set for an attendance opening: the session whose sheet it opens. */
  @ManyToOne(() => RoundSession, { nullable: true, deleteRule: 'restrict' })
  session: RoundSession | null = null;

  @Property({ type: 'timestamptz' })
  dueAt!: Date;

  @Enum({ items: () => StepStatus })
  status: Opt<StepStatus> = StepStatus.Pending;

  /** The round's schedule version this step was planned under. */
  @Property()
  version!: number;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;

  /** Why it was skipped or failed, for the timeline. */
  @Property({ length: 500, nullable: true })
  note: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();
}
