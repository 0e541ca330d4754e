import { Page } from '../../common/list-query.dto';

/** Rows per list page: enough to scan, few enough for a phone. */
export const PAGE_SIZE = 25;

export interface Paging {
  from: number;
  to: number;
  total: number;
  previous: string | null;
  next: string | null;
}

/** Where a list page is and the links to its neighbours, keeping the filters. */
export function pagingOf(
  path: string,
  filters: Record<string, string>,
  page: Page<unknown>,
): Paging {
  const link = (offset: number) => {
    const query = new URLSearchParams(filters);
    if (offset > 0) query.set('offset', String(offset));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  const end = page.offset + page.items.length;
  return {
    from: page.items.length ? page.offset + 1 : 0,
    to: end,
    total: page.total,
    previous: page.offset > 0 ? link(Math.max(0, page.offset - page.limit)) : null,
    next: end < page.total ? link(end) : null,
  };
}

/** The filters a list page was asked for: known names only, one text value each, empty ones dropped. */
export function filtersOf(
  query: Record<string, unknown>,
  names: readonly string[],
): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of names) {
    const value = query[name];
    if (typeof value === 'string' && value.trim() !== '') filters[name] = value.trim();
  }
  return filters;
}

/** The offset asked for, or 0 for anything that is not a whole number. */
export function offsetOf(query: Record<string, unknown>): number {
  const value = query.offset;
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 0;
}
