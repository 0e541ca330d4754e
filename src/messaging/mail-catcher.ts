import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import type MailDev from 'maildev';
import { StartupError } from '../startup/startup-error';

export interface MailCatcherOptions {
  host: string;
  smtpPort: number;
  webPort: number;
}

/**
 * MailDev inside the process, for development without SMTP_URL: it keeps
 * every e-mail the app sends and shows them in a browser, so nothing reaches
 * a real person by mistake.
 */
export class MailCatcher {
  private static readonly logger = new Logger(MailCatcher.name);

  private constructor(
    private readonly server: MailDev,
    readonly smtpUrl: string,
    readonly inboxUrl: string,
  ) {}

  static async start({ host, smtpPort, webPort }: MailCatcherOptions): Promise<MailCatcher> {
    // Loaded only here: MailDev brings express, socket.io and jsdom along, so it is a development
    // dependency, absent where production installs (npm ci --omit=dev, as the Dockerfile does).
    const [maildev, web] = await Promise.all([import('maildev'), import('maildev/lib/web')]).catch(
      (error: Error) => {
        throw new StartupError(
          `The development mail catcher (maildev) is not installed here (${error.message}). ` +
            'Set SMTP_URL to the mail server Fushata should send through.',
        );
      },
    );

    const server = withoutNewSignalHandlers(
      () => new maildev.default({ smtp: smtpPort, web: webPort, ip: host, silent: true }),
    );
    // MailDev rethrows server errors from its handler, which would crash the app on a busy port.
    server.smtp.removeAllListeners('error');
    try {
      await Promise.all([
        listening(server.smtp, server.listen(), `SMTP port ${smtpPort}`),
        web.server ? listening(web.server, null, `web port ${webPort}`) : undefined,
      ]);
    } catch (error) {
      await new Promise<void>((resolve) => server.close(resolve));
      throw new StartupError(
        `The development mail catcher cannot start (${(error as Error).message}). ` +
          'Free the port, choose others with MAIL_CATCHER_SMTP_PORT and MAIL_CATCHER_WEB_PORT, ' +
          'or set SMTP_URL to send through a mail server.',
      );
    }
    const warn = (error: Error) => MailCatcher.logger.warn(`mail catcher: ${error.message}`);
    server.smtp.on('error', warn);
    web.server?.on('error', warn);

    const address = reachable(host);
    return new MailCatcher(server, `smtp://${address}:${smtpPort}`, `http://${address}:${webPort}`);
  }

  /**
   * The SMTP URL of a mail server already listening where the catcher would:
   * the catcher of another Fushata process (API and worker started apart) or
   * MailDev from docker-compose. Null when the port is free.
   */
  static async alreadyRunning({ host, smtpPort }: MailCatcherOptions): Promise<string | null> {
    const address = reachable(host);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: address.replace(/^\[|\]$/g, ''), port: smtpPort });
      socket.setTimeout(1000);
      const answer = (listening: boolean) => () => {
        socket.destroy();
        resolve(listening);
      };
      socket.once('connect', answer(true));
      socket.once('error', answer(false));
      socket.once('timeout', answer(false));
    });
    return open ? `smtp://${address}:${smtpPort}` : null;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(resolve));
  }
}

/** Where a browser or a client reaches a server that listens on `host`, as a URL host. */
export function reachable(host: string): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return shown.includes(':') ? `[${shown}]` : shown;
}

/**
 * MailDev installs SIGTERM and SIGINT handlers that call process.exit(0); the
 * app's own shutdown (draining the queues) must run instead.
 */
function withoutNewSignalHandlers<T>(create: () => T): T {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  try {
    return create();
  } finally {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
      }
    }
  }
}

/** Resolves when the server listens; rejects with the reason (EADDRINUSE, EACCES) when it cannot. */
function listening(
  server: EventEmitter & { listening?: boolean },
  started: Promise<void> | null,
  what: string,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(new Error(`${what}: ${error.code ?? error.message}`));
    server.once('error', fail);
    const done = () => {
      server.removeListener('error', fail);
      resolve();
    };
    if (started) started.then(done, fail);
    else if (server.listening) done();
    else server.once('listening', done);
  });
}
