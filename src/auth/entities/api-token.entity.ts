import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from './user.entity';

export enum ApiTokenKind {
  /** Issued by POST /api/auth/login; expires. */
  Session = 'session',
  /** Created by a person for scripts; lives until revoked or its expiry. */
  Personal = 'personal',
}

/**
 * A bearer token. Only a keyed HMAC of the secret is stored, so a copy of the
 * database is not enough to use one.
 */
@Entity({ tableName: 'api_token' })
export class ApiToken {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user!: User;

  @Enum({ items: () => ApiTokenKind })
  kind!: ApiTokenKind;

  @Property({ length: 100, nullable: true })
  name: string | null = null;

  @Property({ length: 64, unique: true, hidden: true })
  secretHash!: string;

  /** The first characters of the token, so a person can tell their tokens apart. */
  @Property({ length: 16 })
  prefix!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
