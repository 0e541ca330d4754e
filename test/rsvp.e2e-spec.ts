import { PageResponse, pageRequest } from './support/page-request';
import { randomUUID } from 'node:crypto';
import { Language } from '../src/common/language';
import { formatTimeRange } from '../src/messaging/local-time';
import { signId } from '../src/rsvp/signed-id-token';
import { invitedRound, invitingCampaign, linkPath } from './support/invited-round';
import { contact } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';

/**
 * The RSVP and opt-out pages over HTTP, sent as a browser without
 * JavaScript, a mail scanner or a mail client sends them, answering
 * invitations the real workflow wrote. The app believes one proxy hop, so
 * every test speaks from a client address of its own and the rate limit one
 * test uses up does not reach the next.
 */
describe('RSVP and opt-out pages', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let campaignId: string;
  let institutionId: string;
  let client: string;
  let serial = 0;
  let people = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url, TRUST_PROXY_HOPS: '1' });
    campaignId = await invitingCampaign(app);
    const institution = await app.post('/api/institutions', {
      name: 'Prefektura e Qarkut Elbasan',
      kind: 'prefecture',
      countyId: await app.countyId('Elbasan'),
    });
    institutionId = institution.body.id;
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

  /** Arbër at the prefecture, invited with `others` to a session an hour away. */
  async function invitee(extra: Record<string, unknown> = {}, others: string[] = []) {
    people += 1;
    const email = `arber.hoxha.${people}@example.al.test`;
    const contactId = await contact(app, 'Arbër Hoxha', email, { institutionId, ...extra });
    const round = await invitedRound(app, campaignId, [contactId, ...others]);
    const invitationId = round.invitationOf.get(contactId) as string;
    return { ...round, contactId, email, invitationId, path: linkPath(app, 'rsvp', invitationId) };
  }

  /** Everything an answer or an opt-out can write. */
  async function answerTables() {
    const { contact: contacts, invitation, invitation_response } = await app.snapshot();
    return { contacts, invitation, invitation_response };
  }

  const history = async (invitationId: string) =>
    (await app.get(`/api/invitations/${invitationId}/responses`)).body as any[];
  const invitationsOf = async (roundId: string) =>
    (await app.get(`/api/rounds/${roundId}/invitations`)).body.items as any[];
  const sql = (query: string, params: unknown[]) =>
    app.orm.em.fork().getConnection().execute(query, params);
  const expectPageHeaders = (response: PageResponse) => {
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
  };

  it('shows the session in the invitee’s language and the campaign’s time zone; GET and HEAD change nothing', async () => {
    const who = await invitee({ language: 'en' });
    const before = await answerTables();

    const shown = await page('GET', who.path);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectPageHeaders(shown);
    expect(shown.body).toContain('<meta name="viewport"');
    expect(shown.body).toContain('Meeting with the members of the Technical Table');
    expect(shown.body).toContain('On preventing irregular migration');
    expect(shown.body).toContain('Prefect’s Institution, Elbasan county');
    const [session] = (await app.get(`/api/rounds/${who.roundId}`)).body.sessions;
    const when = formatTimeRange(new Date(session.startsAt), new Date(session.endsAt), {
      language: Language.English,
      timeZone: 'Europe/Tirane',
      weekday: true,
    });
    expect(shown.body).toContain(when);
    expect(shown.body).toContain('You have not answered yet.');
    for (const choice of ['I will attend', 'I cannot attend', 'Send my colleague instead']) {
      expect(shown.body).toContain(choice);
    }

    const head = await page('HEAD', who.path);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(await answerTables()).toEqual(before);
  });

  it('records an accept once, however often the form is sent, and confirms it', async () => {
    const who = await invitee();
    const posted = await page('POST', who.path, { answer: 'accept' });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`${who.path.split('/').pop()}?done=1`);
    expect(posted.headers.get('referrer-policy')).toBe('no-referrer');
    const [accepted] = await invitationsOf(who.roundId);
    expect(accepted).toMatchObject({ status: 'accepted', respondedAt: expect.any(String) });

    const confirmation = await page('GET', `${who.path}?done=1`);
    expect(confirmation.status).toBe(200);
    expect(confirmation.body).toContain('Faleminderit! Përgjigja juaj u regjistrua.');
    expect(confirmation.body).toContain('Do të merrni pjesë.');

    expect((await page('POST', who.path, { answer: 'accept' })).status).toBe(303);
    expect(await invitationsOf(who.roundId)).toEqual([accepted]);
    expect(await history(who.invitationId)).toEqual([
      expect.objectContaining({
        answer: 'accept',
        source: 'link',
        note: null,
        substitute: null,
        recordedBy: null,
      }),
    ]);
  });

  it('lets the last answer win and keeps every change in the history', async () => {
    const who = await invitee();
    await page('POST', who.path, { answer: 'accept' });
    await page('POST', who.path, { answer: 'decline' });
    expect((await invitationsOf(who.roundId))[0].status).toBe('declined');
    expect((await history(who.invitationId)).map((entry) => entry.answer)).toEqual([
      'accept',
      'decline',
    ]);
    expect((await page('GET', who.path)).body).toContain('Nuk mund të merrni pjesë.');
  });

  it('sends a new colleague instead: a contact at the invitee’s institution with an invitation of their own', async () => {
    const who = await invitee({ language: 'en' });
    const name = 'Drita <script>alert("x")</script> Koçi';
    const email = `Drita.Koci.${serial}@Example.al.test`;
    const posted = await page('POST', who.path, {
      answer: 'delegate',
      substituteName: name,
      substituteEmail: email,
      substitutePosition: 'Specialiste',
    });
    expect(posted.status).toBe(303);

    const invitations = await invitationsOf(who.roundId);
    expect(invitations).toHaveLength(2);
    const original = invitations.find((i) => i.id === who.invitationId);
    const standIn = invitations.find((i) => i.id !== who.invitationId);
    expect(original.status).toBe('delegated');
    expect(standIn).toMatchObject({
      status: 'pending',
      substituteForId: who.invitationId,
      contact: { fullName: name, email, institutionName: 'Prefektura e Qarkut Elbasan' },
    });
    const colleague = (await app.get(`/api/contacts/${standIn.contact.id}`)).body;
    expect(colleague).toMatchObject({
      language: 'en',
      position: 'Specialiste',
      institution: { id: institutionId },
    });
    const steps = await sql('select distinct invite_step_id from invitation where id in (?, ?)', [
      who.invitationId,
      standIn.id,
    ]);
    expect(steps).toHaveLength(1);
    expect(steps[0].invite_step_id).toEqual(expect.any(String));

    const shown = await page('GET', `${who.path}?done=1`);
    expect(shown.body).toContain('A colleague will attend in your place:');
    expect(shown.body).toContain('Drita &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Koçi');
    expect(shown.body).not.toContain('<script');
    const theirs = await page('GET', linkPath(app, 'rsvp', standIn.id));
    expect(theirs.body).toContain('You are invited in place of <strong>Arbër Hoxha</strong>');

    // The same colleague again, typed differently, is the same answer.
    const before = await answerTables();
    const again = await page('POST', who.path, {
      answer: 'delegate',
      substituteName: 'Drita Koçi',
      substituteEmail: email.toLowerCase(),
    });
    expect(again.status).toBe(303);
    expect(await answerTables()).toEqual(before);
    expect(await history(who.invitationId)).toHaveLength(1);
  });

  it('sends a colleague the directory knows as they are, and reuses an invitation they already have', async () => {
    const known = await contact(app, 'Besa Kola', `besa.kola.${serial}@example.al.test`, {
      language: 'en',
    });
    const invited = await contact(app, 'Ilir Shehu', `ilir.shehu.${serial}@example.al.test`);
    const second = await contact(app, 'Mira Gjoka', `mira.gjoka.${serial}@example.al.test`, {
      institutionId,
    });
    const who = await invitee({}, [invited, second]);
    const contactsBefore = (await app.get('/api/contacts?limit=1')).body.total;

    await page('POST', who.path, {
      answer: 'delegate',
      substituteName: 'Besa Kola-Hoxha',
      substituteEmail: `BESA.KOLA.${serial}@EXAMPLE.AL.TEST`,
    });
    await page('POST', linkPath(app, 'rsvp', who.invitationOf.get(second) as string), {
      answer: 'delegate',
      substituteName: 'Ilir Shehu',
      substituteEmail: `ilir.shehu.${serial}@example.al.test`,
    });

    expect((await app.get('/api/contacts?limit=1')).body.total).toBe(contactsBefore);
    const invitations = await invitationsOf(who.roundId);
    expect(invitations).toHaveLength(4);
    expect(invitations.find((i) => i.contact.id === known)).toMatchObject({
      substituteForId: who.invitationId,
      contact: { fullName: 'Besa Kola' },
    });
    expect(invitations.find((i) => i.contact.id === invited)).toMatchObject({
      id: who.invitationOf.get(invited),
      status: 'pending',
      substituteForId: null,
    });
    expect(invitations.find((i) => i.contact.id === second)?.status).toBe('delegated');
    const [entry] = await history(who.invitationOf.get(second) as string);
    expect(entry.substitute).toMatchObject({ id: invited, fullName: 'Ilir Shehu' });
  });

  it('shows the page again with a 422 naming the field for a form it cannot use, writing nothing', async () => {
    const optedOut = await contact(app, 'Gëzim Leka', `gezim.leka.${serial}@example.al.test`);
    await app.patch(`/api/contacts/${optedOut}`, { optedOut: true });
    const who = await invitee({ language: 'en' });
    const colleague = { answer: 'delegate', substituteName: 'Drita Koçi' };
    const cases: Array<[Record<string, string>, string, string | null]> = [
      [{}, 'Please choose one of the answers below.', null],
      [{ answer: 'maybe' }, 'Please choose one of the answers below.', null],
      [
        { ...colleague, substituteEmail: 'not-an-email' },
        'Colleague’s e-mail address: please enter a valid address',
        'substituteEmail',
      ],
      [
        { ...colleague, substituteEmail: who.email.toUpperCase() },
        'Colleague’s e-mail address: this is your own address.',
        'substituteEmail',
      ],
      [
        { ...colleague, substituteEmail: `GEZIM.LEKA.${serial}@example.al.test` },
        'this person has asked not to receive e-mails from our campaigns',
        'substituteEmail',
      ],
      [
        { answer: 'delegate', substituteName: '  ', substituteEmail: 'drita@example.al.test' },
        'Colleague’s full name: please enter it',
        'substituteName',
      ],
    ];
    const before = await answerTables();
    for (const [form, message, field] of cases) {
      const refused = await page('POST', who.path, form);
      expect({ form, status: refused.status }).toEqual({ form, status: 422 });
      expectPageHeaders(refused);
      expect(refused.body).toContain(message);
      if (field)
        expect(refused.body).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"`));
      expect(refused.body).toContain('I will attend');
    }
    expect(await answerTables()).toEqual(before);

    const typed = await page('POST', who.path, {
      answer: 'delegate',
      substituteName: 'Drita "<b>" Koçi',
      substituteEmail: 'drita@',
    });
    expect(typed.body).toContain('value="Drita &quot;&lt;b&gt;&quot; Koçi"');
  });

  it('lists every mistake of the colleague’s form at once, each linked to its field and naming it', async () => {
    const who = await invitee({ language: 'en' });
    const before = await answerTables();
    const refused = await page('POST', who.path, {
      answer: 'delegate',
      substituteName: ' ',
      substituteEmail: 'not-an-email',
    });
    expect(refused.status).toBe(422);
    const alert = /<div class="notice error" role="alert">([\s\S]*?)<\/div>/.exec(
      refused.body,
    )?.[1];
    const items = [
      ...(alert ?? '').matchAll(/<li id="([^"]+)"><a href="#([^"]+)">([^<]+)<\/a><\/li>/g),
    ];
    expect(items.map(([, , control, text]) => [control, text.split(':')[0]])).toEqual([
      ['substituteName', 'Colleague’s full name'],
      ['substituteEmail', 'Colleague’s e-mail address'],
    ]);
    for (const [, id, control] of items) {
      expect(refused.body).toMatch(
        new RegExp(`id="${control}"[^>]*aria-invalid="true" aria-describedby="${id}"`),
      );
    }
    expect(await answerTables()).toEqual(before);
  });

  it('shows the answer that stands, which every answer button refers to', async () => {
    const who = await invitee({ language: 'en' });
    await page('POST', who.path, { answer: 'decline' });
    const shown = await page('GET', who.path);
    expect(shown.body).toMatch(/<p id="current-answer"[^>]*>You cannot attend\.<\/p>/);
    expect(shown.body.match(/<button [^>]*aria-describedby="current-answer"/g)).toHaveLength(3);
  });

  it('refuses to change the answer once the session has started and shows it read-only', async () => {
    const who = await invitee({ language: 'en' });
    await page('POST', who.path, { answer: 'accept' });
    await sql(`update session set starts_at = now() - interval '10 minutes' where id = ?`, [
      who.sessionId,
    ]);
    const before = await answerTables();

    const shown = await page('GET', who.path);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('You will attend.');
    expect(shown.body).toContain(
      'The meeting has started, so the answer can no longer be changed.',
    );
    expect(shown.body).not.toContain('<form');

    const refused = await page('POST', who.path, { answer: 'decline' });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('role="alert"');
    expect(refused.body).not.toContain('<form');
    const byPhone = await app.post(`/api/invitations/${who.invitationId}/response`, {
      answer: 'decline',
      source: 'phone',
    });
    expect(byPhone.status).toBe(409);
    expect(await answerTables()).toEqual(before);
  });

  it('says a cancelled session is cancelled and takes no answer for it', async () => {
    const who = await invitee({ language: 'en' });
    expect((await app.post(`/api/rounds/${who.roundId}/cancel`)).status).toBe(200);
    const before = await answerTables();

    const shown = await page('GET', who.path);
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('This meeting has been cancelled. There is no need to answer.');
    expect(shown.body).not.toContain('<form');
    const refused = await page('POST', who.path, { answer: 'accept' });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(
      'This meeting has been cancelled, so there is nothing to answer.',
    );
    expect(await answerTables()).toEqual(before);
  });

  it('gives the same plain 404 page for every link that leads nowhere', async () => {
    const who = await invitee();
    const ended = await invitee();
    await sql(
      `update session set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ?`,
      [ended.sessionId],
    );
    const token = who.path.split('/').pop() as string;
    const tampered = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
    const paths = [
      `/rsvp/${tampered}`,
      `/rsvp/${signId('rsvp', who.invitationId, 'another-secret-at-least-32-characters')}`,
      linkPath(app, 'rsvp', randomUUID()),
      `/rsvp/${signId('opt-out', who.invitationId, app.config.appSecret)}`,
      ended.path,
      '/rsvp/not-a-token',
      `/unsubscribe/${signId('rsvp', who.contactId, app.config.appSecret)}`,
      linkPath(app, 'opt-out', randomUUID()),
    ];
    const before = await answerTables();
    const answers: PageResponse[] = [];
    for (const path of paths) {
      answers.push(await page('GET', path), await page('POST', path, { answer: 'accept' }));
    }
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 404));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(answers[0].body).toContain('This link is not valid');
    expect(answers[0].body).toContain('Kjo lidhje nuk është e vlefshme');
    expect(answers[0].body).not.toContain('Arbër');
    expectPageHeaders(answers[0]);
    expect(await answerTables()).toEqual(before);
  });

  it('records answers staff took by phone, letter, e-mail or in person, under the same rules', async () => {
    const who = await invitee();
    const coordinator = await app.tokenFor('coordinator');
    const respond = (body: unknown, token: string = coordinator) =>
      app.post(`/api/invitations/${who.invitationId}/response`, body, { token });
    const note = 'Telefonoi zyrën: është me shërbim jashtë qarkut.';

    const declined = await respond({ answer: 'decline', source: 'phone', note });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      id: who.invitationId,
      status: 'declined',
      contact: { id: who.contactId },
    });
    expect((await respond({ answer: 'decline', source: 'letter' })).status).toBe(200);
    const colleague = {
      fullName: 'Elona Dervishi',
      email: `elona.dervishi.${serial}@example.al.test`,
    };
    const delegated = await respond({ answer: 'delegate', source: 'email', substitute: colleague });
    expect(delegated.body.status).toBe('delegated');

    expect(await history(who.invitationId)).toEqual([
      expect.objectContaining({
        answer: 'decline',
        source: 'phone',
        note,
        recordedBy: expect.objectContaining({ name: 'coordinator' }),
        substitute: null,
      }),
      expect.objectContaining({
        answer: 'delegate',
        source: 'email',
        note: null,
        substitute: expect.objectContaining(colleague),
      }),
    ]);
    const standIn = (await invitationsOf(who.roundId)).find(
      (i) => i.substituteForId === who.invitationId,
    );
    expect(standIn.contact.email).toBe(colleague.email);
    expect((await page('GET', who.path)).body).toContain('Elona Dervishi');

    const before = await answerTables();
    expect((await respond({ answer: 'accept', source: 'link' })).status).toBe(400);
    expect((await respond({ answer: 'delegate', source: 'phone' })).status).toBe(400);
    const withColleague = await respond({
      answer: 'accept',
      source: 'phone',
      substitute: colleague,
    });
    expect(withColleague.status).toBe(422);
    expect(withColleague.body.errors).toEqual([
      { field: 'substitute', reason: 'is given with answer delegate, and only then' },
    ]);
    const viewer = await app.tokenFor('viewer');
    expect((await respond({ answer: 'accept', source: 'phone' }, viewer)).status).toBe(403);
    const unknown = await app.post(`/api/invitations/${randomUUID()}/response`, {
      answer: 'accept',
      source: 'phone',
    });
    expect(unknown.status).toBe(404);
    expect(await answerTables()).toEqual(before);
    const read = await app.get(`/api/invitations/${who.invitationId}/responses`, { token: viewer });
    expect(read.status).toBe(200);
    expect(read.body).toHaveLength(2);
  });

  it('opts out: the page asks, a GET changes nothing, the one-click POST records it once', async () => {
    const email = `gezim.${serial}@example.al.test`;
    const contactId = await contact(app, 'Gëzim Leka', email, { language: 'en' });
    const path = linkPath(app, 'opt-out', contactId);
    const before = await answerTables();

    const shown = await page('GET', path);
    expect(shown.status).toBe(200);
    expectPageHeaders(shown);
    expect(shown.body).toContain(email);
    expect(shown.body).toContain('Stop sending me e-mails');
    expect((await page('HEAD', path)).status).toBe(200);
    expect(await answerTables()).toEqual(before);

    // What a mail client sends for RFC 8058 one-click unsubscribe: no cookie, no CSRF token.
    const clicked = await page('POST', path, { 'List-Unsubscribe': 'One-Click' });
    expect(clicked.status).toBe(200);
    expectPageHeaders(clicked);
    expect(clicked.body).toContain('You will no longer receive e-mails from our campaigns.');
    const recorded = (await app.get(`/api/contacts/${contactId}`)).body;
    expect(recorded).toMatchObject({
      optedOut: true,
      optedOutAt: expect.any(String),
      optOutReason: expect.stringContaining('link'),
    });

    expect((await page('POST', path, { 'List-Unsubscribe': 'One-Click' })).status).toBe(200);
    expect((await app.get(`/api/contacts/${contactId}`)).body.optedOutAt).toBe(recorded.optedOutAt);
    expect((await page('GET', path)).body).toContain('You have already unsubscribed');

    // RFC 8058 allows multipart/form-data as well.
    const other = await contact(app, 'Drita Koçi', `drita.${serial}@example.al.test`);
    const form = new FormData();
    form.append('List-Unsubscribe', 'One-Click');
    const multipart = await fetch(app.baseUrl + linkPath(app, 'opt-out', other), {
      method: 'POST',
      headers: { 'x-forwarded-for': client },
      body: form,
    });
    expect(multipart.status).toBe(200);
    expect(await multipart.text()).toContain('Nuk do të merrni më e-maile nga fushatat tona.');
    expect((await app.get(`/api/contacts/${other}`)).body.optedOut).toBe(true);
  });

  it('limits each client to 60 page requests a minute, across the pages, with a page saying so', async () => {
    for (let i = 0; i < 60; i += 1) {
      expect((await page('GET', '/rsvp/not-a-token')).status).toBe(404);
    }
    const limited = await page('GET', '/rsvp/not-a-token');
    expect(limited.status).toBe(429);
    expectPageHeaders(limited);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.body).toContain('Too many requests');
    expect(limited.body).toContain('Shumë kërkesa');
    expect((await page('POST', '/unsubscribe/not-a-token')).status).toBe(429);

    client = '203.0.113.7';
    expect((await page('GET', '/rsvp/not-a-token')).status).toBe(404);
  });
});
