import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestError } from '../common/request-error';
import { AppConfig } from '../config/app-config';
import { Contact } from '../directory/contacts/contact.entity';
import { verifySignedId } from './signed-id-token';

/**
 * The contact has no column for where an opt-out came from; the reason says
 * it, read beside the reasons staff record themselves.
 */
const OPT_OUT_REASON_LINK = 'unsubscribed through the link in an e-mail';

/** The opt-out link of every campaign e-mail, and the one-click unsubscribe of RFC 8058. */
@Injectable()
export class OptOutService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  /** Like the RSVP link: whatever is wrong with the token, the same 404. */
  async contactForLink(token: string): Promise<Contact> {
    const id = verifySignedId('opt-out', token, this.config.appSecret);
    const contact = id && (await this.em.findOne(Contact, { id }));
    if (!contact) throw RequestError.notFound('contact');
    return contact;
  }

  /**
   * Records the opt-out unless it is recorded already: the first date stays.
   * One conditional update, so a mail client's retries cannot race it.
   */
  async optOut(contact: Contact): Promise<void> {
    const now = new Date();
    await this.em.nativeUpdate(
      Contact,
      { id: contact.id, optedOut: false },
      { optedOut: true, optedOutAt: now, optOutReason: OPT_OUT_REASON_LINK, updatedAt: now },
    );
  }
}
