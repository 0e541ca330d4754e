import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { FieldError } from '../common/error-body';
import { RequestError } from '../common/request-error';
import { CreateSessionDto, UpdateSessionDto } from './dto/session.dto';
import { localDate } from './local-time';
import { RoundSession } from './round-session.entity';
import { RoundStatus } from './round-status';
import { Round } from './round.entity';
import {
  audienceIdsOf,
  inactiveAudienceIds,
  NO_AUDIENCE,
  sameAudience,
  setAudience,
} from './session-audience';
import { SessionStatus } from './session-kind';
import { datesCovering, sessionTimesProblem } from './session-times';

/** What an update changed, for the caller to decide on notices and on asking again. */
export interface SessionUpdateResult {
  timesChanged: boolean;
  /** The calendar day of startsAt, in the campaign's time zone, moved. */
  dateChanged: boolean;
  previousStartsAt: Date;
  previousEndsAt: Date;
  /** In either language: what the invitees' e-mails and calendars show. */
  titleChanged: boolean;
  venueChanged: boolean;
  audienceChanged: boolean;
}

/**
 * The fields whose change the invitees are told of, besides the times. Once
 * the session started they stay; its topics and head-count settings may
 * still be filled in for the report.
 */
const TOLD_FIELDS = ['titleSq', 'titleEn', 'venueSq', 'venueEn'] as const;

/** What a session view needs: the campaign's time zone and the audience ids, not the people. */
const SESSION_POPULATE = [
  'round.campaign',
  'audienceCommittees:ref',
  'audienceInstitutions:ref',
  'audienceContacts:ref',
] as const;

/** A round that is over or called off takes no new or changed sessions. */
const CLOSED = [RoundStatus.Cancelled, RoundStatus.Completed];

@Injectable()
export class SessionsService {
  constructor(private readonly em: EntityManager) {}

  /** In order of start, with what a session view needs. */
  sessionsOf(round: Round): Promise<RoundSession[]> {
    return this.em.find(
      RoundSession,
      { round },
      { populate: SESSION_POPULATE, orderBy: { startsAt: 'asc', id: 'asc' } },
    );
  }

  async get(id: string): Promise<RoundSession> {
    const session = await this.em.findOne(RoundSession, { id }, { populate: SESSION_POPULATE });
    if (!session) throw RequestError.notFound('session');
    return session;
  }

  /**
   * Checks a new session and adds it to the round without flushing: the
   * workflow calls this inside its own transaction (on the injected
   * EntityManager, with the round locked) and plans what the session brings
   * with it. A session added to a scheduled round must still lie ahead.
   */
  async add(round: Round, input: CreateSessionDto): Promise<RoundSession> {
    assertOpen(round);
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const audience = { ...NO_AUDIENCE, ...input.audience };
    refuse([
      round.status !== RoundStatus.Draft && startsAt <= new Date()
        ? {
            field: 'startsAt',
            reason: 'is in the past; a session added to a scheduled round must lie ahead',
          }
        : sessionTimesProblem(round, round.campaign.timeZone, startsAt, endsAt),
      ...(await inactiveAudienceIds(this.em, audience, NO_AUDIENCE)),
    ]);

    const session = this.em.create(RoundSession, {
      round,
      titleSq: input.titleSq,
      titleEn: input.titleEn,
      kind: input.kind,
      startsAt,
      endsAt,
      venueSq: input.venueSq ?? null,
      venueEn: input.venueEn ?? null,
      topicsSq: input.topicsSq ?? [],
      topicsEn: input.topicsEn ?? [],
      capacity: input.capacity ?? null,
      walkInsCounted: input.walkInsCounted ?? false,
    });
    setAudience(this.em, session, audience);
    return session;
  }

  /**
   * Checks the whole change, then applies it to the session without
   * flushing: the workflow calls this inside its own transaction (on the
   * injected EntityManager, with the round locked) and flushes together with
   * the steps and notices the change brings. The ICS sequence is the
   * caller's to raise, as only it knows whether the change is a reschedule.
   * Times past the round's last day (or before its first) extend its dates
   * with them, so the caller holds the round's lock.
   */
  async applyUpdate(session: RoundSession, input: UpdateSessionDto): Promise<SessionUpdateResult> {
    await this.em.populate(session, SESSION_POPULATE);
    const round = session.round;
    const timeZone = round.campaign.timeZone;
    if (session.status === SessionStatus.Cancelled) {
      throw RequestError.conflict('status', 'the session is cancelled; it can no longer change');
    }
    assertOpen(round);
    const startsAt = input.startsAt !== undefined ? new Date(input.startsAt) : session.startsAt;
    const endsAt = input.endsAt !== undefined ? new Date(input.endsAt) : session.endsAt;
    const timesGiven = input.startsAt !== undefined || input.endsAt !== undefined;
    const before = audienceIdsOf(session);
    if (round.status !== RoundStatus.Draft) {
      if (timesGiven || input.audience || TOLD_FIELDS.some((field) => input[field] !== undefined)) {
        assertNotStarted(session, 'change');
      }
      if (timesGiven && startsAt <= new Date()) {
        refuse([
          { field: 'startsAt', reason: 'is in the past; a scheduled session can only move ahead' },
        ]);
      }
    }
    const covering = timesGiven
      ? datesCovering(round, timeZone, startsAt, endsAt, input.endsAt ? 'endsAt' : 'startsAt')
      : null;
    refuse([
      covering?.problem ?? null,
      ...(input.audience ? await inactiveAudienceIds(this.em, input.audience, before) : []),
    ]);

    const result: SessionUpdateResult = {
      timesChanged:
        startsAt.getTime() !== session.startsAt.getTime() ||
        endsAt.getTime() !== session.endsAt.getTime(),
      dateChanged: localDate(startsAt, timeZone) !== localDate(session.startsAt, timeZone),
      previousStartsAt: session.startsAt,
      previousEndsAt: session.endsAt,
      titleChanged: changes(input, session, 'titleSq') || changes(input, session, 'titleEn'),
      venueChanged: changes(input, session, 'venueSq') || changes(input, session, 'venueEn'),
      audienceChanged: false,
    };
    if (input.titleSq !== undefined) session.titleSq = input.titleSq;
    if (input.titleEn !== undefined) session.titleEn = input.titleEn;
    if (input.kind !== undefined) session.kind = input.kind;
    if (input.venueSq !== undefined) session.venueSq = input.venueSq;
    if (input.venueEn !== undefined) session.venueEn = input.venueEn;
    if (input.topicsSq !== undefined) session.topicsSq = input.topicsSq;
    if (input.topicsEn !== undefined) session.topicsEn = input.topicsEn;
    if (input.capacity !== undefined) session.capacity = input.capacity;
    if (input.walkInsCounted !== undefined) session.walkInsCounted = input.walkInsCounted;
    if (result.timesChanged) {
      session.startsAt = startsAt;
      session.endsAt = endsAt;
    }
    if (covering?.dates) {
      round.startsOn = covering.dates.startsOn;
      round.endsOn = covering.dates.endsOn;
    }
    if (input.audience) {
      setAudience(this.em, session, input.audience);
      result.audienceChanged = !sameAudience(before, audienceIdsOf(session));
    }
    return result;
  }
}

/**
 * A scheduled session that has started is history: its time, place and
 * title are what people came to, and nobody is told otherwise afterwards.
 */
export function assertNotStarted(session: RoundSession, what: 'change' | 'cancel'): void {
  if (session.round.status !== RoundStatus.Draft && session.startsAt <= new Date()) {
    throw RequestError.conflict(
      'status',
      `the session has ${session.endsAt <= new Date() ? 'ended' : 'started'}; it can no longer ${what === 'change' ? 'be changed' : 'be cancelled'}`,
    );
  }
}

function changes(
  input: UpdateSessionDto,
  session: RoundSession,
  field: (typeof TOLD_FIELDS)[number],
): boolean {
  return input[field] !== undefined && input[field] !== session[field];
}

function assertOpen(round: Round): void {
  if (CLOSED.includes(round.status)) {
    throw RequestError.conflict(
      'status',
      `round is ${round.status}; its sessions can no longer change`,
    );
  }
}

/** All the faults found at once, so the planner fixes them in one go. */
function refuse(problems: Array<FieldError | null>): void {
  const errors = problems.filter((problem): problem is FieldError => problem !== null);
  if (errors.length) throw new RequestError(HttpStatus.UNPROCESSABLE_ENTITY, errors);
}
