/** Query values a page link carries; empty ones are left out of the address. */
export type LinkParams = Record<string, string | number | null | undefined>;

/** `/app/rounds/…?status=failed#messages`: the page's own address with other filters or another page. */
export function pageLink(path: string, params: LinkParams, fragment?: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const search = query.toString();
  return `${path}${search ? `?${search}` : ''}${fragment ? `#${fragment}` : ''}`;
}

/** Where a long table is, and the links to the pages before and after it. */
export interface Pager {
  from: number;
  to: number;
  total: number;
  previous: string | null;
  next: string | null;
}

/** `link(offset)` makes the address of the page starting at `offset`, keeping the other filters. */
export function pager(
  page: { total: number; limit: number; offset: number },
  link: (offset: number) => string,
): Pager {
  const { total, limit, offset } = page;
  return {
    from: total === 0 ? 0 : Math.min(offset + 1, total),
    to: Math.min(offset + limit, total),
    total,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    next: offset + limit < total ? link(offset + limit) : null,
  };
}
