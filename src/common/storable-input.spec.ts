import { findUnstorableField, MAX_INPUT_DEPTH, unstorableTextReason } from './storable-input';

describe('storable input', () => {
  it('refuses NUL and lone surrogates, keeps every other text', () => {
    expect(unstorableTextReason('Arbër\u0000Hoxha')).toContain('NUL');
    expect(unstorableTextReason('x\ud800')).toContain('surrogate');
    expect(unstorableTextReason('\udc00x')).toContain('surrogate');
    for (const fine of ['', 'Arbër Hoxha', '😀👩‍👩‍👧‍👦', '\u0001\r\n\t', '\uFEFF\u202E']) {
      expect(unstorableTextReason(fine)).toBeNull();
    }
  });

  it('names the first field at fault as the validation errors do', () => {
    expect(
      findUnstorableField({ name: 'ok', audience: { contactIds: ['a', 'b\u0000'] } }, ''),
    ).toEqual({
      field: 'audience.contactIds[1]',
      reason: expect.stringContaining('NUL'),
    });
    expect(findUnstorableField({ name: 'ok', items: [{ n: 1 }] }, '')).toBeNull();
  });

  it('refuses nesting deeper than the limit without overflowing its own stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findUnstorableField({ a: deep }, '')?.reason).toContain(`${MAX_INPUT_DEPTH} levels`);
    let shallow: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i += 1) shallow = { a: shallow };
    expect(findUnstorableField(shallow, '')).toBeNull();
  });
});
