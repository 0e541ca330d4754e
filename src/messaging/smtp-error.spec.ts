import { classifySmtpError } from './smtp-error';

/** Shaped like the errors nodemailer rejects a send with. */
function smtpError(
  fields: { code?: string; responseCode?: number; response?: string },
  message = 'failed',
) {
  return Object.assign(new Error(message), fields);
}

describe('classifySmtpError', () => {
  it.each([
    [550, '550 5.1.1 <x@example.org>: Recipient address rejected: User unknown'],
    [552, '552 5.3.4 Message size exceeds fixed limit'],
    [554, '554 5.7.1 Message rejected as spam'],
  ])('treats an SMTP %i as permanent and keeps the reply', (responseCode, response) => {
    const error = smtpError({ code: 'EENVELOPE', responseCode, response });
    expect(classifySmtpError(error)).toEqual({ permanent: true, reply: response });
  });

  it.each([
    [421, 'EMESSAGE', '421 4.3.2 Service shutting down'],
    [450, 'EENVELOPE', '450 4.2.1 Mailbox busy'],
    [451, 'EMESSAGE', '451 4.3.0 Local error in processing, try again later'],
    [452, 'EENVELOPE', '452 4.5.3 Too many recipients'],
  ])('treats an SMTP %i (%s) as temporary', (responseCode, code, response) => {
    const error = smtpError({ code, responseCode, response });
    expect(classifySmtpError(error)).toEqual({ permanent: false, reply: response });
  });

  it('treats a 503 as temporary: the session was out of step, not the message refused', () => {
    const error = smtpError({
      code: 'EPROTOCOL',
      responseCode: 503,
      response: '503 5.5.1 Bad sequence',
    });
    expect(classifySmtpError(error).permanent).toBe(false);
  });

  it.each(['ECONNECTION', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKET', 'EDNS'])(
    'treats the connection error %s as temporary',
    (code) => {
      const result = classifySmtpError(smtpError({ code }, 'Connection closed unexpectedly'));
      expect(result).toEqual({
        permanent: false,
        reply: `${code}: Connection closed unexpectedly`,
      });
    },
  );

  it('treats refused credentials as temporary: the fault is ours, not the message', () => {
    const error = smtpError({
      code: 'EAUTH',
      responseCode: 535,
      response: '535 5.7.8 Authentication failed',
    });
    expect(classifySmtpError(error)).toEqual({
      permanent: false,
      reply: '535 5.7.8 Authentication failed',
    });
  });

  it('treats a message nodemailer itself refuses, with no reply, as permanent', () => {
    const result = classifySmtpError(smtpError({ code: 'EENVELOPE' }, 'No recipients defined'));
    expect(result).toEqual({ permanent: true, reply: 'EENVELOPE: No recipients defined' });
  });

  it('treats an unknown error as temporary and still says what it was', () => {
    expect(classifySmtpError(new Error('something odd'))).toEqual({
      permanent: false,
      reply: 'something odd',
    });
    expect(classifySmtpError('a string')).toEqual({ permanent: false, reply: 'a string' });
  });

  it('puts the code in front of a reply that lacks one', () => {
    const error = smtpError({ code: 'EMESSAGE', responseCode: 550 }, 'Message rejected');
    expect(classifySmtpError(error)).toEqual({ permanent: true, reply: '550 Message rejected' });
  });
});
