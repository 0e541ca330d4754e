import { Entity, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Round } from '../rounds/round.entity';

/** One point of the recommendations the participants of a round made, in both languages. */
@Entity({ tableName: 'recommendation' })
@Unique({ properties: ['round', 'position'] })
export class Recommendation {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Round, { deleteRule: 'restrict' })
  round!: Round;

  /** 1 for the first point: the report lists them in this order. */
  @Property()
  position!: number;

  @Property({ length: 2000 })
  textSq!: string;

  @Property({ length: 2000 })
  textEn!: string;
}
