import { randomUUID } from 'node:crypto';
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
});
