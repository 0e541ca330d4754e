import { AddressObject, Attachment, ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';

export interface MailboxAddress {
  name: string;
  address: string;
}

/** One message the sink accepted, parsed as a mail client would see it. */
export interface ReceivedMail {
  /** What the client said in MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  from: MailboxAddress | undefined;
  to: MailboxAddress[];
  replyTo: MailboxAddress[];
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, angle brackets included. */
  messageId: string | undefined;
  /** Parsed header values by lower-case name (mailparser gathers List-* under `list`). */
  headers: ParsedMail['headers'];
  /** Each header's value as sent (unfolded, not decoded), by lower-case name. */
  rawHeaders: Map<string, string>;
  attachments: Attachment[];
  /** The text/calendar part (an invitation's METHOD:REQUEST or a CANCEL), decoded. */
  calendar: string | undefined;
  raw: Buffer;
  /** When the server had the whole message (ms since the epoch), before its 250. */
  receivedAt: number;
}

/** An answer the sink gave instead of accepting. */
export interface Rejection {
  stage: 'rcpt' | 'data';
  recipients: string[];
  code: number;
  message: string;
  /** When the server gave this answer (ms since the epoch). */
  at: number;
}

export interface SmtpSinkOptions {
  /** Listen on this port (to come back where a stopped sink was); a free one by default. */
  port?: number;
  /** Parse each message (default). A benchmark turns it off and counts `received` only. */
  parse?: boolean;
}

interface Waiter {
  count: number;
  resolve: (messages: ReceivedMail[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * A real SMTP server on 127.0.0.1 for tests: it accepts mail (no TLS, no
 * login needed, any login taken), parses each message with mailparser, and can be told to
 * answer 421, 451 or 550 instead. A message counts as received once it is
 * parsed, before the client hears 250, so a resolved send is already here.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  readonly rejections: Rejection[] = [];
  /** The user names and passwords clients logged in with. */
  readonly logins: Array<{ username: string; password: string }> = [];
  /** Accepted messages, parsed or not. */
  received = 0;
  /** When each accepted message was accepted (Date.now(), just before the 250), in order. */
  readonly acceptedAt: number[] = [];

  private readonly failures: Array<{ code: number; message: string }> = [];
  private readonly failingAddresses = new Map<string, { code: number; message: string }>();
  private readonly slowAddresses = new Map<string, number>();
  /** Recipients whose RCPT TO is being held (see slowFor): an e-mail to them is on the wire. */
  readonly held = new Set<string>();
  private waiters: Waiter[] = [];

  private readonly server: SMTPServer;
  private listeningOn = 0;

  private constructor(private readonly parse: boolean) {
    this.server = new SMTPServer({
      authOptional: true,
      // A client configured with a user and password logs in; any login is accepted, and kept.
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => {
        this.logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
        callback(null, { user: auth.username });
      },
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      // stop() should not wait half a minute for a pooled connection a test left open.
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => this.onRcptTo(address, callback),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const receivedAt = Date.now();
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          };
          this.onMessage(Buffer.concat(chunks), envelope, receivedAt).then(
            (reply) => callback(null, reply),
            (error: Error) => callback(error),
          );
        });
      },
    });
  }

  static async start(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(options.parse ?? true);
    await new Promise<void>((resolve, reject) => {
      sink.server.once('error', reject);
      sink.server.listen(options.port ?? 0, '127.0.0.1', () => {
        sink.server.removeListener('error', reject);
        resolve();
      });
    });
    sink.listeningOn = (sink.server.server.address() as AddressInfo).port;
    // A client dropping its connection is normal in these tests, not a reason to crash.
    sink.server.on('error', () => undefined);
    return sink;
  }

  get port(): number {
    return this.listeningOn;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once `count` messages have arrived in all; rejects after `timeoutMs` saying how many did. */
  waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    if (this.received >= count) return Promise.resolve(this.messages.slice());
    return new Promise<ReceivedMail[]>((resolve, reject) => {
      const waiter: Waiter = {
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(
            new Error(
              `SmtpSink: waited ${timeoutMs} ms for ${count} message(s), ${this.received} arrived` +
                (this.messages.length
                  ? `: ${this.messages.map((m) => `"${m.subject}" to ${m.envelope.to.join(', ')}`).join('; ')}`
                  : ''),
            ),
          );
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** The next `count` messages are refused after their content, with this reply (421 also drops the connection). */
  failNext(count: number, code: number, message = 'Try again later'): void {
    for (let i = 0; i < count; i++) this.failures.push({ code, message });
  }

  /** Every recipient `address` is refused at RCPT TO with this reply, until reset(). */
  failFor(address: string, code: number, message = 'Mailbox unavailable'): void {
    this.failingAddresses.set(address.toLowerCase(), { code, message });
  }

  /** `address` is accepted again after failFor. */
  acceptAgain(address: string): void {
    this.failingAddresses.delete(address.toLowerCase());
  }

  /** Forgets messages, acceptance times, rejections and planned failures; pending waits are rejected. */
  reset(): void {
    this.messages.length = 0;
    this.rejections.length = 0;
    this.received = 0;
    this.acceptedAt.length = 0;
    this.failures.length = 0;
    this.failingAddresses.clear();
    this.slowAddresses.clear();
    this.settleWaiters(new Error('SmtpSink: reset while waiting'));
  }

  async stop(): Promise<void> {
    this.settleWaiters(new Error('SmtpSink: stopped while waiting'));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Holds each RCPT TO for the address this long before answering it, so an
   * e-mail to it stays composed but undelivered while a test acts.
   */
  slowFor(address: string, ms: number): void {
    this.slowAddresses.set(address.toLowerCase(), ms);
  }

  private onRcptTo(address: SMTPServerAddress, callback: (error?: Error | null) => void): void {
    const recipient = address.address.toLowerCase();
    const holdMs = this.slowAddresses.get(recipient);
    if (holdMs === undefined) return this.answerRcptTo(address, callback);
    this.held.add(recipient);
    setTimeout(() => {
      this.held.delete(recipient);
      this.answerRcptTo(address, callback);
    }, holdMs);
  }

  private answerRcptTo(address: SMTPServerAddress, callback: (error?: Error | null) => void): void {
    const failure = this.failingAddresses.get(address.address.toLowerCase());
    if (!failure) return callback();
    this.rejections.push({
      stage: 'rcpt',
      recipients: [address.address],
      ...failure,
      at: Date.now(),
    });
    callback(smtpError(failure.code, failure.message));
  }

  private async onMessage(
    raw: Buffer,
    envelope: ReceivedMail['envelope'],
    receivedAt: number,
  ): Promise<string> {
    const failure = this.failures.shift();
    if (failure) {
      this.rejections.push({ stage: 'data', recipients: envelope.to, ...failure, at: receivedAt });
      throw smtpError(failure.code, failure.message);
    }
    if (this.parse)
      this.messages.push(toReceivedMail(await simpleParser(raw), envelope, raw, receivedAt));
    this.received += 1;
    this.acceptedAt.push(Date.now());
    for (const waiter of this.waiters.filter((w) => this.received >= w.count)) {
      clearTimeout(waiter.timer);
      waiter.resolve(this.messages.slice());
    }
    this.waiters = this.waiters.filter((w) => this.received < w.count);
    return `OK: queued as ${this.received}`;
  }

  private settleWaiters(error: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.waiters = [];
  }
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function toReceivedMail(
  parsed: ParsedMail,
  envelope: ReceivedMail['envelope'],
  raw: Buffer,
  receivedAt: number,
): ReceivedMail {
  const calendar = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return {
    envelope,
    from: addresses(parsed.from)[0],
    to: addresses(parsed.to),
    replyTo: addresses(parsed.replyTo),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: parsed.html || '',
    messageId: parsed.messageId,
    headers: parsed.headers,
    rawHeaders: new Map(parsed.headerLines.map(({ key, line }) => [key, unfold(line)])),
    attachments: parsed.attachments,
    calendar: calendar?.content.toString('utf8'),
    raw,
    receivedAt,
  };
}

function unfold(line: string): string {
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailboxAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) =>
      entry.address ? [{ name: entry.name, address: entry.address }] : [],
    ),
  );
}
