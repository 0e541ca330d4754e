import { strFromU8, unzipSync } from 'fflate';
import { parse } from 'csv-parse/sync';
import { Language } from '../src/common/language';
import { ELBASAN, enterElbasanRound } from './support/elbasan-round';
import { readPdf } from '../src/reports/render/testing/pdf-content';
import { DateTime } from 'luxon';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * The Elbasan round of 22 November 2017, entered through the API as the
 * scenario describes, must yield the published report's facts in both
 * languages and every format.
 */
describe('round and campaign reports', () => {
  let app: TestApp;
  let campaignId: string;
  let roundId: string;
  /** The one round after Elbasan's that is announced: the fixture's next three are drafts. */
  let berat: { startsOn: string; endsOn: string };

  beforeAll(async () => {
    app = await TestApp.start();
    ({ campaignId, roundId } = await enterElbasanRound(app));
    berat = await scheduleBerat();
  });

  async function scheduleBerat() {
    const day = DateTime.now().setZone('Europe/Tirane').plus({ days: 14 });
    const dates = { startsOn: day.toISODate() as string, endsOn: day.toISODate() as string };
    const round = await app.post('/api/rounds', {
      campaignId,
      countyId: await app.countyId('Berat'),
      ...dates,
    });
    const session = await app.post(`/api/rounds/${round.body.id}/sessions`, {
      titleSq: 'Takim me Tryezën Teknike të qarkut Berat',
      titleEn: 'Meeting with the Technical Table of Berat county',
      kind: 'meeting',
      startsAt: day.set({ hour: 10, minute: 0 }).toISO(),
      endsAt: day.set({ hour: 12, minute: 0 }).toISO(),
      audience: { contactIds: [] },
    });
    expect(session.status).toBe(201);
    expect((await app.post(`/api/rounds/${round.body.id}/schedule`)).status).toBe(200);
    return dates;
  }

  afterAll(() => app.close());

  async function download(
    path: string,
  ): Promise<{ status: number; type: string; disposition: string; bytes: Buffer }> {
    const response = await fetch(app.baseUrl + path, {
      headers: { authorization: `Bearer ${app.adminToken}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      disposition: response.headers.get('content-disposition') ?? '',
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** What the published report says, in each language's words. */
  const FACTS: Record<Language, string[]> = {
    [Language.Albanian]: [
      '22 nëntor 2017',
      'Elbasan',
      ELBASAN.campaign.name,
      ELBASAN.campaign.slogan,
      ...ELBASAN.round.sessions.map((s) => s.title),
      '4000',
      'fletëpalosje',
      'rreth 30',
      ...ELBASAN.round.recommendations,
      'Berat',
    ],
    [Language.English]: [
      '22 November 2017',
      'Elbasan',
      ELBASAN.campaign.name_en,
      ELBASAN.campaign.slogan_en,
      ...ELBASAN.round.sessions.map((s) => s.title_en),
      '4,000',
      'leaflets',
      ...ELBASAN.round.recommendations_en,
      'Berat',
    ],
  };

  describe.each([Language.Albanian, Language.English])('in %s', (language) => {
    it('gives every fact of the published report as JSON, with each session counted', async () => {
      const { status, body } = await app.get(`/api/rounds/${roundId}/report?lang=${language}`);
      expect(status).toBe(200);
      expect(body.language).toBe(language);
      expect(body.sessions.map((s: any) => s.counts.headCount)).toEqual(
        ELBASAN.round.sessions.map((s) => s.participants),
      );
      expect(body.sessions[5].headCountNote).toBe('rreth 30');
      expect(body.materials).toEqual([expect.objectContaining({ quantity: 4000 })]);
      expect(body.recommendations).toEqual(
        language === Language.Albanian
          ? ELBASAN.round.recommendations
          : ELBASAN.round.recommendations_en,
      );
      // The drafts of Kukës, Shkodër and Korçë are no announced round.
      expect(body.nextRounds.map((r: any) => [r.county, r.startsOn, r.endsOn])).toEqual([
        ['Berat', berat.startsOn, berat.endsOn],
      ]);
      expect(body.campaign.partners).toHaveLength(4);
      const narrative = JSON.stringify(body.narrative);
      for (const fact of FACTS[language]) expect(narrative).toContain(fact.replace(/"/g, '\\"'));
      for (const draft of ELBASAN.upcoming_rounds) expect(narrative).not.toContain(draft.county);
      for (const count of [29, 25, 30]) expect(narrative).toContain(` ${count} `);
    });

    it('prints the same facts in the HTML, with a print style sheet', async () => {
      const html = await download(`/api/rounds/${roundId}/report?format=html&lang=${language}`);
      expect(html.status).toBe(200);
      expect(html.type).toContain('text/html');
      const text = html.bytes.toString('utf8');
      expect(text).toContain(`lang="${language}"`);
      expect(text).toMatch(/@page|@media print/);
      for (const fact of FACTS[language]) expect(decodeHtml(text)).toContain(fact);
    });

    it('carries the facts, Albanian letters included, in the PDF with its fonts embedded', async () => {
      const pdf = await download(`/api/rounds/${roundId}/report?format=pdf&lang=${language}`);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      expect(pdf.disposition).toMatch(
        /attachment; filename="(raporti|report)-elbasan-2017-11-22\.pdf"/,
      );
      expect(pdf.bytes.includes('/FontFile2')).toBe(true);
      const text = normalise((await readPdf(pdf.bytes)).text);
      for (const fact of FACTS[language]) expect(text).toContain(normalise(fact));
    });

    it('zips one CSV per table whose rows hold the counts', async () => {
      const zip = await download(`/api/rounds/${roundId}/report?format=csv&lang=${language}`);
      expect(zip.status).toBe(200);
      expect(zip.type).toBe('application/zip');
      const files = unzipSync(new Uint8Array(zip.bytes));
      expect(Object.keys(files).sort()).toEqual([
        'materials.csv',
        'participants.csv',
        'recommendations.csv',
        'sessions.csv',
      ]);
      const sessions = parse(strFromU8(files['sessions.csv']), { bom: true }) as string[][];
      expect(sessions).toHaveLength(1 + ELBASAN.round.sessions.length);
      const counted = sessions.slice(1).map((row) => row.join('|'));
      expect(counted[0]).toContain('29');
      expect(counted[5]).toContain('rreth 30');
      const recommendations = strFromU8(files['recommendations.csv']);
      expect(recommendations).toContain(
        language === Language.Albanian
          ? ELBASAN.round.recommendations[0]
          : ELBASAN.round.recommendations_en[0],
      );
      const one = await download(
        `/api/rounds/${roundId}/report?format=csv&table=materials&lang=${language}`,
      );
      expect(one.type).toContain('text/csv');
      expect(one.bytes.toString('utf8')).toContain('4000');
    });
  });

  it('reports the campaign: rounds, totals, counties to come, institutions and charts', async () => {
    const { status, body } = await app.get(`/api/campaigns/${campaignId}/report?lang=en`);
    expect(status).toBe(200);
    expect(body.rounds.map((r: any) => r.county)).toEqual(['Elbasan', 'Berat']);
    expect(body.totals.headCount).toBe(29 + 25 + 25 + 25 + 30);
    expect(body.totals.materials).toBe(4000);
    expect(body.counties.visited).toEqual(['Elbasan']);
    expect(body.counties.planned).toEqual(['Berat']);
    expect(body.counties.notYet).toHaveLength(ELBASAN.counties.length - 2);
    expect(body.counties.notYet).toEqual(expect.arrayContaining(['Kukës', 'Shkodër', 'Korçë']));

    const html = await download(`/api/campaigns/${campaignId}/report?format=html&lang=sq`);
    expect(html.status).toBe(200);
    expect(html.bytes.toString('utf8')).toContain('<svg');
    const pdf = await download(`/api/campaigns/${campaignId}/report?format=pdf&lang=sq`);
    expect(pdf.status).toBe(200);
    const text = normalise((await readPdf(pdf.bytes)).text);
    for (const county of ['Elbasan', 'Berat']) expect(text).toContain(county);
    const zip = await download(`/api/campaigns/${campaignId}/report?format=csv&lang=sq`);
    expect(Object.keys(unzipSync(new Uint8Array(zip.bytes))).sort()).toEqual([
      'counties.csv',
      'institutions.csv',
      'materials.csv',
      'recommendations.csv',
      'rounds.csv',
    ]);
  });

  it('counts an institution represented when one of its people came, named or as a walk-in', async () => {
    const institution = async (name: string) =>
      (await app.post('/api/institutions', { name, kind: 'school' })).body.id as string;
    const [school, council, ministry] = [
      await institution('Shkolla e mesme “Vasil Kamami”'),
      await institution('Këshilli i Qarkut Elbasan'),
      await institution('Ministria e Arsimit'),
    ];
    const teacher = await contact(app, 'Arta Hoxha', 'arta.reach@example.al.test', {
      institutionId: school,
    });
    const head = await contact(app, 'Ben Dushku', 'ben.reach@example.al.test', {
      institutionId: school,
    });
    const councillor = await contact(app, 'Dea Koçi', 'dea.reach@example.al.test', {
      institutionId: council,
    });
    const official = await contact(app, 'Erion Leka', 'erion.reach@example.al.test', {
      institutionId: ministry,
    });
    const campaign = await fastCampaign(app, { inviteBefore: 'P1D', reminders: [] });
    const { roundId, sessionIds } = await draftRound(app, campaign, [
      {
        titleSq: 'Takim me mësuesit',
        titleEn: 'Meeting with the teachers',
        startInMs: 60_000,
        audience: { contactIds: [teacher, head, councillor, official] },
      },
    ]);
    expect((await app.post(`/api/rounds/${roundId}/schedule`)).status).toBe(200);
    const invitations = await waitFor('the invitations written', async () => {
      const items = (await app.get(`/api/rounds/${roundId}/invitations?limit=50`)).body
        .items as any[];
      return items.length === 4 ? items : undefined;
    });
    const of = (id: string) => invitations.find((i) => i.contact.id === id).id;
    const recorded = await app.request('PUT', `/api/sessions/${sessionIds[0]}/attendance`, {
      body: {
        invitees: [
          { invitationId: of(teacher), present: true },
          { invitationId: of(head), present: false },
          { invitationId: of(councillor), present: false },
        ],
        walkIns: [{ fullName: 'Gëzim Bardhi', institution: 'këshilli i qarkut elbasan' }],
      },
    });
    expect(recorded.status).toBe(200);
    const report = (await app.get(`/api/campaigns/${campaign}/report?lang=sq`)).body;
    expect(report.institutions).toEqual({
      invited: 3,
      represented: 2,
      rows: [
        { name: 'Këshilli i Qarkut Elbasan', invited: 1, attended: 1, represented: true },
        { name: 'Ministria e Arsimit', invited: 1, attended: 0, represented: false },
        { name: 'Shkolla e mesme “Vasil Kamami”', invited: 2, attended: 1, represented: true },
      ],
    });
  });

  it('refuses a bad format, language or table naming the field, and an unknown round with 404', async () => {
    const format = await app.get(`/api/rounds/${roundId}/report?format=docx`);
    expect(format.status).toBe(400);
    expect(JSON.stringify(format.body)).toContain('format');
    const lang = await app.get(`/api/rounds/${roundId}/report?lang=de`);
    expect(lang.status).toBe(400);
    expect(JSON.stringify(lang.body)).toContain('lang');
    const table = await app.get(`/api/rounds/${roundId}/report?format=csv&table=budget`);
    expect(table.status).toBe(422);
    expect(JSON.stringify(table.body)).toContain('sessions');
    const notCsv = await app.get(`/api/rounds/${roundId}/report?format=pdf&table=sessions`);
    expect(notCsv.status).toBe(422);
    const unknown = await app.get(`/api/rounds/${crypto.randomUUID()}/report`);
    expect(unknown.status).toBe(404);
  });

  it('lets a viewer read reports', async () => {
    const viewer = await app.tokenFor('viewer');
    const response = await app.get(`/api/rounds/${roundId}/report`, { token: viewer });
    expect(response.status).toBe(200);
  });
});

/** PDF text extraction breaks lines and may set spaces differently; compare words only. */
function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function decodeHtml(html: string): string {
  return html
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
