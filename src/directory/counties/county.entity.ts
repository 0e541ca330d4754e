import { Entity, PrimaryKey, Property, Unique, Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Reference data: the 12 Albanian qarqe are seeded by the first migration. */
@Entity({ tableName: 'county' })
@Unique({ properties: ['country', 'name'] })
export class County {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ length: 100 })
  name!: string;

  /** ISO 3166-1 alpha-2 code of the country the county belongs to. */
  @Property({ length: 2 })
  country: Opt<string> = 'AL';

  @Property({ length: 100, hidden: true })
  searchKey!: Opt<string>;
}
