import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { User } from '../auth/entities/user.entity';
import { Role } from '../auth/role';
import { RequestError } from '../common/request-error';
import { AppConfig } from '../config/app-config';
import { RoundSession } from '../rounds/round-session.entity';
import { RoundStatus } from '../rounds/round-status';
import { verifySignedId } from '../rsvp/signed-id-token';
import { LINK_VALID_AFTER_END_MS } from './attendance-link';

/** The roles that may record attendance through the API. */
const RECORDERS = [Role.Admin, Role.Coordinator];

export interface AttendanceLink {
  /** With its round's campaign and county loaded. */
  session: RoundSession;
  /** The round's staff member in charge, in whose name the sheet is recorded. */
  staff: User;
}

@Injectable()
export class AttendancePageService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  /**
   * The session an attendance link stands for. Like the RSVP link, whatever
   * is wrong gets the same 404, so the answer tells a guesser nothing: a
   * forged, tampered or other token; a draft round, never announced; a round
   * nobody is in charge of, or whose staff member can no longer record
   * (disabled, or now a viewer), as the link acts in their name; a session
   * that ended more than a week ago.
   */
  async sessionForLink(token: string): Promise<AttendanceLink> {
    const id = verifySignedId('attendance', token, this.config.appSecret);
    const session =
      id &&
      (await this.em.findOne(
        RoundSession,
        { id },
        { populate: ['round.campaign', 'round.county', 'round.staff'] },
      ));
    const staff = session ? session.round.staff : null;
    if (
      !session ||
      !staff ||
      staff.disabledAt !== null ||
      !RECORDERS.includes(staff.role) ||
      session.round.status === RoundStatus.Draft ||
      session.endsAt.getTime() + LINK_VALID_AFTER_END_MS <= Date.now()
    ) {
      throw RequestError.notFound('session');
    }
    return { session, staff };
  }
}
