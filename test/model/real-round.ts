import { signId } from '../../src/rsvp/signed-id-token';
import { pageRequest } from '../support/page-request';
import { contact, draftRound, fastCampaign } from '../support/round-fixture';
import type { SmtpSink } from '../support/smtp-sink';
import type { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import type { WorkerProcess } from '../support/worker-process';
import { Language, ModelPerson, RoundModel, Wording } from './model';
import { readMail, ToldMail } from './told-mail';

/** The venue draftRound gives every session, in each language. */
const FIRST_VENUE: Record<Language, string> = {
  sq: 'Institucioni i Prefektit të qarkut Elbasan',
  en: 'Prefect’s Institution, Elbasan county',
};

/** The real product a run drives: the app, the sink, and where its round is. */
export interface RealRound {
  app: TestApp;
  sink: SmtpSink;
  run: string;
  /** A worker process beside the app's own workers, which a command restarts. */
  worker: { process: WorkerProcess };
}

const MINUTE = 60_000;

/** The campaign reminds non-responders this long before the first session. */
export const REMIND_BEFORE_MS = 30 * MINUTE;

/**
 * A scheduled round of two sessions 40 and 80 minutes ahead; three people
 * invited to the first, the first two also to the second. Ben reads his
 * e-mails in English, the others in Albanian. The invitations are on their
 * way when this returns.
 */
export async function scheduledRound(real: RealRound): Promise<RoundModel> {
  const { app, run } = real;
  // Half an hour before sessions 40 minutes ahead: due only once RemindNow moves the first one.
  const campaignId = await fastCampaign(app, {
    inviteBefore: 'P3D',
    reminders: [{ before: 'PT30M', audience: 'non_responders' }],
  });
  const people: ModelPerson[] = [];
  const speakers: Array<[string, Language]> = [
    ['arta', 'sq'],
    ['ben', 'en'],
    ['dea', 'sq'],
  ];
  for (const [name, language] of speakers) {
    const email = `${name}.${run}@example.al.test`;
    const contactId = await contact(app, name, email, { language });
    people.push({
      contactId,
      email,
      language,
      optedOut: false,
      answers: new Map(),
      invitationOf: new Map(),
    });
  }
  const audiences = [people, people.slice(0, 2)];
  const { roundId, sessionIds } = await draftRound(
    app,
    campaignId,
    audiences.map((audience, i) => ({
      titleSq: `Takim ${i}`,
      titleEn: `Meeting ${i}`,
      startInMs: (i + 1) * 40 * MINUTE,
      audience: { contactIds: audience.map((p) => p.contactId) },
    })),
  );
  const scheduled = await app.post(`/api/rounds/${roundId}/schedule`);
  if (scheduled.status !== 200) throw new Error(`schedule: ${JSON.stringify(scheduled.body)}`);
  const round = (await app.get(`/api/rounds/${roundId}`)).body;
  const model: RoundModel = {
    run,
    roundId,
    roundStatus: 'scheduled',
    sessions: sessionIds.map((id) => {
      const s = round.sessions.find((x: any) => x.id === id);
      return {
        id,
        startsAt: Date.parse(s.startsAt),
        endsAt: Date.parse(s.endsAt),
        wording: {
          sq: { venue: FIRST_VENUE.sq, title: s.titleSq },
          en: { venue: FIRST_VENUE.en, title: s.titleEn },
        } satisfies Record<Language, Wording>,
        cancelled: false,
      };
    }),
    people,
    reminded: false,
    drainedAt: 0,
    mayBeTold: new Set(people.map((p) => p.email.toLowerCase())),
    serial: 0,
  };
  const invitations = await roundInvitations(real, roundId, 5);
  for (const invitation of invitations) {
    const person = people.find((p) => p.contactId === invitation.contact.id) as ModelPerson;
    person.answers.set(invitation.session.id, 'pending');
    person.invitationOf.set(invitation.session.id, invitation.id);
  }
  return model;
}

export function roundInvitations(real: RealRound, roundId: string, atLeast: number) {
  return waitFor(`${atLeast} invitations written`, async () => {
    const items = (await real.app.get(`/api/rounds/${roundId}/invitations?limit=200`)).body
      .items as any[];
    return items.length >= atLeast ? items : undefined;
  });
}

/**
 * Each run's people browse from an address of their own, so a soak of many
 * runs stays within the pages' rate limit per client, as many real invitees do.
 */
function clientOf(real: Pick<RealRound, 'run'>): string {
  let hash = 0;
  for (const char of real.run) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${hash & 255}`;
}

/** Answers through the RSVP page as the invitee's browser would. */
export function rsvp(
  real: Pick<RealRound, 'app' | 'run'>,
  invitationId: string,
  form: Record<string, string>,
) {
  const token = signId('rsvp', invitationId, real.app.config.appSecret);
  return pageRequest(real.app.baseUrl, clientOf(real), 'POST', `/rsvp/${token}`, form);
}

export function optOut(real: Pick<RealRound, 'app' | 'run'>, contactId: string) {
  const token = signId('opt-out', contactId, real.app.config.appSecret);
  return pageRequest(real.app.baseUrl, clientOf(real), 'POST', `/unsubscribe/${token}`, {
    'List-Unsubscribe': 'One-Click',
  });
}

/** Until the round's e-mails are all sent and no step of it is due and still pending. */
export async function drained(real: RealRound, roundId: string): Promise<void> {
  const connection = real.app.orm.em.fork().getConnection();
  await waitFor(
    'the round to drain',
    async () => {
      const [row] = await connection.execute<{ busy: number }[]>(
        `select (select count(*) from message where round_id = ? and status = 'queued')::int
              + (select count(*) from step where round_id = ? and status in ('pending', 'running')
                   and due_at <= now())::int as busy`,
        [roundId, roundId],
      );
      return row.busy === 0 || undefined;
    },
    30_000,
  );
}

/** Has this person received an e-mail about the session (so holds a link to answer)? */
export function hasBeenTold(real: RealRound, person: ModelPerson, sessionId: string): boolean {
  const uid = `session-${sessionId}.contact-${person.contactId}@`;
  return toldMails(real).some(
    (m) => m.to === person.email.toLowerCase() && m.events.some((e) => e.uid.startsWith(uid)),
  );
}

export function toldMails(real: RealRound): ToldMail[] {
  return real.sink.messages
    .filter((m) => m.envelope.to[0]?.includes(`.${real.run}@`))
    .map(readMail);
}
