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
import { Language } from '../../common/language';
import { toSearchKey } from '../../common/search-key';
import { Institution } from '../institutions/institution.entity';

/** A person the office invites. Archived, never deleted: invitations and messages refer to it. */
@Entity({ tableName: 'contact' })
@Index({
  name: 'contact_email_active_unique',
  expression:
    'create unique index "contact_email_active_unique" on "contact" (lower("email")) where "archived_at" is null',
})
@Index({
  name: 'contact_search_key_trgm',
  expression:
    'create index "contact_search_key_trgm" on "contact" using gin ("search_key" gin_trgm_ops)',
})
export class Contact {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ length: 200 })
  fullName!: string;

  /** Null for a person who speaks for no institution (an independent expert, a citizen). */
  @Index()
  @ManyToOne(() => Institution, { nullable: true, deleteRule: 'restrict' })
  institution: Institution | null = null;

  @Property({ length: 200, nullable: true })
  position: string | null = null;

  @Property({ length: 320 })
  email!: string;

  @Property({ length: 50, nullable: true })
  phone: string | null = null;

  @Enum({ items: () => Language })
  language: Opt<Language> = Language.Albanian;

  @Property()
  optedOut: Opt<boolean> = false;

  @Property({ type: 'timestamptz', nullable: true })
  optedOutAt: Date | null = null;

  @Property({ length: 500, nullable: true })
  optOutReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  notes: string | null = null;

  @Property({ length: 800, hidden: true })
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
    this.searchKey = toSearchKey(this.fullName, this.email, this.position);
  }
}
