import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { toSearchKey } from '../../src/common/search-key';
import { ELBASAN } from '../../test/support/elbasan-round';
import { fastCampaign } from '../../test/support/round-fixture';
import { SmtpSink } from '../../test/support/smtp-sink';
import { TestApp } from '../../test/support/test-app';
import { waitFor } from '../../test/support/wait-for';
import { startWorkers } from './bench-services';

/*
 * The data the page benchmark reads: one scheduled round in Elbasan, a week
 * ahead, whose four sessions invite 40 institutions. What the office enters
 * by hand (campaign, institutions, round, sessions, scheduling, the answers
 * staff record) goes through the API; the contacts go in as one set-based
 * insert. The invitations and every e-mail are written by the real
 * workflow: a worker process runs the invite step and sends the
 * invitations, answer confirmations and colleagues' invitations to a local
 * SMTP sink; both are gone before anything is measured.
 */

const TIME_ZONE = 'Europe/Tirane';
const INSTITUTIONS = 40;
/** The round's invitees; the delegations below bring a colleague each, for 1,000 invitations. */
const CONTACTS = 980;
/** Day, local start, session of the Elbasan round: two days, 90 minutes each. */
const SESSION_TIMES: Array<[day: number, start: string]> = [
  [0, '09:00'],
  [0, '11:00'],
  [0, '14:00'],
  [1, '09:00'],
];
const SESSION_MINUTES = 90;
/** As the product starts its workers. */
const WORKER_NODE_FLAGS = ['--max-old-space-size=256'];
const WORKFLOW_TIMEOUT_MS = 5 * 60_000;
/** Staff record answers a few at a time, as several people on the phone would. */
const ANSWERS_IN_FLIGHT = 4;

const INSTITUTION_NAMES: Array<[kind: string, name: (n: number) => string]> = [
  ['school', (n) => `Shkolla 9-vjeçare nr. ${n}, Elbasan`],
  ['municipality', (n) => `Njësia Administrative ${n}, Bashkia Elbasan`],
  ['civil_society_organisation', (n) => `Qendra Rinore “Shpresa” ${n}, Elbasan`],
  ['police', (n) => `Komisariati i Policisë nr. ${n}, Elbasan`],
  ['employment_office', (n) => `Zyra e Punësimit, pika ${n}, Elbasan`],
];
const FIRST_NAMES = 'Arbër Drita Blerina Gëzim Elira Ilir Mirela Besnik Jonida Fatos'.split(' ');
const LAST_NAMES = 'Hoxha Koçi Shehu Leka Dervishi Çela Gjoka Marku Prifti Kola'.split(' ');
const POSITIONS = ['Mësues', 'Specialist', 'Drejtor', 'Punonjës social', 'Inspektor'];

export interface PagesData {
  roundId: string;
  sessionIds: string[];
  institutions: number;
  invitations: number;
  /** Invitations with at least one answer recorded, and answers in all (some changed their mind). */
  answered: number;
  answers: number;
  /** E-mails the round's message log shows as sent. */
  messages: number;
  apiCalls: number;
}

/**
 * Staff answers by the invitation's place in the round (ordered by e-mail),
 * one in fifty: 22 accept, 7 decline, 1 sends a colleague, 2 accept and
 * then decline, 18 have not answered. 980 invitees give 20 colleagues.
 */
function answersFor(index: number): Array<'accept' | 'decline' | 'delegate'> {
  const place = index % 50;
  if (place < 22) return ['accept'];
  if (place < 29) return ['decline'];
  if (place === 29) return ['delegate'];
  if (place < 32) return ['accept', 'decline'];
  return [];
}

export async function seedPagesData(app: TestApp): Promise<PagesData> {
  const api = new Api(app);
  const countyId = await app.countyId('Elbasan');
  const institutionIds: string[] = [];
  for (let i = 0; i < INSTITUTIONS; i++) {
    const [kind, name] = INSTITUTION_NAMES[i % INSTITUTION_NAMES.length];
    const created = await api.send<{ id: string }>('POST', '/api/institutions', {
      name: name(Math.floor(i / INSTITUTION_NAMES.length) + 1),
      kind,
      countyId,
    });
    institutionIds.push(created.id);
  }
  await insertContacts(app, institutionIds);

  // One API call of its own, not through Api.send.
  api.calls += 1;
  const campaignId = await fastCampaign(app, {
    inviteBefore: 'P14D',
    reminders: [
      { before: 'P3D', audience: 'non_responders' },
      { before: 'P1D', audience: 'accepted' },
    ],
  });
  const { roundId, sessionIds } = await createRound(api, campaignId, countyId, institutionIds);
  const answers = await runWorkflow(api, roundId);

  const counts = await app.orm.em
    .getConnection()
    .execute<Array<{ invitations: string; messages: string }>>(
      `select (select count(*) from invitation i join session s on s.id = i.session_id where s.round_id = ?) as invitations,
            (select count(*) from message where round_id = ? and status = 'sent') as messages`,
      [roundId, roundId],
    );
  // The planner's statistics, as autovacuum would have them on a database in use.
  await app.orm.em.getConnection().execute('analyze');
  return {
    roundId,
    sessionIds,
    institutions: INSTITUTIONS,
    invitations: Number(counts[0].invitations),
    messages: Number(counts[0].messages),
    ...answers,
    apiCalls: api.calls,
  };
}

/** CONTACTS people spread evenly over the institutions, in one insert. */
async function insertContacts(app: TestApp, institutionIds: string[]): Promise<void> {
  const rows = {
    id: [] as string[],
    name: [] as string[],
    institution: [] as string[],
    position: [] as string[],
    email: [] as string[],
    language: [] as string[],
    key: [] as string[],
  };
  for (let i = 0; i < CONTACTS; i++) {
    const name = `${FIRST_NAMES[i % 10]} ${LAST_NAMES[Math.floor(i / 10) % 10]}`;
    const email = `kontakt.${String(i).padStart(4, '0')}@example.al.test`;
    const position = POSITIONS[i % POSITIONS.length];
    rows.id.push(randomUUID());
    rows.name.push(name);
    rows.institution.push(institutionIds[i % institutionIds.length]);
    rows.position.push(position);
    rows.email.push(email);
    // One in five prefers English, as in a real directory.
    rows.language.push(i % 5 === 4 ? 'en' : 'sq');
    rows.key.push(toSearchKey(name, email, position));
  }
  const pg = new Client({ connectionString: app.config.databaseUrl });
  await pg.connect();
  try {
    await pg.query(
      `insert into contact (id, full_name, institution_id, position, email, language, search_key, created_at, updated_at)
       select id, name, institution, position, email, language, key, now(), now()
         from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
           as t(id, name, institution, position, email, language, key)`,
      [rows.id, rows.name, rows.institution, rows.position, rows.email, rows.language, rows.key],
    );
  } finally {
    await pg.end();
  }
}

/** A two-day round a week ahead; session s invites every fourth institution from the s-th. */
async function createRound(
  api: Api,
  campaignId: string,
  countyId: string,
  institutionIds: string[],
): Promise<{ roundId: string; sessionIds: string[] }> {
  const firstDay = DateTime.now().setZone(TIME_ZONE).startOf('day').plus({ weeks: 1 });
  const round = await api.send<{ id: string }>('POST', '/api/rounds', {
    campaignId,
    countyId,
    startsOn: firstDay.toISODate(),
    endsOn: firstDay.plus({ days: 1 }).toISODate(),
  });
  const sessionIds: string[] = [];
  for (const [s, [day, start]] of SESSION_TIMES.entries()) {
    const template = ELBASAN.round.sessions[s];
    const [hour, minute] = start.split(':').map(Number);
    const startsAt = firstDay.plus({ days: day }).set({ hour, minute });
    const session = await api.send<{ id: string }>('POST', `/api/rounds/${round.id}/sessions`, {
      titleSq: template.title,
      titleEn: template.title_en,
      kind: template.kind,
      startsAt: startsAt.toISO(),
      endsAt: startsAt.plus({ minutes: SESSION_MINUTES }).toISO(),
      venueSq: 'Institucioni i Prefektit të qarkut Elbasan',
      venueEn: 'Prefect’s Institution, Elbasan county',
      audience: {
        institutionIds: institutionIds.filter((_, i) => i % SESSION_TIMES.length === s),
      },
    });
    sessionIds.push(session.id);
  }
  return { roundId: round.id, sessionIds };
}

/**
 * Schedules the round (its invite step is due at once), lets one worker
 * process run the step and send every invitation to a local SMTP sink, has
 * staff record answers, and waits until their confirmations and the
 * colleagues' invitations are sent too. The worker and the sink stop then,
 * so that nothing but the pages uses the machine while they are measured.
 */
async function runWorkflow(
  api: Api,
  roundId: string,
): Promise<{ answered: number; answers: number }> {
  const sink = await SmtpSink.start({ parse: false });
  try {
    const [worker] = await startWorkers(
      api.app.config,
      1,
      // The queue's limit counts jobs, and each answer's e-mails are a job of their own.
      { SMTP_URL: sink.url, SEND_RATE_PER_SECOND: '100000' },
      WORKER_NODE_FLAGS,
    );
    try {
      await api.send('POST', `/api/rounds/${roundId}/schedule`);
      await everyMessageSent(api.app, roundId, 'the invite step to finish and its e-mails to go');
      const answers = await recordAnswers(api, roundId);
      await everyMessageSent(api.app, roundId, 'the e-mails the answers set off to go');
      return answers;
    } finally {
      await worker.stop();
    }
  } finally {
    await sink.stop();
  }
}

/** Waits until the invite step is done and no message of the round is still queued. */
async function everyMessageSent(app: TestApp, roundId: string, what: string): Promise<void> {
  await waitFor(
    what,
    async () => {
      const [row] = await app.orm.em
        .getConnection()
        .execute<Array<{ step: string; queued: string; failed: string }>>(
          `select (select status from step where round_id = ? and kind = 'invite') as step,
                  (select count(*) from message where round_id = ? and status = 'queued') as queued,
                  (select count(*) from message where round_id = ? and status = 'failed') as failed`,
          [roundId, roundId, roundId],
        );
      if (Number(row.failed) > 0) throw new Error(`${row.failed} e-mail(s) failed`);
      return row.step === 'done' && Number(row.queued) === 0;
    },
    WORKFLOW_TIMEOUT_MS,
  );
}

/** Staff record the answers through the API, the service and its history included. */
async function recordAnswers(
  api: Api,
  roundId: string,
): Promise<{ answered: number; answers: number }> {
  const invitations = await api.app.orm.em.getConnection().execute<Array<{ id: string }>>(
    `select i.id from invitation i
       join session s on s.id = i.session_id
       join contact c on c.id = i.contact_id
      where s.round_id = ?
      order by c.email`,
    [roundId],
  );
  let next = 0;
  let answered = 0;
  let answers = 0;
  const recordSome = async (): Promise<void> => {
    while (next < invitations.length) {
      const index = next++;
      const given = answersFor(index);
      if (given.length > 0) answered += 1;
      for (const answer of given) {
        answers += 1;
        await api.send('POST', `/api/invitations/${invitations[index].id}/response`, {
          answer,
          source: index % 3 === 0 ? 'email' : 'phone',
          ...(answer === 'delegate'
            ? {
                substitute: {
                  fullName: `Kolegu ${index}`,
                  email: `koleg.${index}@example.al.test`,
                  position: 'Specialist',
                },
              }
            : {}),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: ANSWERS_IN_FLIGHT }, recordSome));
  return { answered, answers };
}

/** The app's API as the admin, failing loudly on anything but success. */
class Api {
  calls = 0;

  constructor(readonly app: TestApp) {}

  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    this.calls += 1;
    const response = await this.app.request<T>(method, path, { body });
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
}
