import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { toSearchKey } from '../../src/common/search-key';
import { InvitationStatus } from '../../src/rounds/invitation-status';
import { ELBASAN } from '../../test/support/elbasan-round';
import { ADMIN_EMAIL, ApiResponse, TestApp } from '../../test/support/test-app';

/*
 * The data the report benchmark reads: one campaign with a round in each of
 * Albania's twelve counties. What the office enters by hand (the campaign,
 * institutions, rounds, sessions, materials, recommendations, recording a
 * round as held) goes through the API, so it is valid by construction; what
 * arrives in thousands (contacts, invitations and their answers, attendance)
 * goes in as a few set-based inserts.
 */

const TIME_ZONE = 'Europe/Tirane';
const COUNTIES = ELBASAN.counties;
/** The first six rounds lie in the past and are recorded as held; the other six are drafts to come. */
const HELD_ROUNDS = 6;
const SESSIONS_PER_ROUND = 6;
const CONTACTS_PER_INSTITUTION = 50;
/** Two days a round, three sessions a day, local time. */
const SESSION_STARTS = ['09:00', '11:00', '14:00'];
const SESSION_MINUTES = 90;
const DAY_MS = 86_400_000;
/** Fixed, so every run reads the same data. */
const SEED = 20171122;

/** How a round's invitations were answered: cumulative shares, checked in order. */
const HELD_ANSWERS: Array<[InvitationStatus, number]> = [
  [InvitationStatus.Accepted, 0.5],
  [InvitationStatus.Declined, 0.7],
  [InvitationStatus.Delegated, 0.76],
  [InvitationStatus.Pending, 1],
];
/** A round weeks away has fewer answers so far. */
const COMING_ANSWERS: Array<[InvitationStatus, number]> = [
  [InvitationStatus.Accepted, 0.2],
  [InvitationStatus.Declined, 0.28],
  [InvitationStatus.Delegated, 0.31],
  [InvitationStatus.Pending, 1],
];

/** The institutions of each county a round visits. */
const INSTITUTION_KINDS: Array<[kind: string, name: (county: string) => string]> = [
  ['prefecture', (county) => `Institucioni i Prefektit të qarkut ${county}`],
  ['county_council', (county) => `Këshilli i Qarkut ${county}`],
  ['school', (county) => `Drejtoria Rajonale e Arsimit Parauniversitar ${county}`],
  ['employment_office', (county) => `Zyra Rajonale e Punësimit ${county}`],
  ['police', (county) => `Drejtoria Vendore e Policisë ${county}`],
];
const FIRST_NAMES = 'Arbër Drita Blerina Gëzim Elira Ilir Mirela Besnik Jonida Fatos'.split(' ');
const LAST_NAMES = 'Hoxha Koçi Shehu Leka Dervishi Çela Gjoka Marku Prifti Kola'.split(' ');
const POSITIONS = ['Mësues', 'Specialist', 'Drejtor', 'Punonjës social', 'Inspektor'];

export interface ReportData {
  campaignId: string;
  rounds: number;
  /** The rounds recorded as held, oldest first; the others are drafts. */
  heldRoundIds: string[];
  contacts: number;
  invitations: number;
  attendanceMarks: number;
  walkIns: number;
  apiCalls: number;
}

interface Institution {
  id: string;
  name: string;
}

/** An invitation before its session exists: which of the round's sessions, who, what answer. */
interface PlannedInvitation {
  id: string;
  session: number;
  contactId: string;
  status: InvitationStatus;
  answeredDaysBefore: number;
  substituteFor: string | null;
}

interface CreatedSession {
  id: string;
  endsAt: Date;
}

/** Invitations, attendance and walk-ins of the campaign, column by column, for unnest(). */
class Rows {
  invitation = columns('id', 'session', 'contact', 'status', 'respondedAt', 'substituteFor');
  attendance = columns('id', 'session', 'headCount', 'breakdown', 'note', 'recordedAt');
  mark = columns('attendance', 'invitation', 'present');
  walkIn = columns('attendance', 'ordinal', 'fullName', 'institution');
}

function columns<K extends string>(...names: K[]): Record<K, unknown[]> {
  return Object.fromEntries(names.map((name) => [name, [] as unknown[]])) as Record<K, unknown[]>;
}

/**
 * One campaign of twelve weekly rounds, six weeks back to six weeks ahead,
 * each of six sessions with `invitationsPerRound` invitations in all, drawn
 * from a pool of contacts at sixty institutions.
 */
export async function seedReportData(
  app: TestApp,
  invitationsPerRound: number,
): Promise<ReportData> {
  const api = new Api(app);
  const random = mulberry32(SEED);
  const campaignId = await createCampaign(api);
  // In COUNTIES order: round i visits the i-th county.
  const countyIds = new Map<string, string>();
  for (const county of COUNTIES) countyIds.set(county, await app.countyId(county));
  const institutions = await createInstitutions(api, countyIds);
  // Within a session a contact is invited once, so the pool holds at least a round's invitations.
  const poolSize = Math.max(institutions.length * CONTACTS_PER_INSTITUTION, invitationsPerRound);

  const pg = new Client({ connectionString: app.config.databaseUrl });
  await pg.connect();
  try {
    const contactIds = await insertContacts(pg, institutions, poolSize);
    const { rows } = await pg.query<{ id: string }>('select id from app_user where email = $1', [
      ADMIN_EMAIL,
    ]);
    const adminId = rows[0].id;
    const data = new Rows();
    const heldRoundIds: string[] = [];
    for (const [index, [county, countyId]] of [...countyIds].entries()) {
      const held = index < HELD_ROUNDS;
      // Each round invites the next stretch of the pool, so every contact is invited now and then.
      const first = index * invitationsPerRound;
      const invited = Array.from(
        { length: invitationsPerRound },
        (_, i) => contactIds[(first + i) % poolSize],
      );
      const planned = planInvitations(invited, held ? HELD_ANSWERS : COMING_ANSWERS, random);
      const round = await createRound(api, campaignId, countyId, index, adminId);
      const sessions = await createSessions(api, round, county, planned);
      if (held) await api.send('POST', `/api/rounds/${round.id}/complete`);
      await addOutcome(api, round.id, sessions[0].id);
      addInvitations(data, planned, sessions);
      if (held) {
        addAttendance(data, planned, sessions, institutions, random);
        heldRoundIds.push(round.id);
      }
    }
    await insertRows(pg, data, adminId);
    return {
      campaignId,
      rounds: COUNTIES.length,
      heldRoundIds,
      contacts: poolSize,
      invitations: data.invitation.id.length,
      attendanceMarks: data.mark.invitation.length,
      walkIns: data.walkIn.ordinal.length,
      apiCalls: api.calls,
    };
  } finally {
    await pg.end();
  }
}

/** The app's API as the admin, failing loudly on anything but success. */
class Api {
  calls = 0;

  constructor(private readonly app: TestApp) {}

  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    this.calls += 1;
    const response: ApiResponse<T> = await this.app.request<T>(method, path, { body });
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
}

async function createCampaign(api: Api): Promise<string> {
  const { campaign } = ELBASAN;
  const created = await api.send<{ id: string }>('POST', '/api/campaigns', {
    nameSq: campaign.name,
    nameEn: campaign.name_en,
    sloganSq: campaign.slogan,
    sloganEn: campaign.slogan_en,
    organiserSq: campaign.organiser,
    organiserEn: campaign.organiser_en,
    partners: campaign.partners.map((p) => ({ nameSq: p.name, nameEn: p.name_en })),
    senderName: 'Zyra e Koordinatorit Kombëtar',
    senderEmail: 'fushata@example.org',
    timeZone: TIME_ZONE,
  });
  return created.id;
}

async function createInstitutions(
  api: Api,
  countyIds: Map<string, string>,
): Promise<Institution[]> {
  const institutions: Institution[] = [];
  for (const [county, countyId] of countyIds) {
    for (const [kind, name] of INSTITUTION_KINDS) {
      const created = await api.send<Institution>('POST', '/api/institutions', {
        name: name(county),
        kind,
        countyId,
      });
      institutions.push({ id: created.id, name: created.name });
    }
  }
  return institutions;
}

/** `count` contacts, spread evenly over the institutions, in one insert; returns their ids. */
async function insertContacts(
  pg: Client,
  institutions: Institution[],
  count: number,
): Promise<string[]> {
  const rows = columns('id', 'name', 'institution', 'position', 'email', 'language', 'key');
  for (let i = 0; i < count; i++) {
    const name = `${FIRST_NAMES[i % 10]} ${LAST_NAMES[Math.floor(i / 10) % 10]}`;
    const email = `kontakt.${i}@example.al.test`;
    const position = POSITIONS[i % POSITIONS.length];
    rows.id.push(randomUUID());
    rows.name.push(name);
    rows.institution.push(institutions[i % institutions.length].id);
    rows.position.push(position);
    rows.email.push(email);
    // One in five prefers English, as in a real directory.
    rows.language.push(i % 5 === 4 ? 'en' : 'sq');
    rows.key.push(toSearchKey(name, email, position));
  }
  await pg.query(
    `insert into contact (id, full_name, institution_id, position, email, language, search_key, created_at, updated_at)
     select id, name, institution, position, email, language, key, now(), now()
       from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
         as t(id, name, institution, position, email, language, key)`,
    [rows.id, rows.name, rows.institution, rows.position, rows.email, rows.language, rows.key],
  );
  return rows.id as string[];
}

/**
 * A two-day round `index` weeks after the first, skipping the current week
 * so that every held session is over and every draft one still to come.
 */
async function createRound(
  api: Api,
  campaignId: string,
  countyId: string,
  index: number,
  staffUserId: string,
): Promise<{ id: string; firstDay: DateTime }> {
  const weeks = index < HELD_ROUNDS ? index - HELD_ROUNDS : index - HELD_ROUNDS + 1;
  const firstDay = DateTime.now().setZone(TIME_ZONE).startOf('day').plus({ weeks });
  const round = await api.send<{ id: string }>('POST', '/api/rounds', {
    campaignId,
    countyId,
    startsOn: firstDay.toISODate(),
    endsOn: firstDay.plus({ days: 1 }).toISODate(),
    staffUserId,
  });
  return { id: round.id, firstDay };
}

/**
 * The round's sessions, modelled on the Elbasan round, at the county's
 * prefecture. Each audience names
 * the contacts the session invites, as the invite step would have resolved
 * them; substitutes came later, through a delegation.
 */
async function createSessions(
  api: Api,
  round: { id: string; firstDay: DateTime },
  county: string,
  planned: PlannedInvitation[],
): Promise<CreatedSession[]> {
  const sessions: CreatedSession[] = [];
  for (let s = 0; s < SESSIONS_PER_ROUND; s++) {
    const template = ELBASAN.round.sessions[s % ELBASAN.round.sessions.length];
    const [hour, minute] = SESSION_STARTS[s % SESSION_STARTS.length].split(':').map(Number);
    const startsAt = round.firstDay
      .plus({ days: Math.floor(s / SESSION_STARTS.length) })
      .set({ hour, minute });
    const endsAt = startsAt.plus({ minutes: SESSION_MINUTES });
    const contactIds = planned
      .filter((invitation) => invitation.session === s && !invitation.substituteFor)
      .map((invitation) => invitation.contactId);
    const session = await api.send<{ id: string }>('POST', `/api/rounds/${round.id}/sessions`, {
      titleSq: template.title,
      titleEn: template.title_en,
      kind: template.kind,
      startsAt: startsAt.toISO(),
      endsAt: endsAt.toISO(),
      venueSq: `Institucioni i Prefektit të qarkut ${county}`,
      venueEn: `Prefect’s Institution, ${county} county`,
      walkInsCounted: true,
      audience: { contactIds },
    });
    sessions.push({ id: session.id, endsAt: endsAt.toJSDate() });
  }
  return sessions;
}

/** Two materials (leaflets across the county, posters at the first session) and four recommendations. */
async function addOutcome(api: Api, roundId: string, firstSessionId: string): Promise<void> {
  await api.send('POST', `/api/rounds/${roundId}/materials`, {
    descriptionSq: 'fletëpalosje',
    descriptionEn: 'leaflets',
    quantity: ELBASAN.round.materials[0].quantity,
    placesSq: 'në bare të ndryshme kafeje dhe në vende të tjera publike',
    placesEn: ELBASAN.round.materials[0].where,
  });
  await api.send('POST', `/api/rounds/${roundId}/materials`, {
    descriptionSq: 'postera',
    descriptionEn: 'posters',
    quantity: 40,
    sessionId: firstSessionId,
  });
  await api.send('PUT', `/api/rounds/${roundId}/recommendations`, {
    items: ELBASAN.round.recommendations.map((textSq, i) => ({
      textSq,
      textEn: ELBASAN.round.recommendations_en[i],
    })),
  });
}

/**
 * A round's invitations, dealt round-robin over its sessions, with mixed
 * answers. Whoever delegates sends a colleague: the session's next invitee
 * is that colleague, their invitation pointing back to the delegated one.
 */
function planInvitations(
  invited: string[],
  answers: Array<[InvitationStatus, number]>,
  random: () => number,
): PlannedInvitation[] {
  const delegatedIn = new Map<number, string>();
  return invited.map((contactId, i) => {
    const session = i % SESSIONS_PER_ROUND;
    const id = randomUUID();
    const substituteFor = delegatedIn.get(session) ?? null;
    delegatedIn.delete(session);
    let status = pick(answers, random());
    if (status === InvitationStatus.Delegated) {
      // A substitute comes themselves rather than sending someone else.
      if (substituteFor) status = InvitationStatus.Accepted;
      else delegatedIn.set(session, id);
    }
    const answeredDaysBefore = 1 + Math.floor(random() * 10);
    return { id, session, contactId, status, answeredDaysBefore, substituteFor };
  });
}

function addInvitations(
  data: Rows,
  planned: PlannedInvitation[],
  sessions: CreatedSession[],
): void {
  for (const invitation of planned) {
    const session = sessions[invitation.session];
    data.invitation.id.push(invitation.id);
    data.invitation.session.push(session.id);
    data.invitation.contact.push(invitation.contactId);
    data.invitation.status.push(invitation.status);
    data.invitation.respondedAt.push(
      invitation.status === InvitationStatus.Pending
        ? null
        : new Date(session.endsAt.getTime() - invitation.answeredDaysBefore * DAY_MS),
    );
    data.invitation.substituteFor.push(invitation.substituteFor);
  }
}

/**
 * Each session of a held round, recorded the day after: most who accepted
 * marked (mostly present), a few who never answered marked present, up to
 * eight walk-ins (some naming an invited institution, in their own
 * spelling), and a head count on all but one session.
 */
function addAttendance(
  data: Rows,
  planned: PlannedInvitation[],
  sessions: CreatedSession[],
  institutions: Institution[],
  random: () => number,
): void {
  const attendanceIds = sessions.map(() => randomUUID());
  const present = sessions.map(() => 0);
  for (const invitation of planned) {
    const marked =
      (invitation.status === InvitationStatus.Accepted && random() < 0.9) ||
      (invitation.status === InvitationStatus.Pending && random() < 0.03);
    if (!marked) continue;
    const came = invitation.status === InvitationStatus.Pending || random() < 0.85;
    data.mark.attendance.push(attendanceIds[invitation.session]);
    data.mark.invitation.push(invitation.id);
    data.mark.present.push(came);
    if (came) present[invitation.session] += 1;
  }
  for (const [s, session] of sessions.entries()) {
    const walkIns = Math.floor(random() * 9);
    for (let w = 0; w < walkIns; w++) {
      const institution = institutions[Math.floor(random() * institutions.length)].name;
      data.walkIn.attendance.push(attendanceIds[s]);
      data.walkIn.ordinal.push(w + 1);
      data.walkIn.fullName.push(`${FIRST_NAMES[(s + w) % 10]} ${LAST_NAMES[(s * 3 + w) % 10]}`);
      data.walkIn.institution.push([null, institution, institution.toLowerCase()][w % 3]);
    }
    // The third session's room was not counted; the last one's students were counted as a group.
    const total = present[s] + walkIns + Math.floor(random() * 25);
    const grouped = s === SESSIONS_PER_ROUND - 1;
    data.attendance.id.push(attendanceIds[s]);
    data.attendance.session.push(session.id);
    data.attendance.headCount.push(s === 2 ? null : total);
    data.attendance.breakdown.push(
      grouped ? JSON.stringify([{ label: 'nxënës / students', count: total }]) : null,
    );
    data.attendance.note.push(grouped ? `rreth ${total}` : null);
    data.attendance.recordedAt.push(new Date(session.endsAt.getTime() + DAY_MS));
  }
}

/** Every planned row, one insert per table. */
async function insertRows(pg: Client, data: Rows, adminId: string): Promise<void> {
  const { invitation, attendance, mark, walkIn } = data;
  await pg.query(
    `insert into invitation (id, session_id, contact_id, status, responded_at, substitute_for_id, created_at)
     select id, session, contact, status, responded_at, substitute_for, now()
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::uuid[])
         as t(id, session, contact, status, responded_at, substitute_for)`,
    [
      invitation.id,
      invitation.session,
      invitation.contact,
      invitation.status,
      invitation.respondedAt,
      invitation.substituteFor,
    ],
  );
  await pg.query(
    `insert into session_attendance (id, session_id, head_count_total, head_count_breakdown, head_count_note, recorded_at, recorded_by_id)
     select id, session, head_count, breakdown, note, recorded_at, $7
       from unnest($1::uuid[], $2::uuid[], $3::int[], $4::jsonb[], $5::text[], $6::timestamptz[])
         as t(id, session, head_count, breakdown, note, recorded_at)`,
    [
      attendance.id,
      attendance.session,
      attendance.headCount,
      attendance.breakdown,
      attendance.note,
      attendance.recordedAt,
      adminId,
    ],
  );
  await pg.query(
    `insert into attendance_mark (id, attendance_id, invitation_id, present)
     select gen_random_uuid(), attendance, invitation, present
       from unnest($1::uuid[], $2::uuid[], $3::boolean[]) as t(attendance, invitation, present)`,
    [mark.attendance, mark.invitation, mark.present],
  );
  await pg.query(
    `insert into walk_in (id, attendance_id, ordinal, full_name, institution)
     select gen_random_uuid(), attendance, ordinal, full_name, institution
       from unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) as t(attendance, ordinal, full_name, institution)`,
    [walkIn.attendance, walkIn.ordinal, walkIn.fullName, walkIn.institution],
  );
  // The planner's statistics, as autovacuum would have them on a database that grew over months.
  await pg.query('analyze');
}

/** The status whose cumulative share first exceeds `draw`. */
function pick(shares: Array<[InvitationStatus, number]>, draw: number): InvitationStatus {
  return (shares.find(([, upTo]) => draw < upTo) ?? shares[shares.length - 1])[0];
}

/** A small seeded PRNG: the same answers and attendance on every run. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
