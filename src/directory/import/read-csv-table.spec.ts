import { RequestError } from '../../common/request-error';
import { detectDelimiter, readCsvTable } from './read-csv-table';

function refusal(input: string | Buffer, maxRows = 10): { status: number; errors: unknown } {
  try {
    readCsvTable(input, maxRows);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    const request = error as RequestError;
    return {
      status: request.getStatus(),
      errors: (request.getResponse() as { errors: unknown }).errors,
    };
  }
  throw new Error('expected the file to be refused');
}

describe('readCsvTable', () => {
  it('detects the delimiter from the header line, ignoring quoted text', () => {
    expect(detectDelimiter('Emri;Posta elektronike;Qarku\r\nA,B;c;d')).toBe(';');
    expect(detectDelimiter('name,email,"institution; county"\n')).toBe(',');
  });

  it('strips a BOM, keeps quoted delimiters and numbers rows as a spreadsheet does', () => {
    const table = readCsvTable(
      '\uFEFFEmri;Institucioni\r\nDrita Çela;"Shkolla e mesme ""Vasil Kamami""; Elbasan"\r\n\r\n;\r\nIlir Kola;Bashkia Kukës\r\n',
      10,
    );
    expect(table.header).toEqual(['Emri', 'Institucioni']);
    expect(table.records).toEqual([
      { row: 2, cells: ['Drita Çela', 'Shkolla e mesme "Vasil Kamami"; Elbasan'] },
      { row: 5, cells: ['Ilir Kola', 'Bashkia Kukës'] },
    ]);
  });

  it('decodes UTF-8 bytes and refuses other encodings', () => {
    expect(readCsvTable(Buffer.from('name\nGëzim\n', 'utf8'), 10).records[0].cells).toEqual([
      'Gëzim',
    ]);
    const latin1 = Buffer.from('name\nG\xebzim\n', 'latin1');
    expect(refusal(latin1)).toEqual({
      status: 400,
      errors: [{ field: 'file', reason: expect.stringContaining('must be UTF-8') }],
    });
    expect(refusal(latin1.toString('utf8')).status).toBe(400);
  });

  it('refuses an empty file and a header with no rows', () => {
    expect(refusal('').status).toBe(400);
    expect(refusal('name,email\r\n\r\n').errors).toEqual([
      { field: 'file', reason: expect.stringContaining('has no rows') },
    ]);
  });

  it('names the row of malformed CSV', () => {
    expect(refusal('name,email\na,b\nc,"d\ne,f\n').errors).toEqual([
      { row: 3, field: 'file', reason: expect.stringContaining('Quote Not Closed') },
    ]);
    expect(refusal('name,email\na,b\n\nc,d,e\n').errors).toEqual([
      { row: 4, field: 'file', reason: expect.stringContaining('Invalid Record Length') },
    ]);
  });

  it('refuses more rows than allowed with a 413', () => {
    expect(refusal('name\na\nb\nc\n', 2)).toEqual({
      status: 413,
      errors: [{ field: 'file', reason: expect.stringContaining('has 3 rows; at most 2') }],
    });
  });
});
