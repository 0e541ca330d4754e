import type { CookieSerializeOptions } from '@fastify/cookie';
import { AppConfig } from '../config/app-config';

/** The dashboard session: a session token of the API's own kind, in a cookie scripts cannot read. */
export const SESSION_COOKIE = 'fushata_session';
/** The secret behind the forms' CSRF tokens, one per browser. */
export const CSRF_COOKIE = 'fushata_csrf';

/** Lax: a link from an e-mail to a dashboard page keeps the session; a cross-site form post does not. */
export function cookieOptions(config: AppConfig): CookieSerializeOptions {
  return {
    path: '/app',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.isProduction,
    signed: true,
  };
}
