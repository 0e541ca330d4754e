import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { HttpStatus, Injectable } from '@nestjs/common';
import { User } from '../auth/entities/user.entity';
import { RequestError } from '../common/request-error';
import { AppConfig } from '../config/app-config';
import { Contact } from '../directory/contacts/contact.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { AnswerMail } from '../workflow/answer-mail';
import { Invitation } from '../rounds/invitation.entity';
import { RoundStatus } from '../rounds/round-status';
import { SessionStatus } from '../rounds/session-kind';
import { Answer, STATUS_AFTER } from './answer';
import { AnswerProblem } from './answer-problem';
import { InvitationResponse } from './invitation-response.entity';
import { ResponseSource } from './response-source';
import { verifySignedId } from './signed-id-token';
import { inviteSubstitute, SubstituteInput } from './substitute';
import { moveSeat, movesSeat } from './seat-back';
import { holdRoundAgainstSends } from '../workflow/send-locks';
import { Step } from '../workflow/step.entity';

export interface AnswerInput {
  answer: Answer;
  source: ResponseSource;
  note?: string | null;
  /** Given with Answer.Delegate, and only then. */
  substitute?: SubstituteInput | null;
  /** The staff member recording an answer given by phone, letter, e-mail or in person. */
  recordedBy?: User | null;
}

export interface AnswerResult {
  /** With its session (round, campaign, county) and contact (institution) loaded. */
  invitation: Invitation;
  /** For a delegate answer: the colleague's invitation, new or one they already had. */
  substituteInvitation?: Invitation;
  /** False when the answer repeated the current one and nothing was written. */
  changed: boolean;
  /** Steps the answer planned (a seat moved: see moveSeat), to queue after the commit. */
  planned: Step[];
}

/**
 * The answer moves a seat, but its transaction did not hold the round
 * against sends: it is run again, taking that hold before the invitation's
 * row lock, the order every change of the round takes them in.
 */
class RoundHoldNeeded extends Error {
  constructor(readonly roundId: string) {
    super(`answer needs the hold on round ${roundId}`);
  }
}

/** What the RSVP page and the invitation view show (see withStandsInFor for the rest). */
const INVITATION_POPULATE = [
  'session.round.campaign',
  'session.round.county',
  'contact.institution',
] as const;

/**
 * Records answers to invitations, from the invitee's link or from staff, with
 * the same rules: answers close when the session starts, the last answer
 * wins, and repeating the current answer changes nothing.
 */
@Injectable()
export class RsvpService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly answerMail: AnswerMail,
  ) {}

  /**
   * The invitation an RSVP link stands for. A link that is forged, tampered,
   * made for another purpose, or whose session has ended gets the same 404:
   * the answer must not tell a guesser which ids exist.
   */
  async invitationForLink(token: string): Promise<Invitation> {
    const id = verifySignedId('rsvp', token, this.config.appSecret);
    const invitation =
      id && (await this.em.findOne(Invitation, { id }, { populate: INVITATION_POPULATE }));
    if (!invitation || invitation.session.endsAt <= new Date()) {
      throw RequestError.notFound('invitation');
    }
    return withStandsInFor(this.em, invitation);
  }

  async get(id: string): Promise<Invitation> {
    const invitation = await this.em.findOne(Invitation, { id }, { populate: INVITATION_POPULATE });
    if (!invitation) throw RequestError.notFound('invitation');
    return withStandsInFor(this.em, invitation);
  }

  /** Who comes in the invitee's place: the colleague named by the answer that delegated. */
  async currentSubstitute(invitation: Invitation): Promise<Contact | null> {
    if (invitation.status !== InvitationStatus.Delegated) return null;
    return (await latestResponse(this.em, invitation))?.substitute ?? null;
  }

  /** Every answer the invitation received, oldest first. */
  async history(invitation: Invitation): Promise<InvitationResponse[]> {
    return this.em.find(
      InvitationResponse,
      { invitation },
      { populate: ['substitute', 'recordedBy'], orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  /**
   * Records an answer in one transaction: the invitation's status, a history
   * entry and, for a delegate answer, the colleague's contact and invitation;
   * when a seat moves (see moveSeat) the colleague's withdrawal too. After the
   * commit AnswerMail writes what it sets off; `changed` tells whether there
   * was anything new to tell.
   *
   * @throws AnswerProblem (409 once the session started or was cancelled,
   * 422 for an unusable colleague), or a 404 for an unknown invitation.
   */
  async answer(invitationId: string, input: AnswerInput): Promise<AnswerResult> {
    if ((input.answer === Answer.Delegate) !== !!input.substitute) {
      throw new AnswerProblem(
        'substitute-mismatch',
        HttpStatus.UNPROCESSABLE_ENTITY,
        'substitute',
        'is given with answer delegate, and only then',
      );
    }
    let result: AnswerResult | undefined;
    let roundHeld: string | undefined;
    while (!result) {
      try {
        result = await this.em.transactional((em) =>
          this.record(em, invitationId, input, roundHeld),
        );
      } catch (error) {
        if (!(error instanceof RoundHoldNeeded) || roundHeld) throw error;
        roundHeld = error.roundId;
      }
    }
    await this.answerMail.afterAnswer(result);
    return result;
  }

  private async record(
    em: EntityManager,
    invitationId: string,
    input: AnswerInput,
    roundHeld: string | undefined,
  ): Promise<AnswerResult> {
    if (roundHeld) await holdRoundAgainstSends(em, roundHeld);
    // Two answers to one invitation take turns, so the second sees what the first wrote.
    const invitation = await em.findOne(
      Invitation,
      { id: invitationId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!invitation) throw RequestError.notFound('invitation');
    // Read after the lock, so that the history's order is the order the answers took effect.
    const now = new Date();
    // After the lock: FOR UPDATE refuses the outer joins of a populate.
    await em.populate(invitation, INVITATION_POPULATE);
    await withStandsInFor(em, invitation);
    assertOpen(invitation, now);

    const status = STATUS_AFTER[input.answer];
    const previous = invitation.status === status ? await latestResponse(em, invitation) : null;
    const substituteInvitation = input.substitute
      ? await inviteSubstitute(em, invitation, input.substitute)
      : undefined;
    const repeated =
      invitation.status === status &&
      (!substituteInvitation || previous?.substitute?.id === substituteInvitation.contact.id);
    if (repeated) return { invitation, substituteInvitation, changed: false, planned: [] };
    const seatMoves = movesSeat(invitation.status, status, substituteInvitation);
    if (seatMoves && !roundHeld) throw new RoundHoldNeeded(invitation.session.round.id);

    invitation.status = status;
    invitation.respondedAt = now;
    em.create(InvitationResponse, {
      invitation,
      answer: input.answer,
      source: input.source,
      note: input.note ?? null,
      substitute: substituteInvitation?.contact ?? null,
      recordedBy: input.recordedBy ?? null,
      createdAt: now,
    });
    const planned = seatMoves ? await moveSeat(em, invitation, substituteInvitation, now) : [];
    return { invitation, substituteInvitation, changed: true, planned };
  }
}

/**
 * Loads whom a colleague's invitation stands in for. Only a colleague's
 * invitation has one, so it is read apart: joined to every invitation's
 * read, that nested outer join cost a third of the RSVP page's CPU.
 */
async function withStandsInFor(em: EntityManager, invitation: Invitation): Promise<Invitation> {
  if (invitation.substituteFor) await em.populate(invitation, ['substituteFor.contact']);
  return invitation;
}

function latestResponse(
  em: EntityManager,
  invitation: Invitation,
): Promise<InvitationResponse | null> {
  return em.findOne(
    InvitationResponse,
    { invitation },
    { populate: ['substitute'], orderBy: { createdAt: 'desc' } },
  );
}

/** An answer is for planning: once the session starts, or if it was called off, there is nothing to plan. */
function assertOpen(invitation: Invitation, now: Date): void {
  const { session } = invitation;
  if (invitation.status === InvitationStatus.Withdrawn) {
    throw new AnswerProblem(
      'invitation-withdrawn',
      HttpStatus.CONFLICT,
      'answer',
      'the invitation was withdrawn; there is nothing to answer',
    );
  }
  if (
    session.status === SessionStatus.Cancelled ||
    session.round.status === RoundStatus.Cancelled
  ) {
    throw new AnswerProblem(
      'session-cancelled',
      HttpStatus.CONFLICT,
      'answer',
      'the session was cancelled; there is nothing to answer',
    );
  }
  if (session.startsAt <= now) {
    throw new AnswerProblem(
      'answers-closed',
      HttpStatus.CONFLICT,
      'answer',
      'the session has started; answers can no longer change',
    );
  }
}
