import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { FieldError } from '../common/error-body';
import { RequestError } from '../common/request-error';
import { RoundSession } from '../rounds/round-session.entity';
import { Round } from '../rounds/round.entity';
import { CreateMaterialDto, UpdateMaterialDto } from './dto/material.dto';
import { Material } from './material.entity';
import { lockOutcomeRound } from './outcome-round';

@Injectable()
export class MaterialsService {
  constructor(private readonly em: EntityManager) {}

  /** In the order they were entered, with their session. */
  list(round: Round): Promise<Material[]> {
    return this.em.find(
      Material,
      { round },
      { populate: ['session'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  create(roundId: string, input: CreateMaterialDto): Promise<Material> {
    return this.em.transactional(async (em) => {
      const round = await lockOutcomeRound(em, roundId);
      const material = em.create(Material, { round, quantity: input.quantity });
      await applyChange(em, material, input);
      return material;
    });
  }

  /** Omitted fields stay as they are. */
  update(id: string, input: UpdateMaterialDto): Promise<Material> {
    return this.em.transactional(async (em) => {
      const material = await findMaterial(em, id);
      await lockOutcomeRound(em, material.round.id);
      await applyChange(em, material, input);
      return material;
    });
  }

  /** A record-keeping entry nothing else refers to: removed, not archived. */
  async remove(id: string): Promise<void> {
    await this.em.transactional(async (em) => {
      const material = await findMaterial(em, id);
      await lockOutcomeRound(em, material.round.id);
      em.remove(material);
    });
  }
}

async function findMaterial(em: EntityManager, id: string): Promise<Material> {
  const material = await em.findOne(Material, { id });
  if (!material) throw RequestError.notFound('material');
  return material;
}

/** Checks the material as it would stand after the change, then applies it, with its session loaded. */
async function applyChange(
  em: EntityManager,
  material: Material,
  input: UpdateMaterialDto,
): Promise<void> {
  const descriptionSq =
    input.descriptionSq !== undefined ? input.descriptionSq : material.descriptionSq;
  const descriptionEn =
    input.descriptionEn !== undefined ? input.descriptionEn : material.descriptionEn;
  const session =
    input.sessionId === undefined
      ? material.session
      : input.sessionId === null
        ? null
        : await em.findOne(RoundSession, { id: input.sessionId, round: material.round });
  const problems: FieldError[] = [];
  if (descriptionSq === null && descriptionEn === null) {
    problems.push({
      field: 'descriptionSq',
      reason: 'say what was handed out in Albanian, in English (descriptionEn) or in both',
    });
  }
  if (input.sessionId && !session) {
    problems.push({ field: 'sessionId', reason: 'no session of this round with this id' });
  }
  if (problems.length) throw new RequestError(HttpStatus.UNPROCESSABLE_ENTITY, problems);

  material.descriptionSq = descriptionSq;
  material.descriptionEn = descriptionEn;
  material.session = session;
  if (input.quantity !== undefined) material.quantity = input.quantity;
  if (input.placesSq !== undefined) material.placesSq = input.placesSq;
  if (input.placesEn !== undefined) material.placesEn = input.placesEn;
  await em.populate(material, ['session']);
}
