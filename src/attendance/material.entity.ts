import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { RoundSession } from '../rounds/round-session.entity';
import { Round } from '../rounds/round.entity';

/** Something handed out during a round: 4,000 leaflets in cafés and public places. */
@Entity({ tableName: 'material' })
export class Material {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Index()
  @ManyToOne(() => Round, { deleteRule: 'restrict' })
  round!: Round;

  /** Set when the material went out at one session rather than across the county. */
  @ManyToOne(() => RoundSession, { nullable: true, deleteRule: 'restrict' })
  session: RoundSession | null = null;

  /** At least one of the two descriptions is set. */
  @Property({ length: 300, nullable: true })
  descriptionSq: string | null = null;

  @Property({ length: 300, nullable: true })
  descriptionEn: string | null = null;

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ length: 500, nullable: true })
  placesSq: string | null = null;

  @Property({ length: 500, nullable: true })
  placesEn: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
