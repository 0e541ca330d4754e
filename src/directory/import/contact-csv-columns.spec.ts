import { RequestError } from '../../common/request-error';
import { mapContactColumns } from './contact-csv-columns';

function errorsOf(header: string[]): unknown {
  try {
    mapContactColumns(header);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).getStatus()).toBe(400);
    return ((error as RequestError).getResponse() as { errors: unknown }).errors;
  }
  throw new Error('expected the header to be refused');
}

describe('mapContactColumns', () => {
  it('reads English headers in any case, keeping how each was written', () => {
    const columns = mapContactColumns(['Full_Name', 'E-Mail', 'Institution', 'COUNTY', 'Kind']);
    expect(columns.fullName).toEqual({ index: 0, header: 'Full_Name' });
    expect(columns.email).toEqual({ index: 1, header: 'E-Mail' });
    expect(columns.institution?.index).toBe(2);
    expect(columns.county?.index).toBe(3);
    expect(columns.kind?.index).toBe(4);
  });

  it('reads Albanian headers with or without their accents', () => {
    const columns = mapContactColumns([
      'Emri i plotë',
      'Posta elektronike',
      'Institucioni',
      'Qarku',
      'Lloji',
      'Detyra',
      'Tel',
      'Gjuha',
      'Shenime',
    ]);
    expect(Object.keys(columns).sort()).toEqual(
      [
        'county',
        'email',
        'fullName',
        'institution',
        'kind',
        'language',
        'notes',
        'phone',
        'position',
      ].sort(),
    );
    expect(mapContactColumns(['EMËR MBIEMËR', 'email']).fullName?.header).toBe('EMËR MBIEMËR');
  });

  it('names a missing required column', () => {
    expect(errorsOf(['emri', 'institucioni'])).toEqual([
      expect.objectContaining({
        row: 1,
        field: 'email',
        reason: expect.stringContaining('required column is missing'),
      }),
    ]);
    expect(errorsOf(['email'])).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('refuses an unknown column, so a typo is not silently dropped', () => {
    expect(errorsOf(['name', 'email', 'Pozicjoni'])).toEqual([
      expect.objectContaining({
        row: 1,
        field: 'Pozicjoni',
        reason: expect.stringContaining('unknown column'),
      }),
    ]);
  });

  it('refuses two headers for the same column and a header with no name', () => {
    expect(errorsOf(['name', 'email', 'E-mail', ''])).toEqual([
      expect.objectContaining({
        field: 'E-mail',
        reason: 'same column as "email"; keep one of them',
      }),
      expect.objectContaining({ field: 'column 4', reason: 'has no header name' }),
    ]);
  });
});
