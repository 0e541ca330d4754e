import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { REDIS } from '../src/redis/redis.module';
import { DashboardResponse, DashboardSession } from './support/dashboard-session';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

/**
 * The sign-in limits, on the real application and Redis: only failed
 * sign-ins count, per e-mail from one address and per address, through the
 * API and the dashboard alike, and every API process shares the count.
 */
describe('sign-in limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('with the default limits (10 failures per e-mail and address in 15 minutes)', () => {
    it('never refuses an office that signs in successfully again and again', async () => {
      const user = await createUser(app, 'shared-computer');
      const api: number[] = [];
      const dashboard: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++) {
        api.push((await apiLogin(app, user.email, user.password)).status);
        dashboard.push((await dashboardSignIn(app, user.email, user.password)).status);
      }
      expect(api).toEqual(Array(12).fill(200));
      expect(dashboard).toEqual(Array(12).fill(303));
    });

    it('refuses the API sign-in after ten failures, right password too, with 429, the minutes and Retry-After', async () => {
      const user = await createUser(app, 'guessed');
      expect(await failures(app, user.email, 10)).toEqual(Array(10).fill(401));

      const refused = await apiLogin(app, user.email, user.password);
      expect(refused.status).toBe(429);
      expect(refused.body.token).toBeUndefined();
      expect(refused.body.errors).toEqual([
        { field: 'email', reason: 'too many failed sign-ins; try again in 15 minutes' },
      ]);
      expect(refused.body.message).toBe('email: too many failed sign-ins; try again in 15 minutes');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);

      // The letter case of the e-mail buys no fresh attempts.
      expect((await apiLogin(app, user.email.toUpperCase(), user.password)).status).toBe(429);
    });

    it('keeps the dashboard form, e-mail filled in, and says the minutes in Albanian and English', async () => {
      const user = await createUser(app, 'locked-out');
      const session = DashboardSession.anonymous(app);
      let page = await session.get('/app/sign-in');
      for (let attempt = 0; attempt < 10; attempt++) {
        page = await postSignIn(session, page, user.email, `wrong guess ${attempt}`);
        expect(page.status).toBe(401);
      }

      const albanian = await postSignIn(session, page, user.email, user.password);
      expect(albanian.status).toBe(429);
      expect(Number(albanian.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(albanian.text).toContain('<form method="post" action="/app/sign-in">');
      expect(albanian.text).toContain(`value="${user.email}"`);
      expect(albanian.text).toContain(
        'Shumë përpjekje të dështuara për të hyrë. Ju lutemi prisni 15 minuta, pastaj hyni përsëri.',
      );
      expect(albanian.text).not.toMatch(/Diçka shkoi keq|nga ana jonë|on our side|went wrong/);
      expect(session.cookieHeader).not.toMatch(/fushata_session/);

      const english = await postSignIn(session, albanian, user.email, user.password, 'en');
      expect(english.status).toBe(429);
      expect(english.text).toContain(`value="${user.email}"`);
      expect(english.text).toContain(
        'Too many failed sign-ins. Please wait 15 minutes, then sign in again.',
      );
      expect(english.text).not.toMatch(/on our side|went wrong/);
    });

    it('lets the locked e-mail in again once the wait has passed', async () => {
      const user = await createUser(app, 'waited');
      await failures(app, user.email, 10);
      expect((await apiLogin(app, user.email, user.password)).status).toBe(429);

      // The wait passing, without waiting it: this prefix's counters run out now.
      const redis = app.app.get<Redis>(REDIS);
      const keys = await redis.keys(`${app.config.redisPrefix}:sign-in-failures:account:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) await redis.pexpire(key, 1);
      await new Promise((resolve) => setTimeout(resolve, 20));

      expect((await apiLogin(app, user.email, user.password)).status).toBe(200);
    });

    it('lets no more than ten guesses through when they all come at once', async () => {
      const user = await createUser(app, 'parallel');
      const statuses = await Promise.all(
        Array.from({ length: 25 }, (_, attempt) =>
          apiLogin(app, user.email, `wrong guess ${attempt}`).then((response) => response.status),
        ),
      );
      expect(statuses.filter((status) => status === 401)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    });

    it('forgets an e-mail’s failures when it signs in successfully', async () => {
      const user = await createUser(app, 'forgetful');
      expect(await failures(app, user.email, 9)).toEqual(Array(9).fill(401));
      expect((await apiLogin(app, user.email, user.password)).status).toBe(200);
      expect(await failures(app, user.email, 9)).toEqual(Array(9).fill(401));
      expect((await dashboardSignIn(app, user.email, user.password)).status).toBe(303);

      // Counting starts afresh from the success: the tenth failure after it locks.
      expect(await failures(app, user.email, 10)).toEqual(Array(10).fill(401));
      expect((await apiLogin(app, user.email, user.password)).status).toBe(429);
    });

    it('counts failures on the API and the dashboard together', async () => {
      const user = await createUser(app, 'two-doors');
      expect(await failures(app, user.email, 5)).toEqual(Array(5).fill(401));
      const session = DashboardSession.anonymous(app);
      let page = await session.get('/app/sign-in');
      for (let attempt = 0; attempt < 5; attempt++) {
        page = await postSignIn(session, page, user.email, `wrong guess ${attempt}`);
        expect(page.status).toBe(401);
      }
      expect((await apiLogin(app, user.email, user.password)).status).toBe(429);
      expect((await postSignIn(session, page, user.email, user.password)).status).toBe(429);
    });

    it('does not let one locked e-mail keep a colleague at the same address out', async () => {
      const locked = await createUser(app, 'locked');
      const colleague = await createUser(app, 'colleague');
      await failures(app, locked.email, 10);
      expect((await apiLogin(app, locked.email, locked.password)).status).toBe(429);
      expect((await apiLogin(app, colleague.email, colleague.password)).status).toBe(200);
      expect((await dashboardSignIn(app, colleague.email, colleague.password)).status).toBe(303);
    });
  });

  describe('per address', () => {
    let small: TestApp;

    beforeAll(async () => {
      small = await TestApp.start({
        SIGN_IN_FAILURES_PER_ACCOUNT: '3',
        SIGN_IN_FAILURES_PER_ADDRESS: '5',
      });
    });

    afterAll(async () => {
      await small?.close();
    });

    it('keeps accounts apart until the address as a whole reaches its limit', async () => {
      const ana = await createUser(small, 'ana');
      const besa = await createUser(small, 'besa');
      expect(await failures(small, ana.email, 2)).toEqual([401, 401]);
      expect(await failures(small, besa.email, 2)).toEqual([401, 401]);
      // Neither reached the per-account limit of 3, and a success does not clear the address's count.
      expect((await apiLogin(small, ana.email, ana.password)).status).toBe(200);
      expect((await apiLogin(small, besa.email, besa.password)).status).toBe(200);

      expect(await failures(small, 'nobody@example.org', 1)).toEqual([401]);
      const refused = await apiLogin(small, ana.email, ana.password);
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0]).toMatchObject({ field: 'email' });
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await dashboardSignIn(small, besa.email, besa.password)).status).toBe(429);
    });
  });

  describe('across API processes', () => {
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      // Two API processes of one deployment: one Redis prefix, no workers to share jobs.
      const shared = { REDIS_PREFIX: `fushata-test-shared-${randomBytes(6).toString('hex')}` };
      first = await TestApp.start({ ...shared, PROCESS_ROLE: 'api' });
      second = await TestApp.start({ ...shared, PROCESS_ROLE: 'api' });
    });

    afterAll(async () => {
      await first?.close();
      await second?.close();
    });

    it('shares one count, so spreading guesses over the processes buys nothing', async () => {
      expect(await failures(first, ADMIN_EMAIL, 5)).toEqual(Array(5).fill(401));
      expect(await failures(second, ADMIN_EMAIL, 5)).toEqual(Array(5).fill(401));
      expect((await apiLogin(first, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(429);
      expect((await apiLogin(second, ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(429);
    });
  });
});

/** A user the test knows the password of. */
async function createUser(app: TestApp, label: string) {
  const email = `${label}-${randomBytes(4).toString('hex')}@example.org`;
  const password = `${label} pass phrase ${randomBytes(4).toString('hex')}`;
  const created = await app.post('/api/users', { email, name: label, role: 'viewer', password });
  expect(created.status).toBe(201);
  return { email, password };
}

function apiLogin(app: TestApp, email: string, password: string) {
  return app.post('/api/auth/login', { email, password }, { token: null });
}

/** `count` API sign-ins with wrong passwords; their statuses. */
async function failures(app: TestApp, email: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < count; attempt++) {
    statuses.push((await apiLogin(app, email, `wrong guess ${attempt}`)).status);
  }
  return statuses;
}

/** Posts the sign-in form found on `page`, as a browser would. */
function postSignIn(
  session: DashboardSession,
  page: DashboardResponse,
  email: string,
  password: string,
  lang?: string,
): Promise<DashboardResponse> {
  const fields = { email, password, next: '/app', ...(lang ? { lang } : {}) };
  return session.post('/app/sign-in', fields, page.text);
}

/** One dashboard sign-in from a fresh browser. */
async function dashboardSignIn(app: TestApp, email: string, password: string) {
  const session = DashboardSession.anonymous(app);
  return postSignIn(session, await session.get('/app/sign-in'), email, password);
}
