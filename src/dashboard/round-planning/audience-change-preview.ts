import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { FieldError } from '../../common/error-body';
import { Contact } from '../../directory/contacts/contact.entity';
import { UpdateSessionDto } from '../../rounds/dto/session.dto';
import { AudienceResolver } from '../../rounds/audience-resolver';
import { InvitationStatus } from '../../rounds/invitation-status';
import { Invitation } from '../../rounds/invitation.entity';
import { RoundSession } from '../../rounds/round-session.entity';
import { AudienceIds, audienceIdsOf, inactiveAudienceIds } from '../../rounds/session-audience';
import { INVITE_RAN } from '../../workflow/round-step-plan';
import { RoundTimeline } from '../../workflow/round-timeline';
import { nextSendTime } from '../../workflow/send-window';
import { StepKind, StepStatus } from '../../workflow/step-kind';
import { toldOf } from '../../workflow/told/told-reader';
import { cancellationDue } from '../../workflow/told/told-state';
import { leavingInvitations, seatsOf } from '../../workflow/withdrawals';
import { dtoProblems } from './form-errors';
import { NoticeRecipients } from './notice-recipients';
import { previewFingerprint } from './preview-fingerprint';
import { atOnce } from './step-rows';

/** Someone the change invites or takes back, as the preview lists them. */
export interface AudiencePersonRow {
  contactId: string;
  fullName: string;
  email: string;
  institutionName: string | null;
  /** Their answer so far; null for someone not invited yet. */
  status: InvitationStatus | null;
  /** For a colleague withdrawn with the person who sent them: that person's name. */
  standsInFor: string | null;
}

/** What confirming a new audience will do; nothing of it has happened yet. */
export interface AudienceChangePreview {
  /** The round's invitations have gone out: the change invites late and withdraws. */
  inviteSent: boolean;
  /** Who gets an invitation, and when it goes (null: with the round's invitations, not planned yet). */
  invited: AudiencePersonRow[];
  inviteAt: Date | null;
  inviteAtOnce: boolean;
  /** Whose invitation is withdrawn and who hears of it ("Invitation withdrawn"). */
  told: AudiencePersonRow[];
  noticeAt: Date | null;
  noticeAtOnce: boolean;
  /** Withdrawn, or no longer to be invited, with no e-mail: nothing had reached them. */
  silent: AudiencePersonRow[];
  /** How many of the withdrawn are colleagues who go with the person who sent them. */
  colleagues: number;
  fingerprint: string;
}

/** What the change does to people, before or after the round's invitations went out. */
interface Change {
  invited: Contact[];
  inviteAt: Date | null;
  told: AudiencePersonRow[];
  silent: AudiencePersonRow[];
  colleagues: number;
  standing: string[];
}

const BY_NAME = new Intl.Collator('sq');

/** The refusal of an audience that changes nobody's invitation, as the form shows it. */
export const NOTHING_CHANGES: FieldError = {
  field: 'audience',
  reason: 'yields the same people as now; nothing would change',
};

export function changesNothing(preview: AudienceChangePreview): boolean {
  return preview.invited.length + preview.told.length + preview.silent.length === 0;
}

/**
 * Works out a change of a running session's audience the way
 * RoundScheduler.updateSession carries it out, from the same pieces: the
 * AudienceResolver's people for the new audience against the session's
 * invitations; a late invitation (InvitationWriter) for those with none or
 * a withdrawn one; a withdrawal for the invited the audience no longer
 * yields, read by the withdrawal's own queries (leavingInvitations,
 * seatsOf); and, by the told state and the rule the cancellation notice
 * reads (cancellationDue), who of the withdrawn hears of it.
 * Before the round's invitations have gone out, the audience only decides
 * who they will go to.
 */
@Injectable()
export class AudienceChangePreviewBuilder {
  constructor(
    private readonly em: EntityManager,
    private readonly resolver: AudienceResolver,
    private readonly timeline: RoundTimeline,
    private readonly recipients: NoticeRecipients,
  ) {}

  /** The reasons the API would refuse this audience, by its field names (`audience.contactIds[2]`). */
  async problems(session: RoundSession, audience: AudienceIds): Promise<FieldError[]> {
    const { problems } = await dtoProblems(UpdateSessionDto, { audience });
    if (problems.length) return problems;
    return inactiveAudienceIds(this.em, audience, audienceIdsOf(session));
  }

  /** Needs the session's round, campaign and audience loaded; the audience checked by problems(). */
  async build(
    session: RoundSession,
    audience: AudienceIds,
    now = new Date(),
  ): Promise<AudienceChangePreview> {
    const round = session.round;
    const { policy, timeZone } = round.campaign;
    const current = audienceIdsOf(session);
    const resolved = await this.resolver.resolveAudiences(
      new Map([
        ['now', current],
        ['new', audience],
      ]),
    );
    const wanted = resolved.get('new') ?? [];
    const { steps } = await this.timeline.schedule(round.id);
    const inviteSent = steps.some(
      (step) => step.kind === StepKind.Invite && INVITE_RAN.includes(step.status),
    );
    const sendAt = nextSendTime(now, policy.sendWindow, timeZone);

    const change = inviteSent
      ? await this.afterInvitations(session, wanted, sendAt)
      : await this.beforeInvitations(resolved.get('now') ?? [], wanted, steps);
    const { told, silent, inviteAt } = change;
    const invited = sorted((await this.withInstitutions(change.invited)).map(contactRow));
    const noticeAt = told.length ? sendAt : null;
    const ids = (rows: AudiencePersonRow[]) => rows.map((row) => row.contactId).sort();
    return {
      inviteSent,
      invited,
      inviteAt: invited.length ? inviteAt : null,
      inviteAtOnce: invited.length > 0 && atOnce(inviteAt, now),
      told,
      noticeAt,
      noticeAtOnce: atOnce(noticeAt, now),
      silent,
      colleagues: change.colleagues,
      // Who stands invited and who was told move without the schedule version (an invitation
      // leaving, a colleague sent), and they change what confirming does.
      fingerprint: previewFingerprint({
        version: round.scheduleVersion,
        from: sortedIds(current),
        to: sortedIds(audience),
        standing: change.standing,
        invited: ids(invited),
        told: ids(told),
        silent: ids(silent),
      }),
    };
  }

  /**
   * Once the invitations are out: a late invitation for whoever of the new
   * audience has none (or a withdrawn one), and a withdrawal for the
   * invited it no longer yields, with the colleagues they sent.
   */
  private async afterInvitations(
    session: RoundSession,
    wanted: Contact[],
    sendAt: Date,
  ): Promise<Change> {
    const wantedIds = new Set(wanted.map((contact) => contact.id));
    const invitations = await this.recipients.invitationsOf(session.round, session);
    const live = invitations.filter((i) => i.status !== InvitationStatus.Withdrawn);
    const invitedAlready = new Set(live.map((invitation) => invitation.contact.id));
    // The withdrawal's own reading: who leaves, and the seats that go with them.
    const leavers = await leavingInvitations(this.em, session.id, [...wantedIds]);
    const seats = new Set(await seatsOf(this.em, leavers));
    const withdrawn = invitations.filter((invitation) => seats.has(invitation.id));
    const toldState = await toldOf(this.em, [...seats]);
    // As the cancellation notice reads it (opted-out and archived contacts hear nothing).
    const hears = (invitation: Invitation) =>
      invitable(invitation.contact) &&
      cancellationDue(toldState.get(invitation.id), InvitationStatus.Withdrawn);
    const byId = new Map(invitations.map((invitation) => [invitation.id, invitation]));
    const row = (invitation: Invitation) =>
      invitationRow(invitation, byId.get(invitation.substituteFor?.id ?? ''));
    return {
      invited: wanted.filter((contact) => !invitedAlready.has(contact.id)),
      inviteAt: sendAt,
      told: sorted(withdrawn.filter(hears).map(row)),
      silent: sorted(withdrawn.filter((invitation) => !hears(invitation)).map(row)),
      colleagues: withdrawn.length - leavers.length,
      standing: live.map((invitation) => invitation.id).sort(),
    };
  }

  /** Nobody has an invitation yet: the round's invite step writes them for the audience it finds. */
  private async beforeInvitations(
    before: Contact[],
    wanted: Contact[],
    steps: Array<{ kind: StepKind; status: StepStatus; dueAt: Date }>,
  ): Promise<Change> {
    const beforeIds = new Set(before.map((contact) => contact.id));
    const wantedIds = new Set(wanted.map((contact) => contact.id));
    const dropped = before.filter((contact) => !wantedIds.has(contact.id));
    const invite = steps.find(
      (step) => step.kind === StepKind.Invite && step.status === StepStatus.Pending,
    );
    return {
      invited: wanted.filter((contact) => !beforeIds.has(contact.id)),
      inviteAt: invite?.dueAt ?? null,
      told: [],
      silent: sorted((await this.withInstitutions(dropped)).map(contactRow)),
      colleagues: 0,
      standing: [],
    };
  }

  /** The resolver's contacts come without their institution; the preview names it. */
  private async withInstitutions(contacts: Contact[]): Promise<Contact[]> {
    if (contacts.length === 0) return [];
    return this.em.find(
      Contact,
      { id: { $in: contacts.map((contact) => contact.id) } },
      { populate: ['institution'] },
    );
  }
}

/** Who the audience resolver would still yield: the withdrawal leaves the others alone. */
function invitable(contact: Contact): boolean {
  return !contact.optedOut && contact.archivedAt === null;
}

function invitationRow(invitation: Invitation, sentBy: Invitation | undefined): AudiencePersonRow {
  return {
    ...contactRow(invitation.contact),
    status: invitation.status,
    standsInFor: sentBy?.contact.fullName ?? null,
  };
}

function contactRow(contact: Contact): AudiencePersonRow {
  return {
    contactId: contact.id,
    fullName: contact.fullName,
    email: contact.email,
    institutionName: contact.institution?.name ?? null,
    status: null,
    standsInFor: null,
  };
}

function sorted(rows: AudiencePersonRow[]): AudiencePersonRow[] {
  return rows.sort(
    (a, b) => BY_NAME.compare(a.fullName, b.fullName) || a.contactId.localeCompare(b.contactId),
  );
}

function sortedIds(audience: AudienceIds) {
  return {
    committeeIds: [...audience.committeeIds].sort(),
    institutionIds: [...audience.institutionIds].sort(),
    contactIds: [...audience.contactIds].sort(),
  };
}
