import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ReminderAudience } from '../campaigns/workflow-policy';
import { RoundSession } from '../rounds/round-session.entity';
import { Round } from '../rounds/round.entity';
import { StepKind, StepStatus } from './step-kind';

/** What a change or cancel notice is about, kept so the e-mail can say "was …, now …". */
export interface StepChange {
  sessionId: string;
  previousStartsAt?: string;
  previousEndsAt?: string;
}

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

  /** Set for a notice about one session (cancelling a single session) and an attendance opening. */
  @ManyToOne(() => RoundSession, { nullable: true, deleteRule: 'restrict' })
  session: RoundSession | null = null;

  @Property({ type: 'jsonb', nullable: true })
  changes: StepChange[] | null = null;

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
