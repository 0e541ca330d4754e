import {
  BeforeCreate,
  BeforeUpdate,
  Collection,
  Entity,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  Opt,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { toSearchKey } from '../../common/search-key';
import { County } from '../counties/county.entity';
import { CommitteeMembership } from './committee-membership.entity';

/** A standing group invited as a whole: a Regional Anti-Trafficking Committee, a county's Technical Table. */
@Entity({ tableName: 'committee' })
export class Committee {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ length: 300 })
  name!: string;

  /** Null for a national committee. */
  @ManyToOne(() => County, { nullable: true, deleteRule: 'restrict' })
  county: County | null = null;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @OneToMany(() => CommitteeMembership, (membership) => membership.committee)
  memberships = new Collection<CommitteeMembership>(this);

  @Property({ length: 300, hidden: true })
  searchKey!: Opt<string>;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;

  @BeforeCreate()
  @BeforeUpdate()
  refreshSearchKey(): void {
    this.searchKey = toSearchKey(this.name);
  }
}
