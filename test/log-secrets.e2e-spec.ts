import { PassThrough } from 'node:stream';
import { csrfIn, DashboardSession } from './support/dashboard-session';
import { invitingCampaign, linkPath } from './support/invited-round';
import { pageRequest } from './support/page-request';
import { contact } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { attendancePath, staffedRound, staffMember } from './support/staffed-round';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';
import { queuedMessagesSettled } from './support/wait-for';

const APP_SECRET = 'log-secrets-test-app-secret-0123456789abcdef';
const SMTP_PASSWORD = 'smtp-relay-password-4e7b1c';

/**
 * Runs what people do — signing in, making an API token, scheduling a round
 * whose e-mails go through an SMTP relay that wants a password, answering
 * and opting out through the e-mails' links, opening the attendance sheet,
 * signing into the dashboard and posting a form — with the application
 * logging at its most verbose level into a stream the test reads, then looks
 * for every secret of the run in every line.
 */
describe('secrets in the logs', () => {
  let sink: SmtpSink;
  let app: TestApp;
  const lines: string[] = [];
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    sink = await SmtpSink.start();
    const logs = new PassThrough();
    let partial = '';
    logs.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      lines.push(...complete.filter(Boolean));
    });
    app = await TestApp.start(
      {
        SMTP_URL: `smtp://fushata:${SMTP_PASSWORD}@127.0.0.1:${sink.port}`,
        APP_SECRET,
        LOG_LEVEL: 'trace',
        TRUST_PROXY_HOPS: '1',
      },
      { logDestination: logs },
    );
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  const page = (method: string, path: string, form?: Record<string, string>) =>
    pageRequest(app.baseUrl, '198.51.100.7', method, path, form);
  const tokenIn = (path: string) => path.split('/').pop() as string;

  it('logs no password, secret, token, cookie or link token, at the most verbose level', async () => {
    secrets.set('ADMIN_PASSWORD', ADMIN_PASSWORD);
    secrets.set('APP_SECRET', APP_SECRET);
    secrets.set('SMTP password', SMTP_PASSWORD);
    secrets.set('admin session token (TestApp login)', app.adminToken);

    const mistyped = `${ADMIN_PASSWORD}-typo`;
    secrets.set('a mistyped password', mistyped);
    const refused = await app.post(
      '/api/auth/login',
      { email: ADMIN_EMAIL, password: mistyped },
      { token: null },
    );
    expect(refused.status).toBe(401);

    const created = await app.post('/api/tokens', { name: 'weekly export' });
    expect(created.status).toBe(201);
    secrets.set('API token', created.body.token);
    expect((await app.get('/api/users/me', { token: created.body.token })).status).toBe(200);

    const staffPassword = 'staff-password-long-enough';
    secrets.set('a new user’s password', staffPassword);
    const staffId = await staffMember(app, 'Drita Koçi', 'sq');
    const campaignId = await invitingCampaign(app);
    const arber = await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test');
    const besa = await contact(app, 'Besa Kola', 'besa.kola@example.al.test');
    const round = await staffedRound(app, campaignId, staffId, [arber, besa], 60 * 60_000);
    await queuedMessagesSettled(app);
    expect(sink.logins).toContainEqual({ username: 'fushata', password: SMTP_PASSWORD });

    const rsvp = linkPath(app, 'rsvp', round.invitationOf.get(arber) as string);
    const optOut = linkPath(app, 'opt-out', besa);
    const attendance = attendancePath(app, round.sessionId);
    secrets.set('RSVP token', tokenIn(rsvp));
    secrets.set('opt-out token', tokenIn(optOut));
    secrets.set('attendance token', tokenIn(attendance));
    expect((await page('GET', rsvp)).status).toBe(200);
    expect((await page('POST', rsvp, { answer: 'accept' })).status).toBe(303);
    expect((await page('GET', `${rsvp}?done=1`)).status).toBe(200);
    expect((await page('POST', optOut, { 'List-Unsubscribe': 'One-Click' })).status).toBe(200);
    expect((await page('GET', attendance)).status).toBe(200);
    await queuedMessagesSettled(app);

    const dashboard = await DashboardSession.signIn(app);
    const tokens = await dashboard.get('/app/admin/tokens');
    expect(tokens.status).toBe(200);
    secrets.set('CSRF token', csrfIn(tokens.text));
    const made = await dashboard.post('/app/admin/tokens', { name: 'nightly sync' }, tokens.text);
    expect(made.status).toBe(201);
    secrets.set(
      'API token made in the dashboard',
      /id="token" class="admin-secret" type="text" value="([^"]+)"/.exec(made.text)?.[1] ?? '',
    );
    for (const cookie of dashboard.cookieHeader.split('; ')) {
      const [name, value] = cookie.split(/=(.*)/s);
      secrets.set(`cookie ${name}`, decodeURIComponent(value));
      // A signed cookie is "value.signature"; either half alone is as good as the whole.
      for (const [index, part] of decodeURIComponent(value).split('.').entries()) {
        if (part.length >= 16) secrets.set(`cookie ${name}, part ${index + 1}`, part);
      }
    }
    expect(secrets.size).toBeGreaterThan(14);
    expect([...secrets].filter(([, value]) => !value).map(([name]) => name)).toEqual([]);

    // The lines are there: the pages' requests were logged, with their tokens taken out.
    await new Promise((resolve) => setImmediate(resolve));
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.req);
    const urls = requests.map((entry) => entry.req.url as string);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/rsvp/[redacted]',
        '/rsvp/[redacted]?done=1',
        '/unsubscribe/[redacted]',
        '/attendance/[redacted]',
        '/app/admin/tokens',
        '/api/auth/login',
      ]),
    );

    const leaks = [...secrets].flatMap(([name, value]) =>
      lines
        .filter((line) => line.includes(value) || line.includes(encodeURIComponent(value)))
        .map((line) => `${name} in: ${line.slice(0, 400)}`),
    );
    expect(leaks).toEqual([]);
  });
});
