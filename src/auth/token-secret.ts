import { createHmac, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'fsh_';

/** A new bearer token: 256 random bits, recognisable by its prefix in secret scanners. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of the token: an HMAC keyed with APP_SECRET, so a
 * leaked database dump cannot be turned back into working tokens.
 */
export function hashToken(token: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(token).digest('hex');
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length === TOKEN_PREFIX.length + 43;
}

export function displayPrefix(token: string): string {
  return token.slice(0, 10);
}
