import {
  BeforeCreate,
  BeforeUpdate,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Opt,
} from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { toSearchKey } from '../../common/search-key';
import { County } from '../counties/county.entity';
import { InstitutionKind } from './institution-kind';

@Entity({ tableName: 'institution' })
@Index({
  name: 'institution_search_key_trgm',
  expression:
    'create index "institution_search_key_trgm" on "institution" using gin ("search_key" gin_trgm_ops)',
})
export class Institution {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ length: 300 })
  name!: string;

  @Enum({ items: () => InstitutionKind })
  kind: Opt<InstitutionKind> = InstitutionKind.Other;

  /** Null for a national institution (a ministry, the State Police directorate). */
  @Index()
  @ManyToOne(() => County, { nullable: true, deleteRule: 'restrict' })
  county: County | null = null;

  @Property({ length: 320, nullable: true })
  email: string | null = null;

  @Property({ length: 50, nullable: true })
  phone: string | null = null;

  @Property({ length: 500, nullable: true })
  address: string | null = null;

  @Property({ length: 700, hidden: true })
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
    this.searchKey = toSearchKey(this.name, this.email);
  }
}
