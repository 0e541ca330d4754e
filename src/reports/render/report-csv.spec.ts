import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { Language } from '../../common/language';
import { campaignReportCsv, roundReportCsv, zipCsvFiles } from './report-csv';
import { sampleCampaignReport, sampleRoundReport } from './testing/report-samples';

/** UTF-8's byte-order mark, which a TextDecoder would drop from the text. */
const BOM = [0xef, 0xbb, 0xbf];

/** The files of a ZIP archive by name, each read back as CSV records. */
function unzipCsv(
  zip: Buffer,
): Record<string, { bytes: Uint8Array; text: string; rows: string[][] }> {
  const entries = unzipSync(new Uint8Array(zip));
  return Object.fromEntries(
    Object.entries(entries).map(([name, bytes]) => {
      const text = strFromU8(bytes);
      return [name, { bytes, text, rows: parse(text, { bom: true }) as string[][] }];
    }),
  );
}

/** A table's records as objects keyed by its header row. */
function records(rows: string[][]): Record<string, string>[] {
  const [header, ...rest] = rows;
  return rest.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}

describe('round report CSV', () => {
  it('zips one table per file, ready for Excel: BOM, CRLF, headers in the language', () => {
    const files = unzipCsv(zipCsvFiles(roundReportCsv(sampleRoundReport(Language.Albanian))));
    expect(Object.keys(files).sort()).toEqual([
      'materials.csv',
      'participants.csv',
      'recommendations.csv',
      'sessions.csv',
    ]);
    for (const { bytes, text } of Object.values(files)) {
      expect([...bytes.subarray(0, 3)]).toEqual(BOM);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
    expect(files['sessions.csv'].rows[0].slice(0, 4)).toEqual([
      'Takimi',
      'Lloji',
      'Statusi',
      'Koha',
    ]);
  });

  it('gives each session its counts, topics and head count', () => {
    const files = unzipCsv(zipCsvFiles(roundReportCsv(sampleRoundReport(Language.English))));
    const sessions = records(files['sessions.csv'].rows);
    expect(sessions).toHaveLength(6);
    expect(sessions[0]).toMatchObject({
      Session: 'Meeting with the members of the Technical Table',
      Kind: 'Meeting',
      When: '22 November 2017, 09:00–10:00',
      Invited: '31',
      Answered: '30',
      'Sent a colleague': '1',
      Attended: '27',
      'Walk-ins': '2',
      'Head count': '29',
      Participants: '29',
    });
    expect(sessions[1]['Topics discussed']).toBe(
      'identification of victims of trafficking; irregular migration; ' +
        'the role of the school in preventing trafficking and irregular migration',
    );
    expect(sessions[4]['Head count']).toBe('');
    expect(sessions[5]).toMatchObject({
      'Head count': '30',
      Note: 'about 30',
      Breakdown: 'girls: 16; boys: 14',
    });
  });

  it('lists participants, materials and recommendations', () => {
    const files = unzipCsv(zipCsvFiles(roundReportCsv(sampleRoundReport(Language.Albanian))));
    const participants = records(files['participants.csv'].rows);
    expect(participants).toHaveLength(10);
    expect(participants[2]).toMatchObject({
      Emri: 'Gëzim Muça',
      'Pa ftesë': 'jo',
      Përgjigja: 'Pranoi',
      Prania: 'I pranishëm',
      'Në vend të': 'Drita Hoxha',
    });
    const walkIn = participants.find((p) => p.Emri === 'Ardit Zeneli')!;
    expect(walkIn).toMatchObject({ 'Pa ftesë': 'po', Përgjigja: '' });
    expect(participants[6].Institucioni).toBe(
      'Shoqata “Gruaja & Fëmija” <script>alert(1)</script>',
    );

    expect(files['materials.csv'].rows).toEqual([
      ['Materiali', 'Sasia', 'Ku', 'Takimi'],
      ['fletëpalosje', '4000', 'bare kafeje dhe vende të tjera publike në qarkun Elbasan', ''],
    ]);
    const recommendations = files['recommendations.csv'].rows;
    expect(recommendations).toHaveLength(5);
    expect(recommendations[4][0]).toBe('4');
    expect(recommendations[4][1]).toMatch(/^Prioritet duhet t’i kushtohet/);
  });

  it('keeps a text that a spreadsheet would run as a formula a text, and numbers numbers', () => {
    const report = sampleRoundReport(Language.English);
    report.participants[0] = {
      ...report.participants[0],
      fullName: '=HYPERLINK("http://evil.example","x")',
      institution: '+1 234',
      position: '-Director',
      substituteFor: '@SUM(A1)',
    };
    report.participants[1] = { ...report.participants[1], fullName: '\tTab', position: '\rCR' };
    report.recommendations = ['a-b = c'];
    const files = unzipCsv(zipCsvFiles(roundReportCsv(report)));
    const [first, second] = records(files['participants.csv'].rows);
    expect(first).toMatchObject({
      Name: `'=HYPERLINK("http://evil.example","x")`,
      Institution: "'+1 234",
      Position: "'-Director",
      'Stands in for': "'@SUM(A1)",
    });
    expect(second).toMatchObject({ Name: "'\tTab", Position: "'\rCR" });
    expect(files['recommendations.csv'].rows[1]).toEqual(['1', 'a-b = c']);
    expect(files['sessions.csv'].rows[1][6]).toBe('31');
  });
});

describe('campaign report CSV', () => {
  it('writes the rounds with a totals row, the counties and the institutions', () => {
    const files = unzipCsv(zipCsvFiles(campaignReportCsv(sampleCampaignReport(Language.English))));
    const rounds = records(files['rounds.csv'].rows);
    expect(rounds.map((round) => round.County)).toEqual([
      'Elbasan',
      'Kukës',
      'Shkodër',
      'Korçë',
      'Total',
    ]);
    expect(rounds[0]).toMatchObject({
      Dates: '22 November 2017',
      Status: 'Completed',
      'Sessions held': '6',
      Invited: '118',
      Participants: '136',
      'Materials distributed': '4000',
    });
    expect(rounds[1]).toMatchObject({ Status: 'Scheduled', Participants: '0', 'Head count': '' });
    expect(rounds[4]).toMatchObject({
      Dates: '',
      'Sessions held': '6',
      Invited: '118',
      Participants: '136',
      'Materials distributed': '4000',
    });

    const counties = records(files['counties.csv'].rows);
    expect(counties).toHaveLength(12);
    expect(counties[0]).toEqual({ County: 'Elbasan', Status: 'Counties visited' });
    expect(counties.filter((c) => c.Status === 'Counties planned').map((c) => c.County)).toEqual([
      'Kukës',
      'Shkodër',
      'Korçë',
    ]);

    const institutions = records(files['institutions.csv'].rows);
    expect(institutions).toContainEqual({
      Institution: 'Bashkia Cërrik',
      Invited: '2',
      Attended: '0',
      Represented: 'no',
    });
    expect(institutions).toContainEqual({
      Institution: 'Qendra Rinore Elbasan',
      Invited: '0',
      Attended: '1',
      Represented: 'yes',
    });
  });

  it('gives each round’s materials and recommendations with the round they belong to', () => {
    const files = unzipCsv(zipCsvFiles(campaignReportCsv(sampleCampaignReport(Language.Albanian))));
    expect(files['materials.csv'].rows[1].slice(0, 4)).toEqual([
      'Elbasan',
      '22 nëntor 2017',
      'fletëpalosje',
      '4000',
    ]);
    const recommendations = files['recommendations.csv'].rows;
    expect(recommendations[0]).toEqual(['Qarku', 'Datat', '#', 'Rekomandimet']);
    expect(recommendations.slice(1).map((row) => row.slice(0, 3))).toEqual([
      ['Elbasan', '22 nëntor 2017', '1'],
      ['Elbasan', '22 nëntor 2017', '2'],
      ['Elbasan', '22 nëntor 2017', '3'],
      ['Elbasan', '22 nëntor 2017', '4'],
    ]);
  });
});
