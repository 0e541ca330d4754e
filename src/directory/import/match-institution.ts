import { County } from '../counties/county.entity';
import { Institution } from '../institutions/institution.entity';

export type InstitutionMatch =
  { found: Institution } | { ambiguous: Institution[] } | { none: true };

/**
 * Picks the institution a row means among the active ones of the same folded
 * name (oldest first). A row with a county means the one in that county. A row
 * without a county means the national one, or the only one there is: a file
 * with no county column must not duplicate every county institution it names.
 */
export function matchInstitution(
  candidates: Institution[],
  county: County | null,
): InstitutionMatch {
  if (county) {
    const inCounty = candidates.find((candidate) => candidate.county?.id === county.id);
    return inCounty ? { found: inCounty } : { none: true };
  }
  const national = candidates.find((candidate) => candidate.county === null);
  if (national) return { found: national };
  if (candidates.length === 1) return { found: candidates[0] };
  return candidates.length ? { ambiguous: candidates } : { none: true };
}
