import { indefinitePlaceNames, toSearchKey } from './search-key';

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

describe('indefinitePlaceNames', () => {
  it.each([
    ['korca', 'Korçë'],
    ['shkodra', 'Shkodër'],
    ['vlora', 'Vlorë'],
    ['durresi', 'Durrës'],
    ['elbasani', 'Elbasan'],
    ['kukesi', 'Kukës'],
    ['fieri', 'Fier'],
    ['berati', 'Berat'],
    ['tirana', 'Tiranë'],
    ['dibra', 'Dibër'],
    ['lezha', 'Lezhë'],
    ['gjirokastra', 'Gjirokastër'],
  ])('takes %s for %s', (typed, county) => {
    expect(indefinitePlaceNames(typed)).toContain(toSearchKey(county));
  });

  it('offers nothing for a word without a definite ending', () => {
    expect(indefinitePlaceNames('korce')).toEqual([]);
    expect(indefinitePlaceNames('berat')).toEqual([]);
  });
});
