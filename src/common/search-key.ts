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
