import { randomBytes, randomUUID } from 'node:crypto';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

/** Routes anyone may call; every other /api route must demand a token. */
const PUBLIC_API_ROUTES = new Set(['POST /api/auth/login']);

describe('authentication and access control', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app?.close();
  });

  /** A user the test knows the password of, unlike the ones TestApp.tokenFor creates. */
  async function createUser(role: 'admin' | 'coordinator' | 'viewer', label: string = role) {
    const email = `${label}-${randomBytes(4).toString('hex')}@example.org`;
    const password = `${label} pass phrase ${randomBytes(4).toString('hex')}`;
    const created = await app.post('/api/users', { email, name: label, role, password });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, email, password };
  }

  function login(email: string, password: string) {
    return app.post('/api/auth/login', { email, password }, { token: null });
  }

  describe('login', () => {
    it('returns a token, its expiry and the user, without the password hash', async () => {
      const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body.token).toMatch(/^fsh_[A-Za-z0-9_-]{43}$/);
      expect(new Date(response.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect(response.body.user).toMatchObject({ email: ADMIN_EMAIL, role: 'admin' });
      const text = JSON.stringify(response.body);
      expect(text).not.toMatch(/passwordHash|password_hash|\$argon2/);

      const me = await app.get('/api/users/me', { token: response.body.token });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(ADMIN_EMAIL);
    });

    it('gives the same 401 for a wrong password and an unknown e-mail', async () => {
      const wrongPassword = await login(ADMIN_EMAIL, 'not the admin password');
      const unknownEmail = await login('nobody-here@example.org', ADMIN_PASSWORD);
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      // Any difference would tell a guesser which e-mail addresses have accounts.
      expect({ ...wrongPassword.body, requestId: undefined }).toEqual({
        ...unknownEmail.body,
        requestId: undefined,
      });
      expect(wrongPassword.body.message).not.toMatch(/password is|no user|not found|unknown/i);
    });

    it('accepts the e-mail in any letter case', async () => {
      const response = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
      expect(response.status).toBe(200);
      expect(response.body.user.email).toBe(ADMIN_EMAIL);
    });
  });

  describe('bearer tokens', () => {
    it('refuses every /api route without a token', async () => {
      const document = await app.get('/docs-json', { token: null });
      expect(document.status).toBe(200);
      const routes: string[] = [];
      for (const [path, operations] of Object.entries<Record<string, unknown>>(
        document.body.paths,
      )) {
        if (!path.startsWith('/api/')) continue;
        for (const method of Object.keys(operations)) {
          const route = `${method.toUpperCase()} ${path}`;
          if (!PUBLIC_API_ROUTES.has(route)) routes.push(route);
        }
      }
      // Guards against the loop below passing because the document lost its routes.
      expect(routes).toEqual(
        expect.arrayContaining([
          'GET /api/counties',
          'GET /api/institutions',
          'POST /api/institutions',
          'GET /api/users',
          'POST /api/users',
          'GET /api/tokens',
          'POST /api/tokens',
          'DELETE /api/tokens/{id}',
        ]),
      );

      const refused: string[] = [];
      for (const route of routes) {
        const [method, template] = route.split(' ');
        const path = template.replace(/\{[^}]+\}/g, randomUUID());
        const response = await app.request(method, path, {
          token: null,
          body: ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined,
        });
        refused.push(`${route} → ${response.status}`);
      }
      expect(refused).toEqual(routes.map((route) => `${route} → 401`));
    });

    it.each([
      ['a random well-formed token', () => `fsh_${randomBytes(32).toString('base64url')}`],
      ['a token that is too short', () => 'fsh_abc'],
      ['something that is not a token', () => 'not-a-token'],
      ['a real token with one character changed', () => flipLastCharacter(app.adminToken)],
    ])('refuses %s with 401', async (_label, makeToken) => {
      const response = await app.get('/api/counties', { token: makeToken() });
      expect(response.status).toBe(401);
    });

    it('refuses a real token sent with another scheme', async () => {
      const response = await app.get('/api/counties', {
        token: null,
        headers: { authorization: `Basic ${app.adminToken}` },
      });
      expect(response.status).toBe(401);
    });
  });

  describe('personal API tokens', () => {
    it('shows the token once, lists it without the secret, and stops it on revoke', async () => {
      const created = await app.post('/api/tokens', { name: 'weekly export script' });
      expect(created.status).toBe(201);
      const { id, token } = created.body;
      expect(token).toMatch(/^fsh_[A-Za-z0-9_-]{43}$/);
      expect(created.body).toMatchObject({ name: 'weekly export script', expiresAt: null });
      expect(token.startsWith(created.body.prefix)).toBe(true);

      const list = await app.get('/api/tokens');
      expect(list.status).toBe(200);
      const listed = list.body.find((t: { id: string }) => t.id === id);
      expect(listed).toMatchObject({ name: 'weekly export script', prefix: created.body.prefix });
      expect(listed.token).toBeUndefined();
      expect(JSON.stringify(list.body)).not.toContain(token);
      expect(JSON.stringify(list.body)).not.toMatch(/secretHash|secret_hash/);

      const me = await app.get('/api/users/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(ADMIN_EMAIL);

      const revoked = await app.delete(`/api/tokens/${id}`);
      expect(revoked.status).toBe(204);
      expect((await app.get('/api/users/me', { token })).status).toBe(401);
      const after = await app.get('/api/tokens');
      expect(after.body.map((t: { id: string }) => t.id)).not.toContain(id);
      // Revoking twice is a 404, not a silent success that hides a typo in the id.
      expect((await app.delete(`/api/tokens/${id}`)).status).toBe(404);
    });

    it('does not let one user revoke another user’s token', async () => {
      const viewerToken = await app.tokenFor('viewer');
      const created = await app.post(
        '/api/tokens',
        { name: 'viewer script' },
        {
          token: viewerToken,
        },
      );
      expect(created.status).toBe(201);

      const byAdmin = await app.delete(`/api/tokens/${created.body.id}`);
      expect(byAdmin.status).toBe(404);
      expect((await app.get('/api/counties', { token: created.body.token })).status).toBe(200);
      const adminList = await app.get('/api/tokens');
      expect(adminList.body.map((t: { id: string }) => t.id)).not.toContain(created.body.id);
    });

    it('refuses an expiry in the past with 400 naming expiresAt', async () => {
      const response = await app.post('/api/tokens', {
        name: 'already expired',
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'expiresAt' })]),
      );
    });

    it('stops accepting a token once its expiry has passed', async () => {
      const expiresAt = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      const created = await app.post('/api/tokens', { name: 'short-lived', expiresAt });
      expect(created.status).toBe(201);
      expect(new Date(created.body.expiresAt).toISOString()).toBe(expiresAt);
      const { token } = created.body;
      expect((await app.get('/api/counties', { token })).status).toBe(200);

      // Waiting an hour is not an option; moving the expiry into the past is the same state.
      await app.orm.em
        .getConnection()
        .execute(`update api_token set expires_at = now() - interval '1 second' where id = ?`, [
          created.body.id,
        ]);
      expect((await app.get('/api/counties', { token })).status).toBe(401);
    });

    it('keeps no plaintext token in the database', async () => {
      const created = await app.post('/api/tokens', { name: 'plaintext check' });
      expect(created.status).toBe(201);
      const rows = await app.orm.em.getConnection().execute('select * from api_token');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const dump = JSON.stringify(rows);
      for (const token of [created.body.token, app.adminToken]) {
        expect(dump).not.toContain(token);
        // The random part alone must not be there either, in case the prefix is stored apart.
        expect(dump).not.toContain(token.slice(4));
        expect(dump).not.toContain(token.slice(10));
      }
    });
  });

  describe('roles', () => {
    let viewerToken: string;
    let coordinatorToken: string;

    beforeAll(async () => {
      viewerToken = await app.tokenFor('viewer');
      coordinatorToken = await app.tokenFor('coordinator');
    });

    const institution = () => ({
      name: `Prefektura ${randomBytes(3).toString('hex')}`,
      kind: 'prefecture',
    });

    it('lets a viewer read but not write', async () => {
      expect((await app.get('/api/institutions', { token: viewerToken })).status).toBe(200);
      const before = await app.snapshot();
      const write = await app.post('/api/institutions', institution(), { token: viewerToken });
      expect(write.status).toBe(403);
      const createUserAttempt = await app.post(
        '/api/users',
        {
          email: 'by-viewer@example.org',
          name: 'x',
          role: 'admin',
          password: 'viewer made me admin',
        },
        { token: viewerToken },
      );
      expect(createUserAttempt.status).toBe(403);
      expect(await app.snapshot()).toEqual(before);
    });

    it('keeps a viewer’s personal token read-only', async () => {
      const created = await app.post(
        '/api/tokens',
        { name: 'viewer export' },
        {
          token: viewerToken,
        },
      );
      expect(created.status).toBe(201);
      const token = created.body.token;
      expect((await app.get('/api/institutions', { token })).status).toBe(200);
      expect((await app.post('/api/institutions', institution(), { token })).status).toBe(403);
    });

    it('lets a coordinator write to the directory but not manage users', async () => {
      const write = await app.post('/api/institutions', institution(), {
        token: coordinatorToken,
      });
      expect(write.status).toBe(201);
      expect((await app.get('/api/users', { token: coordinatorToken })).status).toBe(403);
      const createUserAttempt = await app.post(
        '/api/users',
        {
          email: 'by-coordinator@example.org',
          name: 'x',
          role: 'admin',
          password: 'coordinator made me',
        },
        { token: coordinatorToken },
      );
      expect(createUserAttempt.status).toBe(403);
      const users = await app.get('/api/users');
      expect(users.body.map((u: { email: string }) => u.email)).not.toContain(
        'by-coordinator@example.org',
      );
    });
  });

  describe('user management', () => {
    it('lets an admin create a user who can then sign in', async () => {
      const email = `drita-${randomBytes(4).toString('hex')}@example.org`;
      const created = await app.post('/api/users', {
        email,
        name: 'Drita Koçi',
        role: 'coordinator',
        password: 'a long enough pass phrase',
        language: 'en',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email,
        name: 'Drita Koçi',
        role: 'coordinator',
        language: 'en',
        disabledAt: null,
      });
      expect(JSON.stringify(created.body)).not.toMatch(/passwordHash|\$argon2/);

      const signedIn = await login(email, 'a long enough pass phrase');
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.role).toBe('coordinator');
    });

    it('refuses a second user with the same e-mail in another letter case with 409', async () => {
      const { email } = await createUser('viewer', 'duplicate');
      const before = await app.snapshot();
      const again = await app.post('/api/users', {
        email: email.toUpperCase(),
        name: 'Duplicate',
        role: 'viewer',
        password: 'another long pass phrase',
      });
      expect(again.status).toBe(409);
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
      expect(await app.snapshot()).toEqual(before);
    });

    it.each([
      ['too short', 'short'],
      ['long but repetitive', 'abababababababab'],
    ])('refuses a %s password, naming the password field', async (_label, password) => {
      const response = await app.post('/api/users', {
        email: `weak-${randomBytes(4).toString('hex')}@example.org`,
        name: 'Weak',
        role: 'viewer',
        password,
      });
      expect([400, 422]).toContain(response.status);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    });

    it('cuts off a disabled user’s existing tokens and sign-in', async () => {
      const user = await createUser('coordinator', 'leaver');
      const session = (await login(user.email, user.password)).body.token;
      const personal = await app.post('/api/tokens', { name: 'leaver script' }, { token: session });
      expect(personal.status).toBe(201);
      expect((await app.get('/api/counties', { token: session })).status).toBe(200);

      const disabled = await app.patch(`/api/users/${user.id}`, { disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabledAt).not.toBeNull();

      expect((await app.get('/api/counties', { token: session })).status).toBe(401);
      expect((await app.get('/api/counties', { token: personal.body.token })).status).toBe(401);
      expect((await login(user.email, user.password)).status).toBe(401);

      const enabled = await app.patch(`/api/users/${user.id}`, { disabled: false });
      expect(enabled.body.disabledAt).toBeNull();
      expect((await app.get('/api/counties', { token: session })).status).toBe(401);
      expect((await app.get('/api/counties', { token: personal.body.token })).status).toBe(401);
      expect((await login(user.email, user.password)).status).toBe(200);
    });

    it('does not let an admin disable or demote themself', async () => {
      const me = await app.get('/api/users/me');
      const disable = await app.patch(`/api/users/${me.body.id}`, { disabled: true });
      expect(disable.status).toBe(422);
      const demote = await app.patch(`/api/users/${me.body.id}`, { role: 'viewer' });
      expect(demote.status).toBe(422);

      const after = await app.get('/api/users/me');
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ role: 'admin', disabledAt: null });
    });

    it('lets an admin demote and disable another admin', async () => {
      const other = await createUser('admin', 'second-admin');
      const demoted = await app.patch(`/api/users/${other.id}`, { role: 'viewer', disabled: true });
      expect(demoted.status).toBe(200);
      expect(demoted.body).toMatchObject({ role: 'viewer' });
      expect(demoted.body.disabledAt).not.toBeNull();
    });
  });

  describe('login rate limiting', () => {
    it('answers 429 after ten failed attempts for one e-mail from one client, right password or not', async () => {
      const user = await createUser('viewer', 'throttled');
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 10; attempt++) {
        // Alternating the letter case checks that it does not buy an attacker fresh attempts.
        const email = attempt % 2 ? user.email.toUpperCase() : user.email;
        statuses.push((await login(email, `wrong guess ${attempt}`)).status);
      }
      expect(statuses).toEqual(Array(10).fill(401));

      const eleventh = await login(user.email, user.password);
      expect(eleventh.status).toBe(429);
      expect(eleventh.body.token).toBeUndefined();
    });

    it('keeps counting per e-mail, so other people behind the same address can still sign in', async () => {
      const neighbour = await createUser('viewer', 'neighbour');
      const response = await login(neighbour.email, neighbour.password);
      expect(response.status).toBe(200);
    });
  });
});

function flipLastCharacter(token: string): string {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return token.slice(0, -1) + last;
}
