import { County } from '../counties/county.entity';
import { Institution } from '../institutions/institution.entity';
import { matchInstitution } from './match-institution';

const county = (name: string) => Object.assign(new County(), { name });
const institution = (name: string, where: County | null) =>
  Object.assign(new Institution(), { name, county: where });

describe('matchInstitution', () => {
  const fier = county('Fier');
  const berat = county('Berat');
  const inFier = institution('Qendra Rinore', fier);
  const inBerat = institution('Qendra Rinore', berat);
  const national = institution('Qendra Rinore', null);

  it('takes the one in the county the row gives', () => {
    expect(matchInstitution([inFier, inBerat], berat)).toEqual({ found: inBerat });
    expect(matchInstitution([inFier], berat)).toEqual({ none: true });
  });

  it('without a county, takes the national one or the only one', () => {
    expect(matchInstitution([inFier, national, inBerat], null)).toEqual({ found: national });
    expect(matchInstitution([inFier], null)).toEqual({ found: inFier });
    expect(matchInstitution([], null)).toEqual({ none: true });
  });

  it('without a county, cannot choose between county institutions', () => {
    expect(matchInstitution([inFier, inBerat], null)).toEqual({ ambiguous: [inFier, inBerat] });
  });
});
