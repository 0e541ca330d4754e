import { redactPath } from './redact-path';

describe('redactPath', () => {
  it('hides tokens in link paths and keeps the rest', () => {
    expect(redactPath('/rsvp/abc.def?x=1')).toBe('/rsvp/[redacted]?x=1');
    expect(redactPath('/unsubscribe/tok')).toBe('/unsubscribe/[redacted]');
    expect(redactPath('/attendance/tok?saved=1')).toBe('/attendance/[redacted]?saved=1');
    expect(redactPath('/api/contacts?q=korce')).toBe('/api/contacts?q=korce');
    expect(redactPath('/api/sessions/0b6f/attendance/corrections')).toBe(
      '/api/sessions/0b6f/attendance/corrections',
    );
  });
});
