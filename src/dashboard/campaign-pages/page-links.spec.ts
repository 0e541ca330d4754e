import { pageLink, pager } from './page-links';

describe('page links', () => {
  const link = (offset: number) =>
    pageLink('/app/rounds/r', { status: 'failed', offset }, 'messages');

  it('leaves empty values out of the address and keeps the fragment', () => {
    expect(pageLink('/app/rounds/r', { a: '', b: undefined, c: null, d: 0, e: 'x y' }, 'f')).toBe(
      '/app/rounds/r?d=0&e=x+y#f',
    );
    expect(pageLink('/app/campaigns', {})).toBe('/app/campaigns');
  });

  it('links the pages before and after, and none past either end', () => {
    expect(pager({ total: 60, limit: 25, offset: 0 }, link)).toEqual({
      from: 1,
      to: 25,
      total: 60,
      previous: null,
      next: '/app/rounds/r?status=failed&offset=25#messages',
    });
    expect(pager({ total: 60, limit: 25, offset: 50 }, link)).toMatchObject({
      from: 51,
      to: 60,
      previous: '/app/rounds/r?status=failed&offset=25#messages',
      next: null,
    });
    expect(pager({ total: 60, limit: 25, offset: 10 }, link).previous).toBe(
      '/app/rounds/r?status=failed&offset=0#messages',
    );
    expect(pager({ total: 0, limit: 25, offset: 0 }, link)).toMatchObject({ from: 0, to: 0 });
  });
});
