/**
 * Folds text for searching: lower case, diacritics removed, so that `korce`
 * finds `Korçë` and `SHKODER` finds `Shkodër`. Stored beside the searchable
 * columns so PostgreSQL can use a trigram index without the unaccent extension.
 */
export function toSearchKey(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => !!part)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The indefinite forms a folded Albanian place name typed in its definite form
 * may stand for, as people say the county: `korca` → `korce`, `shkodra` →
 * `shkoder`, `durresi` → `durres`. Only candidates: the caller compares them
 * with whole county names, so a person's name ending in -a or -i matches nothing.
 */
export function indefinitePlaceNames(key: string): string[] {
  const forms = new Set<string>();
  if (/[^aeiouy]ra$/.test(key)) forms.add(`${key.slice(0, -2)}er`);
  if (key.endsWith('a')) forms.add(`${key.slice(0, -1)}e`);
  if (key.endsWith('i')) forms.add(key.slice(0, -1));
  return [...forms];
}
