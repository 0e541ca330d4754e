import { toSearchKey } from './search-key';

describe('toSearchKey', () => {
  it('folds Albanian letters to plain ones', () => {
    expect(toSearchKey('Korçë')).toBe('korce');
    expect(toSearchKey('SHKODËR', 'Gjirokastër')).toBe('shkoder gjirokaster');
  });

  it('skips empty parts and squeezes white space', () => {
    expect(toSearchKey(' Ana  Hoxha ', null, undefined, 'ana@example.org')).toBe(
      'ana hoxha ana@example.org',
    );
  });
});
