import * as argon2 from 'argon2';

export const MIN_PASSWORD_LENGTH = 12;

/** argon2id with the library's defaults (64 MiB, 3 passes): memory-hard, as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** Why a password is too weak, or null when it will do. */
export function passwordWeakness(password: string | undefined): string | null {
  if (!password) return 'is not set';
  if (password.length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (new Set(password).size < 5) return 'must not repeat the same few characters';
  return null;
}
