import { Logger } from '@nestjs/common';
import { createServer, Server } from 'node:net';
import { Language } from '../src/common/language';
import { loadConfig } from '../src/config/load-config';
import { buildCalendar } from '../src/messaging/ics';
import { MailTransport, OutgoingMail } from '../src/messaging/mail-transport';
import { classifySmtpError } from '../src/messaging/smtp-error';
import { TemplateName, TemplateRenderer } from '../src/messaging/template-renderer';
import { SessionKind } from '../src/rounds/session-kind';
import { StartupError } from '../src/startup/startup-error';
import { SmtpSink } from './support/smtp-sink';

const renderer = new TemplateRenderer();
const startsAt = new Date('2017-11-22T09:00:00Z');
const endsAt = new Date('2017-11-22T11:00:00Z');

/** An Albanian invitation to the Elbasan meeting, as the workflow would compose it. */
function invitation(messageId: string, to = 'arta.hoxha@example.al.test'): OutgoingMail {
  const optOutUrl = 'https://fushata.example.org/unsubscribe/Wm3Rz8LkQ1vB6nTd';
  const rendered = renderer.render(TemplateName.Invitation, {
    language: Language.Albanian,
    recipient: { fullName: 'Arta Hoxha' },
    campaign: {
      name: 'Mbi parandalimin e migracionit të parregullt',
      slogan: 'Zgjidhni mundësitë, jo migracionin e parregullt!',
      organiser:
        'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave',
    },
    round: { county: 'Elbasan' },
    sessions: [
      {
        title: 'Takim me anëtarët e Tryezës Teknike',
        kind: SessionKind.Meeting,
        startsAt,
        endsAt,
        venue: 'Institucioni i Prefektit të qarkut Elbasan',
        rsvpUrl: 'https://fushata.example.org/rsvp/Zk3q9xVtR2mW8pLc',
      },
    ],
    staff: { name: 'Elira Dervishi', email: 'elira.dervishi@example.al.test' },
    timeZone: 'Europe/Tirane',
    optOutUrl,
  });
  return {
    from: { name: 'Fushata – Zyra e Koordinatorit Kombëtar', address: 'fushata@example.al.test' },
    replyTo: { name: 'Elira Dervishi', address: 'elira.dervishi@example.al.test' },
    to: { name: 'Arta Hoxha', address: to },
    ...rendered,
    messageId,
    headers: { 'List-Unsubscribe': `<${optOutUrl}>` },
    icalEvent: {
      method: 'REQUEST',
      content: buildCalendar({
        method: 'REQUEST',
        organizer: { name: 'Fushata', email: 'fushata@example.al.test' },
        attendee: { name: 'Arta Hoxha', email: to },
        events: [
          {
            uid: 'session-7f1c.contact-92ab@fushata',
            sequence: 0,
            title: 'Takim me anëtarët e Tryezës Teknike',
            startsAt,
            endsAt,
            timeZone: 'Europe/Tirane',
            location: 'Institucioni i Prefektit të qarkut Elbasan',
          },
        ],
      }),
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (error: unknown) => error,
  );
}

describe('MailTransport with SMTP_URL', () => {
  let sink: SmtpSink;
  let transport: MailTransport;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    transport = new MailTransport(loadConfig({ SMTP_URL: sink.url, NODE_ENV: 'test' }));
    await transport.onModuleInit();
  });
  afterEach(() => sink.reset());
  afterAll(async () => {
    await transport.onModuleDestroy();
    await sink.stop();
  });

  it('delivers the invitation with its headers and calendar part', async () => {
    const sent = await transport.send(invitation('<message-0b7e5c1a@fushata>'));

    expect(sent.messageId).toBe('<message-0b7e5c1a@fushata>');
    expect(sent.response).toMatch(/^250 /);
    const [mail] = await sink.waitFor(1);
    expect(mail.envelope).toEqual({
      from: 'fushata@example.al.test',
      to: ['arta.hoxha@example.al.test'],
    });
    expect(mail.subject).toBe(
      'Ftesë: Mbi parandalimin e migracionit të parregullt – qarku Elbasan, 22 nëntor 2017',
    );
    expect(mail.from).toEqual({
      name: 'Fushata – Zyra e Koordinatorit Kombëtar',
      address: 'fushata@example.al.test',
    });
    expect(mail.replyTo).toEqual([
      { name: 'Elira Dervishi', address: 'elira.dervishi@example.al.test' },
    ]);
    expect(mail.to).toEqual([{ name: 'Arta Hoxha', address: 'arta.hoxha@example.al.test' }]);
    expect(mail.messageId).toBe('<message-0b7e5c1a@fushata>');
    expect(mail.rawHeaders.get('list-unsubscribe')).toBe(
      '<https://fushata.example.org/unsubscribe/Wm3Rz8LkQ1vB6nTd>',
    );
    expect(mail.text).toContain('Të nderuar Arta Hoxha,');
    expect(mail.text).toContain('e mërkurë, 22 nëntor 2017, 10:00–12:00');
    expect(mail.html).toContain('<html lang="sq">');

    const calendar = mail.calendar ?? '';
    expect(calendar).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(calendar).toMatch(/^UID:session-7f1c\.contact-92ab@fushata\r?$/m);
    expect(calendar).toMatch(/^DTSTART:20171122T090000Z\r?$/m);
    const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(part?.contentType).toBe('text/calendar');
    expect(String(mail.raw)).toMatch(
      /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i,
    );
  });

  it('sends many messages over the pool, each once', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `<message-${i}@fushata>`);
    await Promise.all(
      ids.map((id, i) => transport.send(invitation(id, `contact-${i}@example.org`))),
    );

    const mails = await sink.waitFor(40);
    expect(mails.map((m) => m.messageId).sort()).toEqual([...ids].sort());
  });

  it('reports a 550 for an unknown mailbox as permanent', async () => {
    sink.failFor('nobody@example.al.test', 550, '5.1.1 Mailbox does not exist');

    const error = await rejection(
      transport.send(invitation('<message-550@fushata>', 'nobody@example.al.test')),
    );
    expect(classifySmtpError(error)).toEqual({
      permanent: true,
      reply: expect.stringMatching(/^550 5\.1\.1 Mailbox does not exist/),
    });
    expect(sink.messages).toHaveLength(0);
    expect(sink.rejections).toMatchObject([{ stage: 'rcpt', code: 550 }]);
  });

  it('reports a 451 as temporary, and the next try goes through', async () => {
    sink.failNext(1, 451, '4.3.0 Try again later');

    const error = await rejection(transport.send(invitation('<message-451@fushata>')));
    expect(classifySmtpError(error)).toEqual({
      permanent: false,
      reply: expect.stringMatching(/^451 4\.3\.0 Try again later/),
    });
    await transport.send(invitation('<message-451@fushata>'));
    const [mail] = await sink.waitFor(1);
    expect(mail.messageId).toBe('<message-451@fushata>');
  });

  it('reports a 421 that drops the connection as temporary', async () => {
    sink.failNext(1, 421, '4.4.2 Too busy, closing');

    const error = await rejection(transport.send(invitation('<message-421@fushata>')));
    expect(classifySmtpError(error).permanent).toBe(false);
    await transport.send(invitation('<message-421-again@fushata>'));
    await sink.waitFor(1);
  });

  it('verifies the connection', async () => {
    await expect(transport.verify()).resolves.toBeUndefined();
  });
});

describe('MailTransport when the server is down', () => {
  it('reports the refused connection as temporary', async () => {
    const port = await freePort();
    const transport = new MailTransport(
      loadConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, NODE_ENV: 'test' }),
    );
    try {
      const error = await rejection(transport.send(invitation('<message-down@fushata>')));
      expect(classifySmtpError(error)).toEqual({
        permanent: false,
        reply: expect.stringMatching(/ECONNREFUSED|ECONNECTION/),
      });
      await expect(transport.verify()).rejects.toThrow();
    } finally {
      await transport.onModuleDestroy();
    }
  });
});

describe('MailTransport when the server goes away and comes back', () => {
  it('fails for a while, then delivers over a fresh connection', async () => {
    let sink = await SmtpSink.start();
    const transport = new MailTransport(loadConfig({ SMTP_URL: sink.url, NODE_ENV: 'test' }));
    try {
      await transport.send(invitation('<message-before@fushata>'));
      await sink.stop();

      const error = await rejection(transport.send(invitation('<message-during@fushata>')));
      expect(classifySmtpError(error).permanent).toBe(false);

      sink = await SmtpSink.start({ port: sink.port });
      await transport.send(invitation('<message-after@fushata>'));
      const [mail] = await sink.waitFor(1);
      expect(mail.messageId).toBe('<message-after@fushata>');
      await expect(sink.waitFor(2, 50)).rejects.toThrow(
        /^SmtpSink: waited 50 ms for 2 message\(s\), 1 arrived: "Ftesë: .*" to arta\.hoxha@example\.al\.test$/,
      );
    } finally {
      await transport.onModuleDestroy();
      await sink.stop();
    }
  });
});

describe('MailTransport without SMTP_URL', () => {
  it('starts no mail catcher in test and says why it cannot send', async () => {
    const transport = new MailTransport(loadConfig({ NODE_ENV: 'test' }));
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const signals = process.listenerCount('SIGTERM');
    await transport.onModuleInit();

    expect(warn).toHaveBeenCalledWith('SMTP_URL is not set: no e-mail can be sent (test)');
    warn.mockRestore();
    expect(process.listenerCount('SIGTERM')).toBe(signals);
    await expect(transport.send(invitation('<message-x@fushata>'))).rejects.toThrow(
      /^SMTP_URL is not set: the development mail catcher does not run in test/,
    );
    await transport.onModuleDestroy();
  });

  describe('in development', () => {
    let transport: MailTransport | undefined;
    let blocker: Server | undefined;
    afterEach(async () => {
      await transport?.onModuleDestroy();
      await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
      transport = undefined;
      blocker = undefined;
    });

    it('starts MailDev, says where its inbox is, and delivers there', async () => {
      const [smtpPort, webPort] = [await freePort(), await freePort()];
      const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const signals = process.listenerCount('SIGTERM');
      transport = new MailTransport(
        loadConfig({
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          MAIL_CATCHER_SMTP_PORT: String(smtpPort),
          MAIL_CATCHER_WEB_PORT: String(webPort),
        }),
      );
      await transport.onModuleInit();

      expect(log).toHaveBeenCalledWith(
        `Development mail catcher: inbox at http://127.0.0.1:${webPort}`,
      );
      log.mockRestore();
      // MailDev's own handlers would exit the process on SIGTERM before the app drains its queues.
      expect(process.listenerCount('SIGTERM')).toBe(signals);

      await transport.send(invitation('<message-maildev@fushata>'));
      const inbox = (await (await fetch(`http://127.0.0.1:${webPort}/email`)).json()) as Array<{
        subject: string;
        messageId: string;
      }>;
      expect(inbox).toEqual([
        expect.objectContaining({
          subject:
            'Ftesë: Mbi parandalimin e migracionit të parregullt – qarku Elbasan, 22 nëntor 2017',
          messageId: 'message-maildev@fushata',
        }),
      ]);

      await transport.onModuleDestroy();
      transport = undefined;
      await expect(fetch(`http://127.0.0.1:${webPort}/email`)).rejects.toThrow();
    });

    it('sends to the mail server already on its port, such as the catcher of another process', async () => {
      const other = await SmtpSink.start();
      const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      transport = new MailTransport(
        loadConfig({
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          MAIL_CATCHER_SMTP_PORT: String(other.port),
          MAIL_CATCHER_WEB_PORT: String(await freePort()),
        }),
      );
      try {
        await transport.onModuleInit();
        expect(log).toHaveBeenCalledWith(
          `Development mail catcher: a mail server already listens at smtp://127.0.0.1:${other.port} ` +
            '(another Fushata process or MailDev from docker-compose); sending there',
        );
        await transport.send(invitation('<message-shared@fushata>'));
        const [mail] = await other.waitFor(1);
        expect(mail.messageId).toBe('<message-shared@fushata>');
      } finally {
        log.mockRestore();
        await transport.onModuleDestroy();
        transport = undefined;
        await other.stop();
      }
    });

    it('stops with a clear message when its inbox port is taken', async () => {
      const webPort = await freePort();
      blocker = createServer();
      await new Promise<void>((resolve) => blocker!.listen(webPort, '127.0.0.1', resolve));
      transport = new MailTransport(
        loadConfig({
          NODE_ENV: 'development',
          HOST: '127.0.0.1',
          MAIL_CATCHER_SMTP_PORT: String(await freePort()),
          MAIL_CATCHER_WEB_PORT: String(webPort),
        }),
      );

      const error = await rejection(transport.onModuleInit());
      expect(error).toBeInstanceOf(StartupError);
      expect((error as Error).message).toMatch(
        new RegExp(`web port ${webPort}: EADDRINUSE.*MAIL_CATCHER_WEB_PORT.*SMTP_URL`),
      );
    });
  });
});
