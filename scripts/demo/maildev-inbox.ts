import { DemoFailure, networkReason } from './demo-failure';
import { Inbox, InboxMail } from './inbox';

/** The fields of MailDev's `GET /email` the demo reads. */
interface MailDevMail {
  id: string;
  to?: Array<{ address: string }>;
  subject?: string;
  text?: string;
  attachments?: Array<{
    fileName?: string;
    generatedFileName?: string;
    contentType: string;
  }> | null;
}

/**
 * The development mail catcher's inbox (MailDev), read through its REST API:
 * where every e-mail lands when Fushata runs in development without SMTP_URL.
 */
export class MailDevInbox implements Inbox {
  constructor(readonly location: string) {}

  async list(): Promise<InboxMail[]> {
    let response: Response;
    try {
      response = await fetch(`${this.location.replace(/\/$/, '')}/email`, {
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new DemoFailure(
        `The mail catcher is not answering at ${this.location} (${networkReason(error)}). ` +
          'Fushata keeps its e-mail there when started in development without SMTP_URL; ' +
          'set DEMO_INBOX_URL if its inbox is elsewhere (MAIL_CATCHER_WEB_PORT).',
      );
    }
    if (!response.ok) {
      throw new DemoFailure(
        `The mail catcher at ${this.location} answered ${response.status} to GET /email: is it MailDev?`,
      );
    }
    const mails = (await response.json()) as MailDevMail[];
    return mails.map((mail) => ({
      id: mail.id,
      to: (mail.to ?? []).map((to) => to.address.toLowerCase()),
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      attachments: (mail.attachments ?? []).map((attachment) => ({
        filename: attachment.fileName ?? attachment.generatedFileName ?? '',
        contentType: attachment.contentType,
      })),
    }));
  }
}
