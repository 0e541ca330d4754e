/**
 * The confirmation a page shows after a redirect (`?notice=saved`): only a
 * name from the page's own list, whose text comes from the view, so an
 * address cannot make a page say anything else.
 */
export function noticeOf(query: Record<string, unknown>, known: readonly string[]): string | null {
  const notice = query.notice;
  return typeof notice === 'string' && known.includes(notice) ? notice : null;
}
