import {
  Collection,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OneToMany,
  Opt,
  PrimaryKey,
  Property,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from '../auth/entities/user.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { County } from '../directory/counties/county.entity';
import { RoundStatus } from './round-status';
import { RoundSession } from './round-session.entity';

/** One county visit of a campaign: one to three days of sessions. */
@Entity({ tableName: 'round' })
export class Round {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => Campaign, { deleteRule: 'restrict' })
  campaign!: Campaign;

  @ManyToOne(() => County, { deleteRule: 'restrict' })
  county!: County;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;

  @Enum({ items: () => RoundStatus })
  status: Opt<RoundStatus> = RoundStatus.Draft;

  /** The staff member in charge: Reply-To of the e-mails, receives the attendance link. */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'restrict' })
  staff: User | null = null;

  /**
   * Raised by every reschedule and cancel. Steps and messages carry the
   * version they were planned under; a job of an older version does nothing.
   */
  @Property()
  scheduleVersion: Opt<number> = 0;

  @OneToMany(() => RoundSession, (session) => session.round)
  sessions = new Collection<RoundSession>(this);

  @Property({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
