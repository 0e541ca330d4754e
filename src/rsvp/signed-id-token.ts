import { createHmac, timingSafeEqual } from 'node:crypto';

const UUID_BYTES = 16;
const MAC_BYTES = 16;

/** What a link token is for; a token made for one purpose is refused for another. */
export type TokenPurpose =
  | 'rsvp'
  /** A contact's opt-out: the id is the contact's. */
  | 'opt-out'
  /** The opt-out of an address that is no contact (a walk-in's): the id is the message's. */
  | 'opt-out-address'
  | 'attendance';

/**
 * The token in an e-mail link (an invitation's RSVP page, a contact's opt-out):
 * the record's id and a 128-bit HMAC of it keyed with APP_SECRET. Nothing is
 * stored, so a copy of the database cannot produce a working link, and every
 * retry of an e-mail carries the same link.
 */
export function signId(purpose: TokenPurpose, id: string, appSecret: string): string {
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  return Buffer.concat([bytes, mac(purpose, bytes, appSecret)]).toString('base64url');
}

/** The id a token stands for, or null for anything forged, tampered or malformed. */
export function verifySignedId(
  purpose: TokenPurpose,
  token: string,
  appSecret: string,
): string | null {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== UUID_BYTES + MAC_BYTES || bytes.toString('base64url') !== token) return null;
  const id = bytes.subarray(0, UUID_BYTES);
  if (!timingSafeEqual(bytes.subarray(UUID_BYTES), mac(purpose, id, appSecret))) return null;
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(purpose: TokenPurpose, id: Buffer, appSecret: string): Buffer {
  return createHmac('sha256', appSecret)
    .update(`${purpose}:`)
    .update(id)
    .digest()
    .subarray(0, MAC_BYTES);
}
