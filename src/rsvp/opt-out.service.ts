import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Language } from '../common/language';
import { RequestError } from '../common/request-error';
import { toSearchKey } from '../common/search-key';
import { AppConfig } from '../config/app-config';
import { WalkIn } from '../attendance/walk-in.entity';
import { Contact } from '../directory/contacts/contact.entity';
import { MessageStatus } from '../messaging/message-status';
import { Message } from '../messaging/message.entity';
import { holdRoundAgainstSends } from '../workflow/send-locks';
import { verifySignedId } from './signed-id-token';

/**
 * The contact has no column for where an opt-out came from; the reason says
 * it, read beside the reasons staff record themselves.
 */
const OPT_OUT_REASON_LINK = 'unsubscribed through the link in an e-mail';
const OPT_OUT_REASON_WALK_IN =
  'unsubscribed through the link in a thank-you sent to them as a walk-in';

/** Whom an opt-out link stands for: a contact, or an address that is none (a walk-in's). */
export interface OptOutTarget {
  contact: Contact | null;
  email: string;
  language: Language;
  optedOut: boolean;
}

/** The opt-out link of every campaign e-mail, and the one-click unsubscribe of RFC 8058. */
@Injectable()
export class OptOutService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  /** Like the RSVP link: whatever is wrong with the token, the same 404. */
  async targetOfLink(token: string): Promise<OptOutTarget> {
    const contactId = verifySignedId('opt-out', token, this.config.appSecret);
    const contact = contactId && (await this.em.findOne(Contact, { id: contactId }));
    if (contact) return ofContact(contact);
    const messageId = verifySignedId('opt-out-address', token, this.config.appSecret);
    const message = messageId && (await this.em.findOne(Message, { id: messageId }));
    if (!message) throw RequestError.notFound('contact');
    // Someone the office has added meanwhile speaks for the address.
    const [row] = await this.em
      .getConnection()
      .execute<Array<{ id: string }>>(
        `select id from contact where lower(email) = lower(?) and archived_at is null`,
        [message.recipient],
      );
    const known = row && (await this.em.findOne(Contact, { id: row.id }));
    if (known) return ofContact(known);
    return { contact: null, email: message.recipient, language: message.language, optedOut: false };
  }

  /**
   * Records the opt-out unless it is recorded already: the first date stays.
   * One conditional statement, so a mail client's retries cannot race it. An
   * address that is no contact becomes an opted-out one: the directory must
   * remember the refusal, or the next sheet that lists the address would
   * write to it again. A contact's opt-out first waits for the e-mails to
   * them already on their way, and holds back the rest until it commits: no
   * e-mail composed before it leaves after the page said it is done.
   */
  async optOut(target: OptOutTarget): Promise<void> {
    const now = new Date();
    if (target.contact) {
      const contactId = target.contact.id;
      await this.em.transactional(async (em) => {
        await holdRoundsWritingTo(em, contactId);
        await em.nativeUpdate(
          Contact,
          { id: contactId, optedOut: false },
          { optedOut: true, optedOutAt: now, optOutReason: OPT_OUT_REASON_LINK, updatedAt: now },
        );
      });
      return;
    }
    const written = await this.em.findOne(
      WalkIn,
      { email: target.email },
      { orderBy: { attendance: { recordedAt: 'desc' } } },
    );
    const fullName = written?.fullName ?? target.email;
    const position = written?.position ?? null;
    await this.em.getConnection().execute(
      `insert into contact (id, full_name, email, position, language, opted_out, opted_out_at,
                            opt_out_reason, notes, search_key, created_at, updated_at)
       values (?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?)
       on conflict (lower(email)) where archived_at is null do nothing`,
      [
        randomUUID(),
        fullName,
        target.email,
        position,
        target.language,
        now,
        OPT_OUT_REASON_WALK_IN,
        'Added when this address, written on an attendance sheet, opted out.',
        toSearchKey(fullName, target.email, position),
        now,
        now,
      ],
    );
  }
}

function ofContact(contact: Contact): OptOutTarget {
  return {
    contact,
    email: contact.email,
    language: contact.language,
    optedOut: contact.optedOut,
  };
}

/** The rounds with an e-mail to the contact still to send, held against sends in a stable order. */
async function holdRoundsWritingTo(em: EntityManager, contactId: string): Promise<void> {
  const rounds = await em.execute<Array<{ round_id: string }>>(
    `select distinct round_id from message
      where contact_id = ? and status = ? and round_id is not null
      order by round_id`,
    [contactId, MessageStatus.Queued],
  );
  for (const { round_id } of rounds) await holdRoundAgainstSends(em, round_id);
}
