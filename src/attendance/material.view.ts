import { MaterialView } from './dto/material.view';
import { Material } from './material.entity';

/** Needs the session loaded. */
export function toMaterialView(material: Material): MaterialView {
  const { session } = material;
  return {
    id: material.id,
    roundId: material.round.id,
    session: session
      ? { id: session.id, titleSq: session.titleSq, titleEn: session.titleEn }
      : null,
    descriptionSq: material.descriptionSq,
    descriptionEn: material.descriptionEn,
    quantity: material.quantity,
    placesSq: material.placesSq,
    placesEn: material.placesEn,
    createdAt: material.createdAt,
    updatedAt: material.updatedAt,
  };
}
