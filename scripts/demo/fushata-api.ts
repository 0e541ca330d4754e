import { DemoFailure, networkReason } from './demo-failure';

/** The bits of Fushata's error body worth showing: `message` names the field and the reason. */
interface ErrorBody {
  message?: string | string[];
}

/** Fushata's REST API as the demo's admin uses it: JSON in and out, with a bearer token. */
export class FushataApi {
  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Signs in with `POST /api/auth/login`; a refusal says which setting to look at. */
  static async signIn(baseUrl: string, email: string, password: string): Promise<FushataApi> {
    const response = await send(baseUrl, 'POST', '/api/auth/login', null, { email, password });
    if (response.status === 401) {
      throw new DemoFailure(
        `Fushata at ${baseUrl} refused ${email} with that password: ` +
          'set ADMIN_PASSWORD to the password it was started with.',
      );
    }
    if (response.status === 429) {
      throw new DemoFailure(
        `Fushata at ${baseUrl} counted too many sign-ins for ${email} from here ` +
          '(10 in 15 minutes, successful ones included): try again in a quarter of an hour.',
      );
    }
    const body = await expectStatus<{ token: string }>(response, 200, 'POST /api/auth/login');
    return new FushataApi(baseUrl, body.token);
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path, undefined, 200);
  }

  post<T>(path: string, body?: unknown, status = 201): Promise<T> {
    return this.call<T>('POST', path, body, status);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, body, 200);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, body, 200);
  }

  private async call<T>(method: string, path: string, body: unknown, status: number): Promise<T> {
    const response = await send(this.baseUrl, method, path, this.token, body);
    return expectStatus<T>(response, status, `${method} ${path}`);
  }
}

async function send(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body: unknown,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(new URL(path, baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new DemoFailure(
      `Fushata is not answering at ${baseUrl} (${networkReason(error)}): ` +
        'start it with `npm start` in another terminal, or set DEMO_URL to where it runs.',
    );
  }
}

async function expectStatus<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) {
    let reason = text.slice(0, 300);
    try {
      const { message } = JSON.parse(text) as ErrorBody;
      if (message) reason = Array.isArray(message) ? message.join('; ') : message;
    } catch {
      // Not JSON (a proxy's page): the start of the text says enough.
    }
    throw new DemoFailure(`${what} answered ${response.status}, not ${status}: ${reason}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
