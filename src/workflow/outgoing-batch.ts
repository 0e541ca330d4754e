import { EntityManager } from '@mikro-orm/postgresql';
import { AttendanceMark } from '../attendance/attendance-mark.entity';
import { Material } from '../attendance/material.entity';
import { Recommendation } from '../attendance/recommendation.entity';
import { MessageStatus } from '../messaging/message-status';
import { TemplateName } from '../messaging/template-name';
import { Invitation } from '../rounds/invitation.entity';
import { RoundSession } from '../rounds/round-session.entity';
import { InvitationStatus } from '../rounds/invitation-status';
import { RoundStatus } from '../rounds/round-status';
import { SessionStatus } from '../rounds/session-kind';
import { Message } from '../messaging/message.entity';
import { WalkIn } from '../attendance/walk-in.entity';
import { Composition, ConfirmedAnswer } from './email-composer';
import { invitationsByContact } from './message-sessions';
import { toldOf } from './told/told-reader';
import { cancellationDue, changedSince, differenceSince, stateOf, Told } from './told/told-state';
import { StepKind } from './step-kind';
import { Step } from './step.entity';

/**
 * A reminder is due at a time the schedule it was written for set; a newer
 * schedule voids it. Notices are not bound: each is composed from what its
 * person was told, so a later change folds into it instead of voiding it.
 */
const VERSION_BOUND = new Set([StepKind.Remind]);

export type Outgoing =
  | { send: Composition; skip?: never }
  | { skip: { message: Message; reason: string }; send?: never };

/**
 * Reads what a batch of claimed messages needs, in a few statements whatever
 * its size: the messages still queued with their contacts, their steps with
 * round, campaign, county and staff, per step the invitations of all its
 * recipients, and for a follow-up what came out of the round. Each message
 * is then either ready to compose or skipped with the reason. Messages no
 * longer queued (sent meanwhile) are left out.
 */
export async function loadOutgoing(em: EntityManager, messageIds: string[]): Promise<Outgoing[]> {
  const messages = await em.find(
    Message,
    { id: { $in: messageIds }, status: MessageStatus.Queued },
    { populate: ['contact'] },
  );
  const stepIds = [...new Set(messages.map((message) => message.stepId).filter(isPresent))];
  const steps = await em.find(
    Step,
    { id: { $in: stepIds } },
    { populate: ['round.campaign', 'round.county', 'round.staff', 'session'] },
  );
  const outgoing: Outgoing[] = [];
  for (const step of steps) {
    const ofStep = messages.filter((message) => message.stepId === step.id);
    if (step.kind === StepKind.AttendanceOpens) {
      outgoing.push(...ofStep.map((message) => toStaff(message, step)));
      continue;
    }
    if (step.kind === StepKind.Report) {
      outgoing.push(...(await loadReportMail(em, step, ofStep)));
      continue;
    }
    const followUp = step.kind === StepKind.FollowUp ? await loadFollowUp(em, step) : undefined;
    if (followUp) {
      const toWalkIns = ofStep.filter((message) => !message.contact);
      outgoing.push(...(await loadWalkInThanks(em, step, toWalkIns, followUp.outcome)));
    }
    const live = ofStep.filter((message) => {
      if (followUp && !message.contact) return false;
      const reason = skipReason(message, step);
      if (reason) outgoing.push({ skip: { message, reason } });
      return !reason;
    });
    const invitations = await invitationsByContact(
      em,
      step,
      live.map((message) => (message.contact as NonNullable<Message['contact']>).id),
    );
    const told = await toldOf(
      em,
      [...invitations.values()].flat().map((invitation) => invitation.id),
    );
    for (const message of live) {
      const ofContact = invitations.get((message.contact as NonNullable<Message['contact']>).id);
      const about = ofContact && aboutOf(step, message, ofContact, told, followUp);
      outgoing.push(
        about?.length
          ? {
              send: {
                message,
                step,
                round: step.round,
                invitations: about,
                told,
                outcome: followUp?.outcome,
              },
            }
          : { skip: { message, reason: nothingLeftReason(step) } },
      );
    }
  }
  outgoing.push(
    ...(await loadConfirmations(
      em,
      messages.filter((m) => !m.stepId && m.invitation),
    )),
  );
  const known = new Set(steps.map((step) => step.id));
  for (const message of messages.filter((m) => (m.stepId ? !known.has(m.stepId) : !m.invitation))) {
    outgoing.push({ skip: { message, reason: 'it belongs to no workflow step' } });
  }
  return outgoing;
}

/**
 * What a follow-up step's e-mails share: the round's recommendations and
 * materials, and which invitations were marked present. A thank-you lists
 * the sessions the person came to; a summary for someone who missed the
 * round lists those they had accepted, or all of theirs when they had not.
 */
type FollowUpOutcome = NonNullable<Composition['outcome']>;

async function loadFollowUp(em: EntityManager, step: Step) {
  const [recommendations, materials, present] = await Promise.all([
    em.find(Recommendation, { round: step.round }, { orderBy: { position: 'asc' } }),
    em.find(Material, { round: step.round }, { orderBy: { createdAt: 'asc' } }),
    em.find(AttendanceMark, { attendance: { session: { round: step.round } }, present: true }),
  ]);
  const presentIds = new Set(present.map((mark) => mark.invitation.id));
  return {
    outcome: { recommendations, materials },
    sessionsFor(message: Message, invitations: Invitation[]): Invitation[] {
      if (message.template === TemplateName.FollowUpThanks) {
        return invitations.filter((invitation) => presentIds.has(invitation.id));
      }
      const accepted = invitations.filter((i) => i.status === InvitationStatus.Accepted);
      return accepted.length > 0 ? accepted : invitations;
    },
  };
}

/**
 * The thank-you to walk-ins, each about the sessions their address was
 * written down at, under the name they last gave. An address opted out or
 * archived since the message was written is skipped.
 */
async function loadWalkInThanks(
  em: EntityManager,
  step: Step,
  messages: Message[],
  outcome: FollowUpOutcome,
): Promise<Outgoing[]> {
  if (messages.length === 0) return [];
  const addresses = messages.map((message) => message.recipient);
  const [walkIns, barred] = await Promise.all([
    em.find(
      WalkIn,
      {
        email: { $in: addresses },
        attendance: { session: { round: step.round, status: SessionStatus.Planned } },
      },
      {
        populate: ['attendance.session'],
        orderBy: { attendance: { session: { startsAt: 'asc' } } },
      },
    ),
    em.getConnection().execute<Array<{ email: string }>>(
      `select lower(email) as email from contact
        where lower(email) in (?) and (opted_out or archived_at is not null)`,
      [addresses],
    ),
  ]);
  const barredAddresses = new Set(barred.map((row) => row.email));
  return messages.map((message): Outgoing => {
    if (barredAddresses.has(message.recipient)) {
      return { skip: { message, reason: 'the address opted out or was archived' } };
    }
    const written = walkIns.filter((walkIn) => walkIn.email === message.recipient);
    if (written.length === 0) {
      return {
        skip: { message, reason: "the walk-in is no longer on any planned session's sheet" },
      };
    }
    const sessions = [
      ...new Map(written.map((w) => [w.attendance.session.id, w.attendance.session])).values(),
    ];
    return {
      send: {
        message,
        step,
        round: step.round,
        invitations: [],
        outcome,
        walkIn: { fullName: written.at(-1)!.fullName, sessions },
      },
    };
  });
}

/**
 * Confirmations of answers, each about its invitation as it stands when it
 * is sent. One superseded by a later answer's confirmation is skipped: the
 * invitee learns only what holds.
 */
async function loadConfirmations(em: EntityManager, messages: Message[]): Promise<Outgoing[]> {
  if (messages.length === 0) return [];
  const invitationIds = messages.map((message) => (message.invitation as Invitation).id);
  const [invitations, substitutes, newer] = await Promise.all([
    em.find(
      Invitation,
      { id: { $in: invitationIds } },
      { populate: ['session.round.campaign', 'session.round.county', 'session.round.staff'] },
    ),
    em.find(
      Invitation,
      { substituteFor: { $in: invitationIds } },
      { populate: ['contact'], orderBy: { createdAt: 'asc' } },
    ),
    em.getConnection().execute<Array<{ id: string }>>(
      `select m.id from message m
        where m.id in (?) and exists (
          select 1 from message later
           where later.invitation_id = m.invitation_id and later.created_at > m.created_at)`,
      [messages.map((message) => message.id)],
    ),
  ]);
  const superseded = new Set(newer.map((row) => row.id));
  const told = await toldOf(em, invitationIds);
  return messages.map((message): Outgoing => {
    const invitation = invitations.find((i) => i.id === (message.invitation as Invitation).id);
    const reason = superseded.has(message.id)
      ? 'a later answer replaced it'
      : !invitation || invitation.status === InvitationStatus.Pending
        ? 'the invitation has no answer to confirm'
        : calledOff(invitation)
          ? 'the session was cancelled after the answer: its cancellation says so'
          : invitation.status === InvitationStatus.Withdrawn
            ? 'the invitation was withdrawn after the answer: its withdrawal says so'
            : contactReason(message);
    if (reason || !invitation) return { skip: { message, reason: reason ?? '' } };
    const substitute = substitutes.filter((s) => s.substituteFor?.id === invitation.id).at(-1);
    return {
      send: {
        message,
        round: invitation.session.round,
        invitations: [invitation],
        told,
        answer: {
          given: invitation.status as ConfirmedAnswer,
          substituteName: substitute?.contact.fullName ?? null,
        },
      },
    };
  });
}

function calledOff(invitation: Invitation): boolean {
  return (
    invitation.session.status === SessionStatus.Cancelled ||
    invitation.session.round.status === RoundStatus.Cancelled
  );
}

/** The attendance link goes to whoever is in charge when it leaves, while the session is on. */
function toStaff(message: Message, step: Step): Outgoing {
  const session = step.session;
  if (
    !session ||
    session.status !== SessionStatus.Planned ||
    step.round.status === RoundStatus.Cancelled
  ) {
    return { skip: { message, reason: 'the session was cancelled' } };
  }
  if (!step.round.staff) return { skip: { message, reason: 'the round has no one in charge' } };
  return { send: { message, step, round: step.round, invitations: [], staffSessions: [session] } };
}

/**
 * The report step's e-mails: the report to each recipient (composed from the
 * round as it stands when it leaves), or the reminder to the staff member in
 * charge with the link to each sheet still to fill in.
 */
async function loadReportMail(
  em: EntityManager,
  step: Step,
  messages: Message[],
): Promise<Outgoing[]> {
  if (step.round.status === RoundStatus.Cancelled) {
    return messages.map((message) => ({ skip: { message, reason: 'the round was cancelled' } }));
  }
  const sessions = await em.find(
    RoundSession,
    { round: step.round, status: SessionStatus.Planned },
    { orderBy: { startsAt: 'asc' } },
  );
  return messages.map((message): Outgoing => {
    if (message.template !== TemplateName.AttendanceMissing) {
      return { send: { message, step, round: step.round, invitations: [] } };
    }
    if (!step.round.staff) return { skip: { message, reason: 'the round has no one in charge' } };
    return { send: { message, step, round: step.round, invitations: [], staffSessions: sessions } };
  });
}

/**
 * The invitations an e-mail of the step is about: for a notice, only the
 * sessions whose news the person has not had yet (a change since what they
 * were told, or a cancellation they were not told of).
 */
function aboutOf(
  step: Step,
  message: Message,
  invitations: Invitation[],
  told: Map<string, Told>,
  followUp: Awaited<ReturnType<typeof loadFollowUp>> | undefined,
): Invitation[] {
  switch (step.kind) {
    case StepKind.ChangeNotice:
      return invitations.filter((invitation) =>
        changedSince(
          differenceSince(told.get(invitation.id), stateOf(invitation, false), message.language),
        ),
      );
    case StepKind.CancelNotice:
      return invitations.filter((invitation) =>
        cancellationDue(told.get(invitation.id), invitation.status),
      );
    case StepKind.FollowUp:
      return followUp ? followUp.sessionsFor(message, invitations) : invitations;
    default:
      return invitations;
  }
}

function nothingLeftReason(step: Step): string {
  return step.kind === StepKind.ChangeNotice || step.kind === StepKind.CancelNotice
    ? 'the person already knows: nothing changed since their last e-mail'
    : 'none of its sessions is still planned';
}

function skipReason(message: Message, step: Step): string | null {
  if (VERSION_BOUND.has(step.kind) && step.version !== step.round.scheduleVersion) {
    return 'the round was rescheduled or cancelled before it left';
  }
  return contactReason(message);
}

function contactReason(message: Message): string | null {
  if (!message.contact || message.contact.optedOut || message.contact.archivedAt) {
    return 'the contact opted out or was archived';
  }
  return null;
}

function isPresent<T>(value: T | null): value is T {
  return value !== null;
}
