/** A public page's answer as a browser without JavaScript gets it: redirects not followed. */
export interface PageResponse {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * A request to a public page from one client address (the test app trusts
 * one proxy hop, so each test can have a rate limit of its own), with an
 * optional form posted as a browser posts it.
 */
export async function pageRequest(
  baseUrl: string,
  client: string,
  method: string,
  path: string,
  form?: Record<string, string>,
): Promise<PageResponse> {
  const response = await fetch(baseUrl + path, {
    method,
    redirect: 'manual',
    headers: {
      'x-forwarded-for': client,
      ...(form && { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    body: form && new URLSearchParams(form).toString(),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
