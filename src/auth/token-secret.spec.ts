import { displayPrefix, generateToken, hashToken, looksLikeToken } from './token-secret';

describe('token secrets', () => {
  it('makes distinct 256-bit tokens that look like tokens', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).not.toBe(b);
    expect(looksLikeToken(a)).toBe(true);
    expect(Buffer.from(a.slice(4), 'base64url')).toHaveLength(32);
    expect(looksLikeToken('Bearer something')).toBe(false);
  });

  it('hashes with the app secret as key', () => {
    const token = generateToken();
    expect(hashToken(token, 'x'.repeat(32))).toHaveLength(64);
    expect(hashToken(token, 'x'.repeat(32))).not.toBe(hashToken(token, 'y'.repeat(32)));
    expect(displayPrefix(token)).toBe(token.slice(0, 10));
  });
});
