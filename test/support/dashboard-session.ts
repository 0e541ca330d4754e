import type { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './test-app';

/** The cookies a browser would send back, from a response's Set-Cookie headers. */
function cookiesOf(response: Response, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((pair) => pair.split('=', 2) as [string, string]),
  );
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const [name, value] = pair.split(/=(.*)/s);
    if (value === '') jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The hidden CSRF field of the first form on a page. */
export function csrfIn(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
}

export interface DashboardResponse {
  status: number;
  text: string;
  location: string | null;
  headers: Headers;
}

/**
 * A dashboard session over plain HTTP, as a browser without JavaScript has
 * it: cookies kept between requests, forms posted with their CSRF token.
 */
export class DashboardSession {
  private constructor(
    private readonly app: TestApp,
    private cookies: string,
  ) {}

  /** A browser that has not signed in (yet): no cookies. */
  static anonymous(app: TestApp): DashboardSession {
    return new DashboardSession(app, '');
  }

  static async signIn(
    app: TestApp,
    email = ADMIN_EMAIL,
    password = ADMIN_PASSWORD,
  ): Promise<DashboardSession> {
    const session = DashboardSession.anonymous(app);
    const page = await session.get('/app/sign-in');
    const response = await session.post(
      '/app/sign-in',
      { email, password, next: '/app' },
      page.text,
    );
    if (response.status !== 303) throw new Error(`sign-in: ${response.status} ${response.text}`);
    return session;
  }

  /** The Cookie header this session sends: its session and CSRF cookies. */
  get cookieHeader(): string {
    return this.cookies;
  }

  async get(path: string): Promise<DashboardResponse> {
    return this.request(path, { method: 'GET' });
  }

  /** Posts a form the way its page would: with the CSRF token found in `pageHtml`. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    pageHtml: string,
  ): Promise<DashboardResponse> {
    const body = new URLSearchParams();
    body.append('_csrf', csrfIn(pageHtml));
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    }
    return this.request(path, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** Any request with the session's cookies, such as the queue dashboard's own API calls. */
  async request(path: string, init: RequestInit): Promise<DashboardResponse> {
    const response = await fetch(this.app.baseUrl + path, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookies },
    });
    this.cookies = cookiesOf(response, this.cookies);
    return {
      status: response.status,
      text: await response.text(),
      location: response.headers.get('location'),
      headers: response.headers,
    };
  }
}

/** Signs a browser page in through the sign-in form, as a person would. */
export async function signInInBrowser(
  page: Page,
  app: TestApp,
  email = ADMIN_EMAIL,
  password = ADMIN_PASSWORD,
): Promise<void> {
  await page.goto(`${app.baseUrl}/app/sign-in`);
  await page.getByLabel(/E-mail/).fill(email);
  await page.getByLabel(/Password|Fjalëkalimi/).fill(password);
  await page.getByRole('button', { name: /Sign in|Hyr/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/app/sign-in'));
}

/** A new user of the role, in English, signed in to the dashboard. */
export async function signInAs(
  app: TestApp,
  role: 'coordinator' | 'viewer',
): Promise<DashboardSession> {
  const email = `${role}.${Date.now()}@example.org`;
  const password = `${role}-password-long-enough`;
  const created = await app.post('/api/users', {
    email,
    name: role === 'viewer' ? 'Partner Reader' : 'Elira Dervishi',
    role,
    password,
    language: 'en',
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  return DashboardSession.signIn(app, email, password);
}

/** The value of a page's hidden field, as the form would send it back. */
export function hiddenField(html: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
}
