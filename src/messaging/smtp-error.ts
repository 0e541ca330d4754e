import { isPermanentResponseCode } from 'nodemailer/lib/errors';

export interface SmtpErrorClass {
  /** Retrying the same message would be refused the same way. */
  permanent: boolean;
  /** What to record on the message: the server's reply when there was one. */
  reply: string;
}

/**
 * Failures of our connection to the mail server, not of the message: the
 * server is down or busy, or our credentials or TLS settings are wrong. They
 * are worth retrying, and an operator's fix lets the retries through.
 */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EOAUTH2',
  'EPROXY',
]);

/** Nodemailer refused the message itself (an address it cannot parse, no recipient): it would again. */
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

interface SmtpErrorShape {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * Tells a failure worth retrying from a final one. An SMTP reply decides by
 * its class (RFC 5321: 5xx permanent, 4xx transient; nodemailer counts 503,
 * a session out of step, as transient). Connection trouble is temporary. An
 * error nobody recognises is temporary too: the retries run out and record it
 * in the end, while calling it permanent could drop a good message at once.
 */
export function classifySmtpError(error: unknown): SmtpErrorClass {
  const shape: SmtpErrorShape = error !== null && typeof error === 'object' ? error : {};
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const responseCode = typeof shape.responseCode === 'number' ? shape.responseCode : undefined;
  const reply = replyOf(shape, code, responseCode, error);

  if (code && CONNECTION_CODES.has(code)) return { permanent: false, reply };
  if (responseCode !== undefined)
    return { permanent: isPermanentResponseCode(responseCode), reply };
  if (code && MESSAGE_CODES.has(code)) return { permanent: true, reply };
  return { permanent: false, reply };
}

function replyOf(
  shape: SmtpErrorShape,
  code: string | undefined,
  responseCode: number | undefined,
  error: unknown,
): string {
  if (typeof shape.response === 'string' && shape.response.trim()) return shape.response.trim();
  const message = typeof shape.message === 'string' ? shape.message : String(error);
  if (responseCode !== undefined && !message.startsWith(String(responseCode))) {
    return `${responseCode} ${message}`;
  }
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
