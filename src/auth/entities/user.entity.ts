import { Entity, Enum, Index, PrimaryKey, Property, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Language } from '../../common/language';
import { Role } from '../role';

@Entity({ tableName: 'app_user' })
@Index({
  name: 'app_user_email_unique',
  expression: 'create unique index "app_user_email_unique" on "app_user" (lower("email"))',
})
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ length: 320 })
  email!: string;

  @Property({ length: 200 })
  name!: string;

  @Enum({ items: () => Role })
  role!: Role;

  /** argon2id, with its parameters inside the encoded string. */
  @Property({ length: 200, hidden: true })
  passwordHash!: string;

  @Enum({ items: () => Language })
  language: Opt<Language> = Language.Albanian;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null = null;
}
