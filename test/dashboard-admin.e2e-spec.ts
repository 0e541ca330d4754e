import { DashboardSession } from './support/dashboard-session';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';

const COORDINATOR = { email: 'koordinatori@example.org', password: 'coordinator-password-long' };

/**
 * The administration pages over plain HTTP: admins only (a coordinator is
 * refused every page, the queue dashboard included), users created, changed
 * and disabled through the users service, personal API tokens shown once
 * and revoked, and the health of PostgreSQL, Redis and the SMTP server.
 */
describe('the administration pages', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let admin: DashboardSession;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    await app.post('/api/users', { ...COORDINATOR, name: 'Koordinatori', role: 'coordinator' });
    admin = await DashboardSession.signIn(app);
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  it('refuses a coordinator every administration page and the queue dashboard', async () => {
    const coordinator = await DashboardSession.signIn(app, COORDINATOR.email, COORDINATOR.password);
    const campaigns = await coordinator.get('/app/directory');
    expect(campaigns.text).not.toContain('href="/app/admin"');
    for (const path of [
      '/app/admin',
      '/app/admin/users',
      '/app/admin/tokens',
      '/app/admin/queues',
      '/app/admin/queues/api/queues',
    ]) {
      const page = await coordinator.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 403 });
      expect(page.text).toContain('the coordinator role may not do this');
    }
    const before = await app.snapshot();
    const refused = await coordinator.post(
      '/app/admin/users',
      { email: 'x@example.org', name: 'X', role: 'admin', password: 'long enough password' },
      campaigns.text,
    );
    expect(refused.status).toBe(403);
    expect(await app.snapshot()).toEqual(before);
  });

  it('sends a visitor without a session from the queue dashboard to the sign-in page', async () => {
    for (const path of ['/app/admin/queues', '/app/admin/queues/api/queues']) {
      const response = await fetch(app.baseUrl + path, { redirect: 'manual' });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(
        `/app/sign-in?next=${encodeURIComponent(path)}`,
      );
    }
  });

  it('shows an admin the queue dashboard with every queue', async () => {
    const board = await admin.get('/app/admin/queues');
    expect(board.status).toBe(200);
    expect(board.text).toContain('<base href="/app/admin/queues/"');
    const queues = await admin.get('/app/admin/queues/api/queues');
    expect(queues.status).toBe(200);
    const names = (JSON.parse(queues.text) as { queues: Array<{ name: string }> }).queues.map(
      (queue) => queue.name,
    );
    expect(names.sort()).toEqual(['messages', 'workflow']);
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(board.text)?.[1];
    expect((await admin.get(`/app/admin/queues/${script}`)).status).toBe(200);
  });

  it("takes an admin's change to the queues only from the dashboard's own site", async () => {
    const pause = (origin: string | null) =>
      admin.request('/app/admin/queues/api/queues/messages/pause', {
        method: 'PUT',
        headers: origin ? { origin } : {},
      });
    const paused = async () => {
      const queues = JSON.parse((await admin.get('/app/admin/queues/api/queues')).text);
      return queues.queues.find((q: { name: string }) => q.name === 'messages').isPaused;
    };

    for (const origin of ['https://elbasan.example.org', null]) {
      const refused = await pause(origin);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('must come from the queue dashboard of this site');
    }
    expect(await paused()).toBe(false);

    expect((await pause(app.baseUrl)).status).toBe(200);
    expect(await paused()).toBe(true);
    const resumed = await admin.request('/app/admin/queues/api/queues/messages/resume', {
      method: 'PUT',
      headers: { referer: `${app.baseUrl}/app/admin/queues/` },
    });
    expect(resumed.status).toBe(200);
    expect(await paused()).toBe(false);
  });

  it('shows whether PostgreSQL, Redis and SMTP answer, and why not', async () => {
    const up = await admin.get('/app/admin');
    expect(up.status).toBe(200);
    expect(healthRows(up.text)).toEqual([
      expect.stringMatching(/^PostgreSQL \(baza e të dhënave\) \| në punë \| \d+ ms$/),
      expect.stringMatching(/^Redis \(radhët\) \| në punë \| \d+ ms$/),
      expect.stringMatching(/^SMTP \(e-maili dalës\) \| në punë \| \d+ ms$/),
    ]);

    const port = Number(new URL(sink.url).port);
    await sink.stop();
    try {
      const down = await admin.get('/app/admin');
      expect(down.status).toBe(200);
      expect(down.text).toContain('Një shërbim nuk përgjigjet');
      expect(healthRows(down.text)[2]).toMatch(
        new RegExp(`^SMTP \\(e-maili dalës\\) \\| jashtë pune \\| .*ECONNREFUSED.*${port}`),
      );
    } finally {
      sink = await SmtpSink.start({ port });
    }
  });

  it('creates a user who can then sign in, and shows a mistake beside its field', async () => {
    const page = await admin.get('/app/admin/users');
    expect(page.text).toContain('admin@example.org');
    const before = await app.snapshot();

    const weak = await admin.post(
      '/app/admin/users',
      { name: 'Drita Koçi', email: 'drita.koci@example.org', role: 'viewer', password: 'short' },
      page.text,
    );
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('id="password-error">must be 12 to 200 characters</p>');
    expect(weak.text).toContain('value="drita.koci@example.org"');
    expect(weak.text).not.toContain('value="short"');
    expect(await app.snapshot()).toEqual(before);

    const created = await admin.post(
      '/app/admin/users',
      {
        name: 'Drita Koçi',
        email: 'drita.koci@example.org',
        role: 'viewer',
        language: 'en',
        password: 'a long pass phrase 2017',
      },
      page.text,
    );
    expect(created.status).toBe(303);
    expect(created.location).toBe('/app/admin/users?notice=created');
    const list = await admin.get(created.location as string);
    expect(list.text).toContain('Përdoruesi u krijua.');
    expect(list.text).toContain('drita.koci@example.org');
    const drita = await DashboardSession.signIn(
      app,
      'drita.koci@example.org',
      'a long pass phrase 2017',
    );
    expect((await drita.get('/app/directory')).text).toContain('<html lang="en">');

    const taken = await admin.post(
      '/app/admin/users',
      {
        name: 'Drita',
        email: 'DRITA.KOCI@example.org',
        role: 'viewer',
        password: 'another long pass',
      },
      page.text,
    );
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('id="email-error">a user with this e-mail already exists</p>');
  });

  it("changes a user's role and language, and disables them", async () => {
    const users = await app.get('/api/users');
    const coordinator = users.body.find((user: any) => user.email === COORDINATOR.email);
    const edit = await admin.get(`/app/admin/users/${coordinator.id}`);
    expect(edit.text).toContain('<option value="coordinator" selected>');

    const saved = await admin.post(
      `/app/admin/users/${coordinator.id}`,
      { name: 'Koordinatori', role: 'viewer', language: 'en' },
      edit.text,
    );
    expect(saved.location).toBe('/app/admin/users?notice=saved');
    const changed = await app.get(`/api/users`);
    expect(changed.body.find((user: any) => user.id === coordinator.id)).toMatchObject({
      role: 'viewer',
      language: 'en',
      disabledAt: null,
    });

    await admin.post(
      `/app/admin/users/${coordinator.id}`,
      { name: 'Koordinatori', role: 'coordinator', language: 'en', disabled: 'true' },
      edit.text,
    );
    const signIn = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(COORDINATOR),
    });
    expect(signIn.status).toBe(401);
    await app.patch(`/api/users/${coordinator.id}`, { disabled: false });

    // The last way back in stays open: an admin cannot disable themselves.
    const me = await app.get('/api/users/me');
    const self = await admin.get(`/app/admin/users/${me.body.id}`);
    const refused = await admin.post(
      `/app/admin/users/${me.body.id}`,
      { name: me.body.name, role: 'admin', language: 'sq', disabled: 'true' },
      self.text,
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('id="disabled-error">you cannot demote or disable yourself</p>');
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    const page = await admin.get('/app/admin/tokens');
    const past = await admin.post(
      '/app/admin/tokens',
      { name: 'weekly export', expiresAt: '2017-11-22' },
      page.text,
    );
    expect(past.status).toBe(400);
    expect(past.text).toContain('id="expiresAt-error">must be in the future</p>');

    const created = await admin.post(
      '/app/admin/tokens',
      { name: 'weekly export', expiresAt: '2099-12-31' },
      page.text,
    );
    expect(created.status).toBe(201);
    const token = /id="token" class="admin-secret" type="text" value="([^"]+)"/.exec(
      created.text,
    )?.[1] as string;
    const asScript = await app.get('/api/users/me', { token });
    expect(asScript.status).toBe(200);
    expect(asScript.body.email).toBe('admin@example.org');

    const list = await admin.get('/app/admin/tokens');
    expect(list.text).toContain('weekly export');
    expect(list.text).toContain('31 dhjetor 2099');
    expect(list.text).not.toContain(token);

    const tokens = await app.get('/api/tokens');
    const { id } = tokens.body.find((t: any) => t.name === 'weekly export');
    const revoked = await admin.post(`/app/admin/tokens/${id}/revoke`, {}, list.text);
    expect(revoked.location).toBe('/app/admin/tokens?notice=revoked');
    expect((await app.get('/api/users/me', { token })).status).toBe(401);
    expect((await admin.get('/app/admin/tokens')).text).not.toContain('weekly export');
  });

  /** Service | status | detail, for each row of the health table. */
  function healthRows(html: string): string[] {
    const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)]
        .map((cell) => cell[1].replace(/<[^>]+>/g, '').trim())
        .join(' | '),
    );
  }
});
