import fc from 'fast-check';
import crypto, { randomUUID } from 'node:crypto';
import { signId, verifySignedId } from './signed-id-token';

const SECRET = 's'.repeat(32);

describe('signed id tokens', () => {
  it('round-trip the id and are the same every time', () => {
    const id = randomUUID();
    const token = signId('rsvp', id, SECRET);
    expect(token).toBe(signId('rsvp', id, SECRET));
    expect(verifySignedId('rsvp', token, SECRET)).toBe(id);
  });

  it('refuse another secret, another purpose, a tampered token and garbage', () => {
    const id = randomUUID();
    const token = signId('rsvp', id, SECRET);
    expect(verifySignedId('rsvp', signId('rsvp', id, 'x'.repeat(32)), SECRET)).toBeNull();
    expect(verifySignedId('opt-out', token, SECRET)).toBeNull();
    const tampered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    expect(verifySignedId('rsvp', tampered, SECRET)).toBeNull();
    expect(verifySignedId('rsvp', 'not-a-token', SECRET)).toBeNull();
    expect(verifySignedId('rsvp', '', SECRET)).toBeNull();
  });

  it('compares the signature with timingSafeEqual, so the time taken says nothing of how much of it was right', () => {
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      const id = randomUUID();
      const bytes = Buffer.from(signId('rsvp', id, SECRET), 'base64url');
      const wrong = Buffer.from(bytes);
      wrong[31] ^= 0x80;
      expect(verifySignedId('rsvp', wrong.toString('base64url'), SECRET)).toBeNull();
      expect(verifySignedId('rsvp', bytes.toString('base64url'), SECRET)).toBe(id);
      // The signature given and the one expected, all 16 bytes each, once per token.
      expect(compare.mock.calls).toEqual([
        [wrong.subarray(16), bytes.subarray(16)],
        [bytes.subarray(16), bytes.subarray(16)],
      ]);
    } finally {
      compare.mockRestore();
    }
  });

  it('refuses every token with any bit of its id or signature changed', () => {
    const id = randomUUID();
    const bytes = Buffer.from(signId('rsvp', id, SECRET), 'base64url');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 7 }), (index, bit) => {
        const changed = Buffer.from(bytes);
        changed[index] ^= 1 << bit;
        expect(verifySignedId('rsvp', changed.toString('base64url'), SECRET)).toBeNull();
      }),
      { numRuns: 256 },
    );
  });
});
