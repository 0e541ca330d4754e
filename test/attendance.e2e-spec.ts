import { randomUUID } from 'node:crypto';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { RequestOptions, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * What came out of the Elbasan round of 22 November 2017 (scenario/elbasan-2017.json):
 * the Technical Table meeting's sheet, walk-ins from the employment office,
 * "about 30" students counted, 4,000 leaflets and four recommendations.
 * People and addresses are invented.
 */
const RECOMMENDATIONS = [
  {
    textSq:
      'Nevojat për fuqizimin e grave dhe komunitetit dhe aktivitetet paralele të ndërgjegjësimit',
    textEn: 'The need to empower women and the community, with parallel awareness activities',
  },
  {
    textSq: 'Rëndësia e medias dhe roli i tyre vendimtar në fushatat e ndërgjegjësimit',
    textEn: 'The importance of the media and their decisive role in awareness campaigns',
  },
  {
    textSq:
      'Bashkëpunimi institucional është me rëndësi të madhe dhe punon në skuadrat multidisiplinare',
    textEn: 'Institutional cooperation matters greatly and works in multidisciplinary teams',
  },
  {
    textSq:
      'Prioritet duhet t’i kushtohet krijimit të mundësive për zhvillimin e komunitetit, përmes mbështetjes së kategorive të rrezikuara për zbatimin e projekteve që adresojnë çështjet ekonomike sociale',
    textEn:
      'Priority should go to creating opportunities for community development, by supporting at-risk groups to carry out projects that address social and economic issues',
  },
];

/** The workflow keeps sending e-mails meanwhile; these are the tables the routes under test write. */
const OUTCOME_TABLES = [
  'session_attendance',
  'attendance_mark',
  'walk_in',
  'material',
  'recommendation',
];

const LEAFLETS = {
  descriptionSq: 'fletëpalosje',
  descriptionEn: 'leaflets',
  quantity: 4000,
  placesSq: 'në kafene dhe vende publike',
  placesEn: 'in cafés and public places',
};

describe('attendance, materials and recommendations', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let coordinator: string;
  let coordinatorId: string;
  let viewer: string;
  /** Contact ids by first name. */
  const person: Record<string, string> = {};
  let roundId: string;
  /** Starts in half an hour: attendance is open. */
  let tableSession: string;
  /** Starts in five hours: attendance opens in four. */
  let studentsSession: string;
  let otherRoundSession: string;
  /** Invitation ids by first name: to the table meeting, and the others. */
  const invitation: Record<string, string> = {};

  const put = (path: string, body: unknown, options: RequestOptions = {}) =>
    app.request('PUT', path, { ...options, body });
  const outcomeSnapshot = async () => {
    const all = await app.snapshot();
    return Object.fromEntries(OUTCOME_TABLES.map((table) => [table, all[table]]));
  };
  const attendancePath = (sessionId: string) => `/api/sessions/${sessionId}/attendance`;
  const rows = async (sql: string, params: unknown[]) =>
    app.orm.em.fork().getConnection().execute(sql, params);

  /** Schedules a draft round and waits for the invitations its invite step writes. */
  async function schedule(round: string, expected: number): Promise<any[]> {
    const scheduled = await app.post(`/api/rounds/${round}/schedule`);
    expect(scheduled.status).toBe(200);
    return waitFor('the invitations written', async () => {
      const page = await app.get(`/api/rounds/${round}/invitations`);
      return page.body.total === expected ? (page.body.items as any[]) : undefined;
    });
  }

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    coordinator = await app.tokenFor('coordinator');
    coordinatorId = (await app.get('/api/users/me', { token: coordinator })).body.id;
    viewer = await app.tokenFor('viewer');
    const prefecture = await app.post('/api/institutions', {
      name: 'Institucioni i Prefektit të Qarkut Elbasan',
      kind: 'prefecture',
      countyId: await app.countyId('Elbasan'),
    });
    for (const [key, fullName] of [
      ['arjana', 'Arjana Çela'],
      ['clirim', 'Çlirim Muça'],
      ['ermira', 'Ermira Shehu'],
      ['vjollca', 'Vjollca Meta'],
      ['gezim', 'Gëzim Leka'],
    ]) {
      person[key] = await contact(app, fullName, `${key}@example.al.test`, {
        institutionId: prefecture.body.id,
      });
    }

    const campaignId = await fastCampaign(app, { inviteBefore: 'PT6H', reminders: [] });
    const round = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        startInMs: 30 * 60_000,
        audience: { contactIds: [person.arjana, person.clirim, person.ermira] },
      },
      {
        titleSq: 'Sesione informimi me nxënësit e shkollës “Vasil Kamami”',
        titleEn: 'Information sessions with the students of the “Vasil Kamami” school',
        startInMs: 5 * 3600_000,
        audience: { contactIds: [person.vjollca] },
      },
    ]);
    roundId = round.roundId;
    [tableSession, studentsSession] = round.sessionIds;
    const other = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me përfaqësues të organizatave të shoqërisë civile',
        titleEn: 'Meeting with representatives of civil society organisations',
        startInMs: 40 * 60_000,
        audience: { contactIds: [person.gezim] },
      },
    ]);
    otherRoundSession = other.sessionIds[0];

    for (const item of [...(await schedule(roundId, 4)), ...(await schedule(other.roundId, 1))]) {
      const key = Object.keys(person).find((k) => person[k] === item.contact.id) as string;
      invitation[key] = item.id;
    }
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  describe('attendance of a session', () => {
    it('is empty before anything is recorded, listing every invitee as unrecorded', async () => {
      const response = await app.get(attendancePath(tableSession), { token: viewer });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        sessionId: tableSession,
        invitees: [
          expect.objectContaining({ fullName: 'Arjana Çela', present: null }),
          expect.objectContaining({ fullName: 'Çlirim Muça', present: null }),
          expect.objectContaining({ fullName: 'Ermira Shehu', present: null }),
        ],
        walkIns: [],
        headCount: null,
        recordedAt: null,
        recordedBy: null,
        totals: { invited: 3, invitedPresent: 0, walkIns: 0, namedPresent: 0, headCount: null },
      });
    });

    it('records invitees, walk-ins and the head count, and reads them back', async () => {
      const body = {
        invitees: [
          { invitationId: invitation.arjana, present: true },
          { invitationId: invitation.ermira, present: false },
        ],
        walkIns: [
          {
            fullName: 'Besa Kola',
            institution: 'Zyra Rajonale e Punësimit Elbasan',
            position: 'Specialiste',
            email: '  Besa.Kola@Example.AL.test ',
          },
          { fullName: 'Dritan Hoxha' },
        ],
        headCount: {
          total: 29,
          breakdown: [
            { label: 'gra / women', count: 12 },
            { label: 'burra / men', count: 17 },
          ],
          note: 'rreth 30',
        },
      };
      const before = Date.now();
      const recorded = await put(attendancePath(tableSession), body, { token: coordinator });
      expect(recorded.status).toBe(200);
      expect(recorded.body).toEqual({
        sessionId: tableSession,
        invitees: [
          {
            invitationId: invitation.arjana,
            contactId: person.arjana,
            fullName: 'Arjana Çela',
            institutionName: 'Institucioni i Prefektit të Qarkut Elbasan',
            status: 'pending',
            optedOut: false,
            present: true,
          },
          expect.objectContaining({ invitationId: invitation.clirim, present: null }),
          expect.objectContaining({ invitationId: invitation.ermira, present: false }),
        ],
        walkIns: [
          {
            id: expect.any(String),
            fullName: 'Besa Kola',
            institution: 'Zyra Rajonale e Punësimit Elbasan',
            position: 'Specialiste',
            email: 'besa.kola@example.al.test',
          },
          {
            id: expect.any(String),
            fullName: 'Dritan Hoxha',
            institution: null,
            position: null,
            email: null,
          },
        ],
        headCount: body.headCount,
        recordedAt: expect.any(String),
        recordedBy: { id: coordinatorId, name: 'coordinator' },
        totals: { invited: 3, invitedPresent: 1, walkIns: 2, namedPresent: 3, headCount: 29 },
      });
      expect(new Date(recorded.body.recordedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

      const read = await app.get(attendancePath(tableSession), { token: viewer });
      expect(read.status).toBe(200);
      expect(read.body).toEqual(recorded.body);
    });

    it('replaces the whole record on a new submission, never duplicating', async () => {
      const body = {
        invitees: [
          { invitationId: invitation.ermira, present: true },
          { invitationId: invitation.clirim, present: true },
        ],
        walkIns: [{ fullName: 'Besa Kola', email: 'besa.kola@example.al.test' }],
      };
      for (let i = 0; i < 2; i += 1) {
        expect((await put(attendancePath(tableSession), body)).status).toBe(200);
      }
      const read = await app.get(attendancePath(tableSession));
      expect(read.body.invitees.map((i: any) => [i.fullName, i.present])).toEqual([
        ['Arjana Çela', null],
        ['Çlirim Muça', true],
        ['Ermira Shehu', true],
      ]);
      expect(read.body.walkIns).toEqual([expect.objectContaining({ fullName: 'Besa Kola' })]);
      expect(read.body.headCount).toBeNull();
      expect(read.body.recordedBy.name).toBe('Administrator');
      expect(read.body.totals).toEqual({
        invited: 3,
        invitedPresent: 2,
        walkIns: 1,
        namedPresent: 3,
        headCount: null,
      });
      const [counts] = await rows(
        `select (select count(*) from session_attendance where session_id = ?)::int as records,
                (select count(*) from attendance_mark m join session_attendance a on a.id = m.attendance_id where a.session_id = ?)::int as marks,
                (select count(*) from walk_in w join session_attendance a on a.id = w.attendance_id where a.session_id = ?)::int as walk_ins`,
        [tableSession, tableSession, tableSession],
      );
      expect(counts).toEqual({ records: 1, marks: 2, walk_ins: 1 });
    });

    it('refuses invitations of another session or round and repeated ones, naming each entry', async () => {
      const before = (await app.get(attendancePath(tableSession))).body;
      const response = await put(attendancePath(tableSession), {
        invitees: [
          { invitationId: invitation.arjana, present: true },
          { invitationId: invitation.vjollca, present: true },
          { invitationId: invitation.gezim, present: true },
          { invitationId: randomUUID(), present: false },
          { invitationId: invitation.arjana, present: false },
        ],
        walkIns: [],
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        { field: 'invitees[1].invitationId', reason: 'no invitation to this session with this id' },
        { field: 'invitees[2].invitationId', reason: 'no invitation to this session with this id' },
        { field: 'invitees[3].invitationId', reason: 'no invitation to this session with this id' },
        { field: 'invitees[4].invitationId', reason: 'the same invitation as invitees[0]' },
      ]);
      expect((await app.get(attendancePath(tableSession))).body).toEqual(before);
    });

    it('refuses negative, fractional and absurd numbers, naming the field', async () => {
      const attempt = (headCount: unknown, walkIns: unknown[] = []) =>
        put(attendancePath(tableSession), { invitees: [], walkIns, headCount });
      const cases: Array<[unknown, string]> = [
        [{ total: -1 }, 'headCount.total'],
        [{ total: 2.5 }, 'headCount.total'],
        [{ total: 1_000_000_000 }, 'headCount.total'],
        [{ total: '30' }, 'headCount.total'],
        [
          { total: 30, breakdown: [{ label: 'nxënës', count: -3 }] },
          'headCount.breakdown[0].count',
        ],
        [
          {
            total: 30,
            breakdown: [
              { label: 'nxënës', count: 30 },
              { label: ' ', count: 0 },
            ],
          },
          'headCount.breakdown[1].label',
        ],
        [{ total: 30, note: 'x'.repeat(1001) }, 'headCount.note'],
      ];
      for (const [headCount, field] of cases) {
        const response = await attempt(headCount);
        expect([response.status, response.body.errors?.[0]?.field]).toEqual([400, field]);
      }
      const walkInCases: Array<[unknown, string]> = [
        [{ fullName: '' }, 'walkIns[0].fullName'],
        [{ institution: 'Bashkia Elbasan' }, 'walkIns[0].fullName'],
        [{ fullName: 'Besa Kola', email: 'not-an-email' }, 'walkIns[0].email'],
        [{ fullName: 'x'.repeat(201) }, 'walkIns[0].fullName'],
      ];
      for (const [walkIn, field] of walkInCases) {
        const response = await attempt(null, [walkIn]);
        expect([response.status, response.body.errors?.[0]?.field]).toEqual([400, field]);
      }

      const tooMany = await attempt({
        total: 30,
        breakdown: [
          { label: 'nxënëse / girls', count: 18 },
          { label: 'nxënës / boys', count: 15 },
        ],
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.errors).toEqual([
        {
          field: 'headCount.breakdown',
          reason: 'the groups add up to 33, more than the total of 30',
        },
      ]);
    });

    it('keeps markup in names and notes as given and returns it as JSON', async () => {
      const script = '<script>alert("x")</script> Besa';
      const response = await put(attendancePath(tableSession), {
        invitees: [],
        walkIns: [{ fullName: script, institution: '<b>Bashkia</b> & "Shoqata"' }],
        headCount: { total: 30, note: '<img src=x onerror=alert(1)>' },
      });
      expect(response.status).toBe(200);
      const read = await app.get(attendancePath(tableSession));
      expect(read.headers.get('content-type')).toContain('application/json');
      expect(read.body.walkIns[0]).toMatchObject({
        fullName: script,
        institution: '<b>Bashkia</b> & "Shoqata"',
      });
      expect(read.body.headCount.note).toBe('<img src=x onerror=alert(1)>');
    });

    it('lets a viewer read but not record', async () => {
      const before = await outcomeSnapshot();
      const response = await put(
        attendancePath(tableSession),
        { invitees: [], walkIns: [{ fullName: 'Besa Kola' }] },
        { token: viewer },
      );
      expect(response.status).toBe(403);
      expect(await outcomeSnapshot()).toEqual(before);
    });

    it('opens an hour before the session starts', async () => {
      const response = await put(attendancePath(studentsSession), {
        invitees: [],
        walkIns: [],
        headCount: { total: 30, note: 'rreth 30' },
      });
      expect(response.status).toBe(409);
      expect(response.body.errors[0].field).toBe('startsAt');
      const session = (await app.get(`/api/sessions/${studentsSession}`)).body;
      const starts = new Date(session.startsAt).getTime();
      const opens = new Date(response.body.message.match(/opens at (\S+),/)[1]).getTime();
      expect(starts - opens).toBe(3600_000);
    });

    it('refuses a cancelled session, and a round that is a draft or cancelled', async () => {
      const body = { invitees: [], walkIns: [], headCount: { total: 30 } };
      expect((await app.post(`/api/sessions/${studentsSession}/cancel`)).status).toBe(200);
      const cancelledSession = await put(attendancePath(studentsSession), body);
      expect(cancelledSession.status).toBe(409);
      expect(cancelledSession.body.message).toBe(
        'status: the session is cancelled; it has no attendance',
      );

      const campaignId = await fastCampaign(app, { inviteBefore: 'PT6H', reminders: [] });
      const draft = await draftRound(app, campaignId, [
        {
          titleSq: 'Takim me Zyrën Rajonale të Punësimit',
          titleEn: 'Meeting with the Regional Employment Office',
          startInMs: 10 * 60_000,
          audience: {},
        },
      ]);
      const drafted = await put(attendancePath(draft.sessionIds[0]), body);
      expect(drafted.status).toBe(409);
      expect(drafted.body.message).toContain('the round is a draft');

      expect((await app.post(`/api/rounds/${draft.roundId}/cancel`)).status).toBe(200);
      const cancelledRound = await put(attendancePath(draft.sessionIds[0]), body);
      expect(cancelledRound.status).toBe(409);
      expect(cancelledRound.body.message).toContain('the round is cancelled');
      expect((await app.post(`/api/rounds/${draft.roundId}/materials`, LEAFLETS)).status).toBe(409);
      expect(
        (await put(`/api/rounds/${draft.roundId}/recommendations`, { items: RECOMMENDATIONS }))
          .status,
      ).toBe(409);
    });
  });

  describe('materials', () => {
    it('records the leaflets of the round, corrects and removes entries', async () => {
      const created = await app.post(`/api/rounds/${roundId}/materials`, LEAFLETS, {
        token: coordinator,
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        roundId,
        session: null,
        ...LEAFLETS,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const posters = await app.post(`/api/rounds/${roundId}/materials`, {
        descriptionEn: 'posters',
        quantity: 20,
        sessionId: tableSession,
      });
      expect(posters.status).toBe(201);
      expect(posters.body).toMatchObject({
        descriptionSq: null,
        descriptionEn: 'posters',
        placesSq: null,
        session: {
          id: tableSession,
          titleSq: 'Takim me anëtarët e Tryezës Teknike',
          titleEn: 'Meeting with the members of the Technical Table',
        },
      });

      const list = await app.get(`/api/rounds/${roundId}/materials`, { token: viewer });
      expect(list.status).toBe(200);
      expect(list.body.map((m: any) => [m.descriptionEn, m.quantity])).toEqual([
        ['leaflets', 4000],
        ['posters', 20],
      ]);

      const corrected = await app.patch(`/api/materials/${created.body.id}`, {
        quantity: 3500,
        descriptionEn: null,
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body).toMatchObject({
        descriptionSq: 'fletëpalosje',
        descriptionEn: null,
        quantity: 3500,
        placesEn: 'in cafés and public places',
      });
      const unlinked = await app.patch(`/api/materials/${posters.body.id}`, { sessionId: null });
      expect(unlinked.body.session).toBeNull();
      const nameless = await app.patch(`/api/materials/${created.body.id}`, {
        descriptionSq: null,
      });
      expect(nameless.status).toBe(422);
      expect(nameless.body.errors[0].field).toBe('descriptionSq');

      expect((await app.delete(`/api/materials/${posters.body.id}`)).status).toBe(204);
      expect((await app.delete(`/api/materials/${posters.body.id}`)).status).toBe(404);
      const after = await app.get(`/api/rounds/${roundId}/materials`);
      expect(after.body.map((m: any) => [m.descriptionSq, m.quantity])).toEqual([
        ['fletëpalosje', 3500],
      ]);
    });

    it('refuses a missing description, a session of another round and impossible quantities', async () => {
      const before = await outcomeSnapshot();
      const post = (body: unknown) => app.post(`/api/rounds/${roundId}/materials`, body);
      const nameless = await post({ quantity: 4000, placesEn: 'in cafés' });
      expect([nameless.status, nameless.body.errors[0].field]).toEqual([422, 'descriptionSq']);
      const elsewhere = await post({ ...LEAFLETS, sessionId: otherRoundSession });
      expect(elsewhere.body.errors).toEqual([
        { field: 'sessionId', reason: 'no session of this round with this id' },
      ]);
      expect(elsewhere.status).toBe(422);
      for (const quantity of [0, -4000, 2.5, 10_000_001, '4000']) {
        const response = await post({ ...LEAFLETS, quantity });
        expect([response.status, response.body.errors[0].field]).toEqual([400, 'quantity']);
      }
      const viewed = await app.post(`/api/rounds/${roundId}/materials`, LEAFLETS, {
        token: viewer,
      });
      expect(viewed.status).toBe(403);
      expect(await outcomeSnapshot()).toEqual(before);
    });
  });

  describe('recommendations', () => {
    const path = () => `/api/rounds/${roundId}/recommendations`;

    it('replaces the whole list in the order given', async () => {
      expect((await app.get(path(), { token: viewer })).body).toEqual([]);
      const first = await put(path(), { items: RECOMMENDATIONS }, { token: coordinator });
      expect(first.status).toBe(200);
      expect(first.body).toEqual(
        RECOMMENDATIONS.map((item, index) => ({
          id: expect.any(String),
          position: index + 1,
          ...item,
        })),
      );
      expect((await app.get(path(), { token: viewer })).body).toEqual(first.body);

      const reordered = [RECOMMENDATIONS[3], RECOMMENDATIONS[0]];
      expect((await put(path(), { items: reordered })).status).toBe(200);
      const read = await app.get(path());
      expect(read.body.map((r: any) => [r.position, r.textEn])).toEqual([
        [1, RECOMMENDATIONS[3].textEn],
        [2, RECOMMENDATIONS[0].textEn],
      ]);
      const [stored] = await rows(
        'select count(*)::int as n from recommendation where round_id = ?',
        [roundId],
      );
      expect(stored.n).toBe(2);

      expect((await put(path(), { items: [] })).body).toEqual([]);
      expect((await app.get(path())).body).toEqual([]);
    });

    it('refuses too many points, empty or overlong texts, and viewers', async () => {
      await put(path(), { items: RECOMMENDATIONS });
      const before = await outcomeSnapshot();
      const cases: Array<[unknown, string]> = [
        [Array.from({ length: 51 }, () => RECOMMENDATIONS[0]), 'items'],
        [[{ textSq: '', textEn: 'x' }], 'items[0].textSq'],
        [[RECOMMENDATIONS[0], { textSq: 'x', textEn: 'x'.repeat(2001) }], 'items[1].textEn'],
        [[{ textSq: 'x' }], 'items[0].textEn'],
      ];
      for (const [items, field] of cases) {
        const response = await put(path(), { items });
        expect([response.status, response.body.errors[0].field]).toEqual([400, field]);
      }
      expect((await put(path(), { items: [] }, { token: viewer })).status).toBe(403);
      expect(await outcomeSnapshot()).toEqual(before);
    });
  });

  it('answers unknown ids with 404 and malformed ones with 400', async () => {
    const unknown = randomUUID();
    const body = { invitees: [], walkIns: [] };
    expect((await app.get(attendancePath(unknown))).status).toBe(404);
    expect((await put(attendancePath(unknown), body)).status).toBe(404);
    expect((await put(attendancePath('not-a-uuid'), body)).status).toBe(400);
    expect((await app.get(`/api/rounds/${unknown}/materials`)).status).toBe(404);
    expect((await app.post(`/api/rounds/${unknown}/materials`, LEAFLETS)).status).toBe(404);
    expect((await app.patch(`/api/materials/${unknown}`, { quantity: 1 })).status).toBe(404);
    expect((await app.delete(`/api/materials/${unknown}`)).status).toBe(404);
    expect((await app.get(`/api/rounds/${unknown}/recommendations`)).status).toBe(404);
    expect((await put(`/api/rounds/${unknown}/recommendations`, { items: [] })).status).toBe(404);
  });
});
