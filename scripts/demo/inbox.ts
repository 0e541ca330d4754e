/** An e-mail as the demo reads it from wherever Fushata's mail landed. */
export interface InboxMail {
  /** The inbox's own id of the message. */
  id: string;
  /** The addresses in To, in lower case. */
  to: string[];
  subject: string;
  text: string;
  attachments: Array<{ filename: string; contentType: string }>;
}

/**
 * Where the demo reads the e-mails Fushata sent: the development mail
 * catcher when it runs against `npm start`, the SMTP sink in its test.
 */
export interface Inbox {
  /** Where a person can read the same e-mails. */
  readonly location: string;
  /** Every message there, oldest first. */
  list(): Promise<InboxMail[]>;
}
