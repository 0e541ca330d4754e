import { PageResponse, pageRequest } from './support/page-request';
import { randomUUID } from 'node:crypto';
import { Language } from '../src/common/language';
import { formatDateTime, formatTimeRange } from '../src/messaging/local-time';
import { signId } from '../src/rsvp/signed-id-token';
import { invitingCampaign } from './support/invited-round';
import { contact, draftRound } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { attendancePath, staffedRound, staffMember } from './support/staffed-round';
import { TestApp } from './support/test-app';

/** The workflow keeps sending e-mails meanwhile; these are the tables a sheet writes. */
const ATTENDANCE_TABLES = ['session_attendance', 'attendance_mark', 'walk_in'];

/**
 * The attendance sheet behind the link the staff member in charge of a round
 * receives, over HTTP as a browser without JavaScript sends it, for sessions
 * the real workflow invited people to. The app believes one proxy hop, so
 * every test speaks from a client address of its own and the rate limit one
 * test uses up does not reach the next.
 */
describe('the attendance sheet page', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let campaignId: string;
  let institutionId: string;
  /** Mirela Kola, a coordinator who reads Albanian: the staff member in charge. */
  let staffId: string;
  let client: string;
  let serial = 0;
  let sheets = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, TRUST_PROXY_HOPS: '1' });
    campaignId = await invitingCampaign(app);
    const institution = await app.post('/api/institutions', {
      name: 'Institucioni i Prefektit të Qarkut Elbasan',
      kind: 'prefecture',
      countyId: await app.countyId('Elbasan'),
    });
    institutionId = institution.body.id;
    staffId = await staffMember(app, 'Mirela Kola', 'sq');
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  beforeEach(() => {
    serial += 1;
    client = `198.51.100.${serial}`;
  });

  const page = (method: string, path: string, form?: Record<string, string>) =>
    pageRequest(app.baseUrl, client, method, path, form);

  /** Arjana, Çlirim and Ermira of the prefecture, invited to a session in Mirela's charge. */
  async function sheet(startInMs?: number, staff: string | null = staffId) {
    sheets += 1;
    const person = {
      arjana: await contact(app, 'Arjana Çela', `arjana.${sheets}@example.al.test`, {
        institutionId,
      }),
      clirim: await contact(app, 'Çlirim Muça', `clirim.${sheets}@example.al.test`),
      ermira: await contact(app, 'Ermira Shehu', `ermira.${sheets}@example.al.test`),
    };
    const round = await staffedRound(app, campaignId, staff, Object.values(person), startInMs);
    const mark = (key: keyof typeof person) => `mark.${round.invitationOf.get(person[key])}`;
    return { ...round, person, mark, path: attendancePath(app, round.sessionId) };
  }

  const attendanceTables = async () => {
    const all = await app.snapshot();
    return Object.fromEntries(ATTENDANCE_TABLES.map((table) => [table, all[table]]));
  };
  const recorded = async (sessionId: string) =>
    (await app.get(`/api/sessions/${sessionId}/attendance`)).body;
  const sql = (query: string, params: unknown[]) =>
    app.orm.em.fork().getConnection().execute(query, params);
  const expectPageHeaders = (response: PageResponse) => {
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
  };
  /** The input or radio button of a field, as the page writes it. */
  const input = (body: string, name: string, value?: string) =>
    body.match(
      new RegExp(
        `<input[^>]*name="${escape(name)}"[^>]*${value === undefined ? '' : `value="${escape(value)}"`}[^>]*>`,
      ),
    )?.[0];
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('shows the session and every invitee in the staff member’s language; GET and HEAD change nothing', async () => {
    const round = await sheet();
    const before = await attendanceTables();

    const shown = await page('GET', round.path);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectPageHeaders(shown);
    expect(shown.body).toContain('<html lang="sq">');
    expect(shown.body).toContain('<title>Lista e pjesëmarrjes</title>');
    expect(shown.body).toContain('Takim me anëtarët e Tryezës Teknike');
    expect(shown.body).toContain('Institucioni i Prefektit të qarkut Elbasan');
    expect(shown.body).toContain('<dd>Elbasan</dd>');
    const session = (await app.get(`/api/sessions/${round.sessionId}`)).body;
    const when = formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), {
      language: Language.Albanian,
      timeZone: 'Europe/Tirane',
      weekday: true,
    });
    expect(shown.body).toContain(when);

    expect(shown.body).toContain('<legend>Arjana Çela</legend>');
    expect(shown.body).toContain('Institucioni i Prefektit të Qarkut Elbasan · Pa përgjigje');
    for (const key of ['arjana', 'clirim', 'ermira'] as const) {
      expect(input(shown.body, round.mark(key), 'unrecorded')).toContain('checked');
      expect(input(shown.body, round.mark(key), 'present')).not.toContain('checked');
    }
    expect(input(shown.body, 'walkIns[2].fullName', '')).toBeDefined();
    expect(input(shown.body, 'walkIns[3].fullName')).toBeUndefined();
    expect(input(shown.body, 'headCount.breakdown[2].count', '')).toBeDefined();
    expect(input(shown.body, 'headCount.total', '')).toBeDefined();
    expect(shown.body).toContain('<button type="submit" class="primary">Ruaj</button>');
    expect(shown.body).not.toContain('Ruajtur së fundi');

    const head = await page('HEAD', round.path);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(await attendanceTables()).toEqual(before);
  });

  it('records marks, walk-ins and the head count in the staff member’s name; saving again replaces them', async () => {
    const round = await sheet();
    const posted = await page('POST', round.path, {
      [round.mark('arjana')]: 'present',
      [round.mark('clirim')]: 'absent',
      [round.mark('ermira')]: 'unrecorded',
      'walkIns[0].fullName': 'Besa Kola',
      'walkIns[0].institution': 'Zyra Rajonale e Punësimit Elbasan',
      'walkIns[0].position': 'Specialiste',
      'walkIns[0].email': ' Besa.Kola@Example.AL.test ',
      'walkIns[1].fullName': '',
      'walkIns[1].email': '',
      'walkIns[2].fullName': 'Dritan Hoxha',
      'headCount.total': '29',
      'headCount.breakdown[0].label': 'gra / women',
      'headCount.breakdown[0].count': '12',
      'headCount.breakdown[1].label': 'burra / men',
      'headCount.breakdown[1].count': '17',
      'headCount.breakdown[2].label': '',
      'headCount.breakdown[2].count': '',
      'headCount.note': 'rreth 30',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`${round.path.split('/').pop()}?saved=1`);
    expectPageHeaders(posted);

    const first = await recorded(round.sessionId);
    expect(first.invitees.map((i: any) => [i.fullName, i.present])).toEqual([
      ['Arjana Çela', true],
      ['Çlirim Muça', false],
      ['Ermira Shehu', null],
    ]);
    expect(first.walkIns).toEqual([
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
    ]);
    expect(first.headCount).toEqual({
      total: 29,
      breakdown: [
        { label: 'gra / women', count: 12 },
        { label: 'burra / men', count: 17 },
      ],
      note: 'rreth 30',
    });
    expect(first.recordedBy).toEqual({ id: staffId, name: 'Mirela Kola' });

    const saved = await page('GET', `${round.path}?saved=1`);
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('<p class="notice success" role="status">U ruajt.</p>');
    expect(saved.body).toContain('Mirela Kola');
    expect(input(saved.body, round.mark('arjana'), 'present')).toContain('checked');
    expect(input(saved.body, round.mark('clirim'), 'absent')).toContain('checked');
    expect(input(saved.body, round.mark('ermira'), 'unrecorded')).toContain('checked');
    expect(input(saved.body, 'walkIns[0].email', 'besa.kola@example.al.test')).toBeDefined();
    expect(input(saved.body, 'walkIns[1].fullName', 'Dritan Hoxha')).toBeDefined();
    expect(input(saved.body, 'walkIns[4].fullName', '')).toBeDefined();
    expect(input(saved.body, 'walkIns[5].fullName')).toBeUndefined();
    expect(input(saved.body, 'headCount.total', '29')).toBeDefined();
    expect(input(saved.body, 'headCount.breakdown[1].count', '17')).toBeDefined();
    expect(input(saved.body, 'headCount.note', 'rreth 30')).toBeDefined();
    expect((await page('GET', round.path)).body).not.toContain('U ruajt.');

    const again = {
      [round.mark('clirim')]: 'absent',
      [round.mark('ermira')]: 'present',
      'walkIns[0].fullName': 'Besa Kola',
      'walkIns[0].email': 'besa.kola@example.al.test',
      'headCount.total': '',
      'headCount.breakdown[0].label': '',
      'headCount.breakdown[0].count': '',
      'headCount.note': '',
    };
    for (let i = 0; i < 2; i += 1) expect((await page('POST', round.path, again)).status).toBe(303);
    const replaced = await recorded(round.sessionId);
    expect(replaced.invitees.map((i: any) => i.present)).toEqual([null, false, true]);
    expect(replaced.walkIns).toEqual([
      expect.objectContaining({ fullName: 'Besa Kola', email: 'besa.kola@example.al.test' }),
    ]);
    expect(replaced.headCount).toBeNull();
    const [counts] = await sql(
      `select (select count(*) from session_attendance where session_id = ?)::int as records,
              (select count(*) from attendance_mark m join session_attendance a on a.id = m.attendance_id where a.session_id = ?)::int as marks,
              (select count(*) from walk_in w join session_attendance a on a.id = w.attendance_id where a.session_id = ?)::int as walk_ins`,
      [round.sessionId, round.sessionId, round.sessionId],
    );
    expect(counts).toEqual({ records: 1, marks: 2, walk_ins: 1 });
  });

  it('refuses what the API refuses with a 422 page naming each problem, keeping what was typed and writing nothing', async () => {
    const round = await sheet();
    await page('POST', round.path, { [round.mark('arjana')]: 'present' });
    const before = await attendanceTables();

    const refused = await page('POST', round.path, {
      [round.mark('arjana')]: 'absent',
      'walkIns[0].fullName': 'Besa Kola',
      'walkIns[0].email': 'besa.kola@',
      'headCount.total': '-3',
      'headCount.note': 'rreth 30',
    });
    expect(refused.status).toBe(422);
    expectPageHeaders(refused);
    expect(refused.body).toContain('Asgjë nuk u ruajt.');
    expect(refused.body).toContain(
      'E-maili: ju lutemi shkruani një adresë të vlefshme, p.sh. emri@shembull.al, ose lëreni bosh.',
    );
    expect(refused.body).toContain(
      'Gjithsej: ju lutemi shkruani një numër të plotë nga 0 deri në 100000',
    );
    expect(input(refused.body, 'walkIns[0].email', 'besa.kola@')).toContain('aria-invalid="true"');
    expect(input(refused.body, 'headCount.total', '-3')).toContain('aria-invalid="true"');
    expect(input(refused.body, 'walkIns[0].fullName', 'Besa Kola')).not.toContain('aria-invalid');
    expect(input(refused.body, 'headCount.note', 'rreth 30')).toBeDefined();
    expect(input(refused.body, round.mark('arjana'), 'absent')).toContain('checked');

    // The same sheet sent to the API is refused for the same fields.
    const api = await app.request('PUT', `/api/sessions/${round.sessionId}/attendance`, {
      body: {
        invitees: [{ invitationId: round.invitationOf.get(round.person.arjana), present: false }],
        walkIns: [{ fullName: 'Besa Kola', email: 'besa.kola@' }],
        headCount: { total: -3, breakdown: [], note: 'rreth 30' },
      },
    });
    expect(api.status).toBe(400);
    expect(api.body.errors.map((e: any) => e.field)).toEqual([
      'walkIns[0].email',
      'headCount.total',
    ]);

    const cases: Array<[Record<string, string>, string, string | null]> = [
      [
        { 'walkIns[0].fullName': '', 'walkIns[1].institution': 'Bashkia Elbasan' },
        'Emri dhe mbiemri: ju lutemi shkruajeni (deri në 200 shkronja), ose fshini gjithë rreshtin.',
        'walkIns[1].fullName',
      ],
      [
        { 'headCount.total': '', 'headCount.note': 'rreth 30' },
        'ose lëreni gjithë numërimin bosh.',
        'headCount.total',
      ],
      [
        {
          'headCount.total': '10',
          'headCount.breakdown[0].label': 'gra',
          'headCount.breakdown[0].count': '6',
          'headCount.breakdown[1].label': 'burra',
          'headCount.breakdown[1].count': '6',
        },
        'Grupet së bashku janë më shumë se totali.',
        null,
      ],
      [
        {
          'headCount.total': '10',
          'headCount.breakdown[0].label': '',
          'headCount.breakdown[0].count': '',
          'headCount.breakdown[1].label': 'nxënës',
          'headCount.breakdown[1].count': 'dhjetë',
        },
        'Numri: ju lutemi shkruani një numër të plotë nga 0 deri në 100000.',
        'headCount.breakdown[1].count',
      ],
      [
        { [round.mark('clirim')]: 'maybe' },
        'Ju lutemi zgjidhni: erdhi, nuk erdhi ose pa shënuar.',
        null,
      ],
      [
        { [`mark.${randomUUID()}`]: 'present' },
        'Një pjesë e listës përmend dikë që nuk është ftuar në këtë takim.',
        null,
      ],
    ];
    for (const [form, message, field] of cases) {
      const response = await page('POST', round.path, form);
      expect({ form, status: response.status }).toEqual({ form, status: 422 });
      expect(response.body).toContain(message);
      if (field) expect(input(response.body, field)).toContain('aria-invalid="true"');
    }
    expect(await attendanceTables()).toEqual(before);
  });

  it('shows names and notes as text, never as markup', async () => {
    const round = await sheet();
    const script = '<script>alert("x")</script> Besa';
    const posted = await page('POST', round.path, {
      'walkIns[0].fullName': script,
      'walkIns[0].institution': '<b>Bashkia</b> & "Shoqata"',
      'headCount.total': '30',
      'headCount.note': '"><img src=x onerror=alert(1)>',
    });
    expect(posted.status).toBe(303);
    expect((await recorded(round.sessionId)).walkIns[0].fullName).toBe(script);

    const shown = await page('GET', round.path);
    expect(shown.body).toContain('value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Besa"');
    expect(shown.body).toContain('value="&lt;b&gt;Bashkia&lt;/b&gt; &amp; &quot;Shoqata&quot;"');
    expect(shown.body).toContain('value="&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;"');
    expect(shown.body).not.toContain('<script');
    expect(shown.body).not.toContain('<img');
    expect(shown.body).not.toContain('<b>');

    const typed = await page('POST', round.path, {
      'walkIns[0].fullName': '"><script>alert(2)</script>',
      'walkIns[0].email': 'not-an-email',
    });
    expect(typed.status).toBe(422);
    expect(typed.body).toContain('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    expect(typed.body).not.toContain('<script');
  });

  it('says when the sheet opens, without a form, until an hour before the start', async () => {
    const round = await sheet(90 * 60_000);
    const before = await attendanceTables();
    const session = (await app.get(`/api/sessions/${round.sessionId}`)).body;
    const opensAt = formatDateTime(new Date(new Date(session.startsAt).getTime() - 3600_000), {
      language: Language.Albanian,
      timeZone: 'Europe/Tirane',
    });

    const shown = await page('GET', round.path);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain(
      `Lista e pjesëmarrjes hapet më ${opensAt}, një orë para fillimit të takimit.`,
    );
    expect(shown.body).not.toContain('<form');
    expect(shown.body).not.toContain('Arjana Çela');

    const refused = await page('POST', round.path, { 'headCount.total': '30' });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Lista e pjesëmarrjes hapet më');
    expect(refused.body).not.toContain('<form');
    expect(await attendanceTables()).toEqual(before);
  });

  it('says a cancelled session or round has no sheet, without a form', async () => {
    const session = await sheet();
    const round = await sheet();
    expect((await app.post(`/api/sessions/${session.sessionId}/cancel`)).status).toBe(200);
    expect((await app.post(`/api/rounds/${round.roundId}/cancel`)).status).toBe(200);
    const before = await attendanceTables();

    for (const cancelled of [session, round]) {
      const shown = await page('GET', cancelled.path);
      expect(shown.status).toBe(200);
      expect(shown.body).toContain('Ky takim është anuluar, prandaj nuk ka listë pjesëmarrjeje.');
      expect(shown.body).not.toContain('<form');
      const refused = await page('POST', cancelled.path, { [cancelled.mark('arjana')]: 'present' });
      expect(refused.status).toBe(409);
      expect(refused.body).toContain('Ky takim është anuluar');
    }
    expect(await attendanceTables()).toEqual(before);
  });

  it('gives the same plain 404 page for every link that leads nowhere', async () => {
    const round = await sheet();
    const unstaffed = await sheet(undefined, null);
    const leaver = await staffMember(app, 'Ilir Shehu', 'sq');
    const left = await sheet(undefined, leaver);
    expect((await app.patch(`/api/users/${leaver}`, { disabled: true })).status).toBe(200);
    const draft = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me Zyrën Rajonale të Punësimit',
        titleEn: 'Meeting with the Regional Employment Office',
        startInMs: 30 * 60_000,
        audience: {},
      },
    ]);
    await app.patch(`/api/rounds/${draft.roundId}`, { staffUserId: staffId });
    const late = await sheet();
    await sql(
      `update session set starts_at = now() - interval '8 days 2 hours', ends_at = now() - interval '8 days' where id = ?`,
      [late.sessionId],
    );
    const lateButInTime = await sheet();
    await sql(
      `update session set starts_at = now() - interval '6 days 2 hours', ends_at = now() - interval '6 days' where id = ?`,
      [lateButInTime.sessionId],
    );
    expect((await page('GET', lateButInTime.path)).status).toBe(200);

    const token = round.path.split('/').pop() as string;
    const tampered = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
    const paths = [
      `/attendance/${tampered}`,
      `/attendance/${signId('attendance', round.sessionId, 'another-secret-at-least-32-characters')}`,
      attendancePath(app, randomUUID()),
      `/attendance/${signId('rsvp', round.sessionId, app.config.appSecret)}`,
      attendancePath(app, round.invitationOf.get(round.person.arjana) as string),
      '/attendance/not-a-token',
      unstaffed.path,
      left.path,
      attendancePath(app, draft.sessionIds[0]),
      late.path,
    ];
    const before = await attendanceTables();
    const answers: PageResponse[] = [];
    for (const path of paths) {
      answers.push(
        await page('GET', path),
        await page('POST', path, { 'headCount.total': '30', 'headCount.note': 'rreth 30' }),
      );
    }
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 404));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(answers[0].body).toContain('This link is not valid');
    expect(answers[0].body).toContain('Kjo lidhje nuk është e vlefshme');
    expect(answers[0].body).not.toContain('Tryezës');
    expectPageHeaders(answers[0]);
    expect(await attendanceTables()).toEqual(before);
  });
});
