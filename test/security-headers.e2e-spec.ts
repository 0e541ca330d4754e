import { invitedRound, invitingCampaign, linkPath } from './support/invited-round';
import { contact } from './support/round-fixture';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';

const EVIL_ORIGIN = 'https://evil.example';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

/**
 * What every answer carries against sniffing, framing, referrer leaks and
 * cross-origin reads (helmet, configured in app.factory.ts); what pages add;
 * HSTS only where the app is served over HTTPS; and no CORS: another
 * origin's page cannot read any answer.
 */
describe('security headers and CORS', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let rsvpPath: string;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ SMTP_URL: sink.url });
    const campaignId = await invitingCampaign(app);
    const arber = await contact(app, 'Arbër Hoxha', 'arber.hoxha@example.al.test');
    const round = await invitedRound(app, campaignId, [arber]);
    rsvpPath = linkPath(app, 'rsvp', round.invitationOf.get(arber) as string);
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  const fetchFrom = (path: string, init: RequestInit = {}) =>
    fetch(app.baseUrl + path, { redirect: 'manual', ...init });

  /** One of each kind of answer: API JSON, an API error, a public page, dashboard pages, an asset. */
  const answers = () => ({
    'API JSON': fetchFrom('/api/counties', {
      headers: { authorization: `Bearer ${app.adminToken}` },
    }),
    'API error': fetchFrom('/api/counties'),
    'RSVP page': fetchFrom(rsvpPath),
    'not-found page': fetchFrom('/rsvp/not-a-token'),
    'sign-in page': fetchFrom('/app/sign-in'),
    'dashboard redirect': fetchFrom('/app'),
    stylesheet: fetchFrom('/app/assets/dashboard.css'),
  });

  it('sends helmet’s headers on every kind of answer', async () => {
    for (const [what, pending] of Object.entries(answers())) {
      const headers = (await pending).headers;
      const seen = {
        what,
        nosniff: headers.get('x-content-type-options'),
        frameOptions: headers.get('x-frame-options'),
        frameAncestors: directives(headers.get('content-security-policy')).get('frame-ancestors'),
        referrer: headers.get('referrer-policy'),
        opener: headers.get('cross-origin-opener-policy'),
        resource: headers.get('cross-origin-resource-policy'),
        crossDomain: headers.get('x-permitted-cross-domain-policies'),
        poweredBy: headers.get('x-powered-by'),
      };
      expect(seen).toEqual({
        what,
        nosniff: 'nosniff',
        frameOptions: 'SAMEORIGIN',
        frameAncestors: ["'self'"],
        // The dashboard keeps its own origin in links between its pages; no page tells another origin.
        referrer: expect.stringMatching(/^(no-referrer|same-origin)$/),
        opener: 'same-origin',
        resource: 'same-origin',
        crossDomain: 'none',
        poweredBy: null,
      });
    }
  });

  it('gives pages a Content-Security-Policy that loads nothing from elsewhere and runs no inline script', async () => {
    for (const path of [rsvpPath, '/rsvp/not-a-token', '/app/sign-in']) {
      const response = await fetchFrom(path);
      expect(response.headers.get('content-type')).toContain('text/html');
      const csp = directives(response.headers.get('content-security-policy'));
      expect({ path, csp: Object.fromEntries(csp) }).toEqual({
        path,
        csp: expect.objectContaining({
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'self'"],
        }),
      });
    }
  });

  it('lets only Swagger UI run its inline start-up script', async () => {
    const docs = directives((await fetchFrom('/docs')).headers.get('content-security-policy'));
    expect(docs.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(docs.get('frame-ancestors')).toEqual(["'self'"]);
    const script = await fetchFrom('/app/assets/plan-live-count.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('sends HSTS only where the app is served over HTTPS', async () => {
    for (const [what, pending] of Object.entries(answers())) {
      expect({ what, hsts: (await pending).headers.get('strict-transport-security') }).toEqual({
        what,
        hsts: null,
      });
    }
    const secure = await TestApp.start({ APP_URL: 'https://fushata.example.org' });
    try {
      const page = await fetch(`${secure.baseUrl}/app/sign-in`);
      expect(page.headers.get('strict-transport-security')).toMatch(
        /^max-age=\d{8,}; includeSubDomains$/,
      );
    } finally {
      await secure.close();
    }
  });

  it('allows no other origin to read an answer: no CORS headers, preflights refused', async () => {
    const preflight = await fetchFrom('/api/contacts', {
      method: 'OPTIONS',
      headers: {
        origin: EVIL_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    const crossOrigin = [
      preflight,
      await fetchFrom('/api/counties', {
        headers: { origin: EVIL_ORIGIN, authorization: `Bearer ${app.adminToken}` },
      }),
      await fetchFrom('/api/auth/login', {
        method: 'POST',
        headers: { origin: EVIL_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.org', password: 'wrong password' }),
      }),
      await fetchFrom(rsvpPath, { headers: { origin: EVIL_ORIGIN } }),
    ];
    for (const response of crossOrigin) {
      const cors = [...response.headers.keys()].filter((name) =>
        name.startsWith('access-control-'),
      );
      expect(cors).toEqual([]);
    }
  });
});
