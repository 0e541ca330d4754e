import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { RequestError } from '../common/request-error';
import { RoundSession } from '../rounds/round-session.entity';
import { Round } from '../rounds/round.entity';
import { roundETag, versionInIfMatch } from '../rounds/round-etag';
import { toSessionView } from '../rounds/session.view';
import { RoundNowView } from './dto/moved-on.view';

/** The schedule version a caller saw, and which part of the request named it. */
export interface VersionSeen {
  version: number;
  field: 'if-match' | 'scheduleVersion';
}

/** Where a change applies: a round, or one of its sessions. */
export interface ChangeTarget {
  roundId: string;
  sessionId?: string;
}

/**
 * The reschedule and cancel routes take the version the caller saw, as an
 * If-Match header or a `scheduleVersion` field, and hand it to the
 * RoundScheduler, which compares it under the round's lock; a refusal
 * because the round moved on becomes a 409 carrying what the round (and
 * the session) is now. Without a version a change applies as it always did.
 */
@Injectable()
export class VersionedChange {
  constructor(private readonly em: EntityManager) {}

  /** The round a session belongs to: a session never moves to another round. */
  async targetOfSession(sessionId: string): Promise<ChangeTarget> {
    const session = await this.em.fork().findOne(RoundSession, { id: sessionId });
    if (!session) throw RequestError.notFound('session');
    return { roundId: session.round.id, sessionId };
  }

  /**
   * `*` asks for no particular version, so a `scheduleVersion` beside it
   * decides alone; two versions that differ are a request to fix, not a
   * race lost.
   */
  seen(
    target: ChangeTarget,
    ifMatch: string | undefined,
    scheduleVersion: number | undefined,
  ): VersionSeen | undefined {
    const fromHeader =
      ifMatch === undefined ? undefined : versionInIfMatch(ifMatch, target.roundId);
    if (
      fromHeader !== undefined &&
      scheduleVersion !== undefined &&
      fromHeader !== scheduleVersion
    ) {
      throw RequestError.unprocessable(
        'scheduleVersion',
        `is ${scheduleVersion} while If-Match names version ${fromHeader}; send one version`,
      );
    }
    if (fromHeader !== undefined) return { version: fromHeader, field: 'if-match' };
    if (scheduleVersion !== undefined)
      return { version: scheduleVersion, field: 'scheduleVersion' };
    return undefined;
  }

  async apply<T>(
    target: ChangeTarget,
    seen: VersionSeen | undefined,
    change: (version: number | undefined) => Promise<T>,
  ): Promise<T> {
    try {
      return await change(seen?.version);
    } catch (exception) {
      if (
        seen &&
        exception instanceof RequestError &&
        exception.isAbout(HttpStatus.CONFLICT, 'scheduleVersion')
      ) {
        throw await this.movedOn(target, seen);
      }
      throw exception;
    }
  }

  private async movedOn(target: ChangeTarget, seen: VersionSeen): Promise<RequestError> {
    const now = await this.now(target);
    return new RequestError(
      HttpStatus.CONFLICT,
      [
        {
          field: seen.field,
          reason: `names version ${seen.version} of the round, which has moved on to version ${now.scheduleVersion}; nothing was changed`,
        },
      ],
      undefined,
      now,
    );
  }

  /** Read afresh, not from the request's identity map, which holds what was read before the change. */
  private async now(target: ChangeTarget): Promise<RoundNowView> {
    const em = this.em.fork();
    const round = await em.findOneOrFail(Round, { id: target.roundId }, { populate: ['campaign'] });
    const now: RoundNowView = {
      etag: roundETag(round),
      scheduleVersion: round.scheduleVersion,
      status: round.status,
    };
    if (!target.sessionId) return now;
    const session = await em.findOneOrFail(
      RoundSession,
      { id: target.sessionId },
      { populate: ['audienceCommittees:ref', 'audienceInstitutions:ref', 'audienceContacts:ref'] },
    );
    return { ...now, session: toSessionView(session, round.campaign.timeZone) };
  }
}
