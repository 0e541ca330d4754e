import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import nodemailer, { SMTPPoolSentMessageInfo, Transporter } from 'nodemailer';
import { AppConfig, Environment } from '../config/app-config';
import { CalendarMethod } from './ics';
import { MailCatcher } from './mail-catcher';

export interface MailAddress {
  name: string;
  address: string;
}

export interface OutgoingMail {
  from: MailAddress;
  replyTo?: MailAddress;
  to: MailAddress;
  subject: string;
  html: string;
  text: string;
  /** `<message-<id>@fushata>`: the same on every retry, so a rare resend collapses in the mailbox. */
  messageId: string;
  /** Extra headers such as List-Unsubscribe. */
  headers?: Record<string, string>;
  /** Sent as the text/calendar alternative, so mail clients show it as an invitation. */
  icalEvent?: { method: CalendarMethod; content: string };
  /** Files the e-mail carries, such as a report's PDF. */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface SentMail {
  messageId: string;
  /** The server's reply on acceptance, such as "250 2.0.0 Ok: queued as 4F2A1". */
  response: string;
}

/** Parallel connections: enough to keep a relay busy, few enough not to look like a flood. */
const MAX_CONNECTIONS = 5;

type Pool = Transporter<SMTPPoolSentMessageInfo>;

/**
 * Sends e-mail over one pooled SMTP transport built from SMTP_URL. Without
 * SMTP_URL, development sends to an embedded mail catcher with a browser
 * inbox; test and production send nothing and say why on every send.
 */
@Injectable()
export class MailTransport implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private pool: Pool | null;
  private catcher: MailCatcher | null = null;

  constructor(private readonly config: AppConfig) {
    this.pool = config.smtpUrl ? createPool(config.smtpUrl) : null;
  }

  async onModuleInit(): Promise<void> {
    if (this.pool) return;
    if (this.config.environment !== Environment.Development) {
      this.logger.warn(`SMTP_URL is not set: no e-mail can be sent (${this.config.environment})`);
      return;
    }
    const options = {
      host: this.config.host,
      smtpPort: this.config.mailCatcherSmtpPort,
      webPort: this.config.mailCatcherWebPort,
    };
    const running = await MailCatcher.alreadyRunning(options);
    if (running) {
      this.pool = createPool(running);
      this.logger.log(
        `Development mail catcher: a mail server already listens at ${running} ` +
          '(another Fushata process or MailDev from docker-compose); sending there',
      );
      return;
    }
    this.catcher = await MailCatcher.start(options);
    this.pool = createPool(this.catcher.smtpUrl);
    this.logger.log(`Development mail catcher: inbox at ${this.catcher.inboxUrl}`);
  }

  /** Resolves once the server accepted the message; rejects with nodemailer's error (see classifySmtpError). */
  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.ready().sendMail({
      from: mail.from,
      replyTo: mail.replyTo,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers: mail.headers,
      icalEvent: mail.icalEvent && {
        method: mail.icalEvent.method,
        content: mail.icalEvent.content,
        filename: 'invitation.ics',
      },
      attachments: mail.attachments,
      // Content comes from templates, never from files or URLs the data could name.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return { messageId: info.messageId, response: info.response ?? '' };
  }

  /** Connects and authenticates once, for health checks; rejects with the reason. */
  async verify(): Promise<void> {
    await this.ready().verify();
  }

  async onModuleDestroy(): Promise<void> {
    // The pool goes first: the catcher waits for open connections before it closes.
    this.pool?.close();
    this.pool = null;
    await this.catcher?.stop();
    this.catcher = null;
  }

  private ready(): Pool {
    if (this.pool) return this.pool;
    throw new Error(
      this.config.environment === Environment.Development
        ? 'the development mail catcher has not started (MailTransport.onModuleInit has not run)'
        : `SMTP_URL is not set: the development mail catcher does not run in ${this.config.environment}, so there is no mail server to send to`,
    );
  }
}

function createPool(url: string): Pool {
  return nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: MAX_CONNECTIONS,
    // A connection is replaced only when it breaks, not after a message count.
    maxMessages: Infinity,
  });
}
