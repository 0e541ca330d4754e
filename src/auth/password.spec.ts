import { hashPassword, passwordWeakness, verifyPassword } from './password';

describe('password', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'correct horse batterY')).resolves.toBe(false);
  });

  it('treats a malformed hash as a wrong password', async () => {
    await expect(verifyPassword('not-a-hash', 'anything')).resolves.toBe(false);
  });

  it.each([
    [undefined, 'is not set'],
    ['short', 'must be at least 12 characters'],
    ['aaaaaaaaaaaaaaaa', 'must not repeat the same few characters'],
    ['Elbasan-2017-Nov', null],
  ])('judges %p as %p', (password, weakness) => {
    expect(passwordWeakness(password)).toBe(weakness);
  });
});
