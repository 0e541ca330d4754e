import { Language } from '../common/language';
import { formatDay, formatDays, formatNumber } from './report-format';

describe('report dates and numbers', () => {
  it('writes days as the published reports do', () => {
    expect(formatDay('2017-11-22', Language.Albanian)).toBe('22 nëntor 2017');
    expect(formatDay('2017-11-22', Language.English)).toBe('22 November 2017');
    expect(formatDays('2017-12-05', '2017-12-07', Language.Albanian)).toBe('5–7 dhjetor 2017');
    expect(formatDays('2017-12-05', '2017-12-07', Language.English)).toBe('5–7 December 2017');
    expect(formatDays('2017-11-30', '2017-12-02', Language.Albanian)).toBe(
      '30 nëntor – 2 dhjetor 2017',
    );
    expect(formatDays('2017-11-22', '2017-11-22', Language.English)).toBe('22 November 2017');
  });

  it('groups thousands by each language', () => {
    expect(formatNumber(4000, Language.English)).toBe('4,000');
    expect(formatNumber(4000, Language.Albanian)).toBe('4000');
    expect(formatNumber(12000, Language.Albanian)).toBe('12 000');
  });
});
