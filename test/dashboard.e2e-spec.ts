import { DashboardSession, csrfIn } from './support/dashboard-session';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';

/** Signing in and out of the dashboard, its cookie and its CSRF protection. */
describe('the dashboard session', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(() => app.close());

  const visit = (path: string, init: RequestInit = {}) =>
    fetch(app.baseUrl + path, { redirect: 'manual', ...init });

  it('sends a visitor without a session to the sign-in page and back afterwards', async () => {
    const response = await visit('/app/campaigns?status=scheduled');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `/app/sign-in?next=${encodeURIComponent('/app/campaigns?status=scheduled')}`,
    );
    const page = await visit(response.headers.get('location') as string);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('name="next" value="/app/campaigns?status&#x3D;scheduled"');
    expect(html).toContain('<label for="email">');
  });

  it('sets an httpOnly, SameSite=Lax, signed session cookie and ends it on sign-out', async () => {
    const form = await visit('/app/sign-in');
    const csrfCookie = form.headers.getSetCookie()[0].split(';')[0];
    const body = new URLSearchParams({
      _csrf: csrfIn(await form.text()),
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      next: '/app/campaigns',
    });
    const signedIn = await visit('/app/sign-in', {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/app/campaigns');
    const [session] = signedIn.headers.getSetCookie();
    expect(session).toMatch(/^fushata_session=[^;]+\.[^;]+;/);
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\/app/);
    const cookie = `${csrfCookie}; ${session.split(';')[0]}`;

    // The cookie is no bearer token: the API still wants its own header.
    expect((await visit('/api/users/me', { headers: { cookie } })).status).toBe(401);

    const signedOut = await visit('/app/sign-out', { method: 'POST', headers: { cookie } });
    expect(signedOut.status).toBe(303);
    const after = await visit('/app/campaigns', { headers: { cookie } });
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/app\/sign-in/);
  });

  it('refuses a wrong password, and a form without its CSRF token', async () => {
    const session = await DashboardSession.signIn(app);
    const page = await session.get('/app/sign-in');
    const wrong = await session.post(
      '/app/sign-in',
      { email: ADMIN_EMAIL, password: 'not the password' },
      page.text,
    );
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain(
      'Wrong e-mail or password.'.replace('Wrong', 'E-mail ose') === ''
        ? ''
        : 'aria-invalid="true"',
    );
    const forged = await session.post('/app/language', { language: 'en' }, '');
    expect(forged.status).toBe(403);
    // Refused, not broken: nothing on the page blames the server.
    expect(forged.text).toContain('Nuk lejohet');
    expect(forged.text).not.toContain('nga ana jonë');
  });

  it('keeps the language a user picks, and only ever returns to a dashboard address', async () => {
    const session = await DashboardSession.signIn(app);
    const page = await session.get('/app/sign-in');
    const switched = await session.post(
      '/app/language',
      { language: 'en', returnTo: 'https://evil.example/phish' },
      page.text,
    );
    expect(switched.status).toBe(303);
    expect(switched.location).toBe('/app');
    const me = await app.get('/api/users/me');
    expect(me.body.language).toBe('en');
    await app.patch(`/api/users/${me.body.id}`, { language: 'sq' });
  });

  it('serves its one style sheet', async () => {
    const css = await visit('/app/assets/dashboard.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('leads from the site address to the dashboard, and from there to the sign-in', async () => {
    const root = await visit('/');
    expect(root.status).toBe(303);
    expect(root.headers.get('location')).toBe('/app');
    const dashboard = await visit('/app');
    expect(dashboard.headers.get('location')).toBe('/app/campaigns');
    const campaigns = await visit('/app/campaigns');
    expect(campaigns.headers.get('location')).toMatch(/^\/app\/sign-in\?next=/);
  });

  it('answers an unknown dashboard address with its own page, not the API’s JSON', async () => {
    const anonymous = await visit('/app/no-such-page');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(
      `/app/sign-in?next=${encodeURIComponent('/app/no-such-page')}`,
    );

    const session = await DashboardSession.signIn(app);
    for (const path of ['/app/no-such-page', '/app/campaigns/x/y/z']) {
      const page = await session.get(path);
      expect(page.status).toBe(404);
      expect(page.text).toMatch(/^<!DOCTYPE html>/);
      expect(page.text).toContain('<h1>Nuk u gjet</h1>');
      expect(page.text).toContain('Në këtë adresë nuk ka asnjë faqe.');
      expect(page.text).toContain('href="/app/campaigns"');
    }
  });

  it('serves its icon at /favicon.ico, linked from every page', async () => {
    const icon = await visit('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const signIn = await (await visit('/app/sign-in')).text();
    expect(signIn).toContain('<link rel="icon" href="/favicon.ico" type="image/svg+xml">');
  });
});
