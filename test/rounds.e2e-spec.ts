import { randomUUID } from 'node:crypto';
import { Contact } from '../src/directory/contacts/contact.entity';
import { AudienceResolver } from '../src/rounds/audience-resolver';
import { InvitationStatus } from '../src/rounds/invitation-status';
import { Invitation } from '../src/rounds/invitation.entity';
import { RoundSession } from '../src/rounds/round-session.entity';
import { RoundStatus } from '../src/rounds/round-status';
import { Round } from '../src/rounds/round.entity';
import { SessionsService } from '../src/rounds/sessions.service';
import { TestApp } from './support/test-app';

/** The Elbasan round of 22 November 2017 (scenario/elbasan-2017.json); people and addresses are invented. */
const TABLE = 'Tryeza Teknike Antitrafik Elbasan';
const INSTITUTIONS = {
  prefecture: { name: 'Institucioni i Prefektit të Qarkut Elbasan', kind: 'prefecture' },
  countyCouncil: { name: 'Këshilli i Qarkut Elbasan', kind: 'county_council' },
  education: { name: 'Drejtoria Arsimore Rajonale Elbasan', kind: 'other' },
  municipality: { name: 'Bashkia Elbasan', kind: 'municipality' },
  cerrik: { name: 'Bashkia Cërrik', kind: 'municipality' },
  police: { name: 'Drejtoria Vendore e Policisë Elbasan', kind: 'police' },
  womenNgo: { name: 'Shoqata "Gruaja në Zhvillim" Elbasan', kind: 'civil_society_organisation' },
  youthNgo: { name: 'Qendra Rinore Elbasan', kind: 'civil_society_organisation' },
  school: { name: 'Shkolla e mesme "Vasil Kamami"', kind: 'school' },
  employment: { name: 'Zyra Rajonale e Punësimit Elbasan', kind: 'employment_office' },
  iom: {
    name: 'Organizata Ndërkombëtare për Migracionin (IOM)',
    kind: 'international_organisation',
  },
} as const;
type InstitutionKey = keyof typeof INSTITUTIONS;

const PEOPLE: Record<string, { fullName: string; at: InstitutionKey }> = {
  arjana: { fullName: 'Arjana Çela', at: 'prefecture' },
  ermira: { fullName: 'Ermira Shehu', at: 'municipality' },
  drita: { fullName: 'Drita Kola', at: 'education' },
  clirim: { fullName: 'Çlirim Muça', at: 'employment' },
  besnik: { fullName: 'Besnik Dervishi', at: 'police' },
  gentian: { fullName: 'Gentian Hysa', at: 'police' },
  mirela: { fullName: 'Mirela Daci', at: 'countyCouncil' },
  alban: { fullName: 'Alban Kuka', at: 'cerrik' },
  elona: { fullName: 'Elona Marku', at: 'womenNgo' },
  sokol: { fullName: 'Sokol Brahimi', at: 'womenNgo' },
  teuta: { fullName: 'Teuta Leka', at: 'youthNgo' },
  vjollca: { fullName: 'Vjollca Meta', at: 'school' },
  ilir: { fullName: 'Ilir Rama', at: 'school' },
  artan: { fullName: 'Artan Gjoka', at: 'employment' },
  lejla: { fullName: 'Lejla Hoxha', at: 'iom' },
};

const at = (time: string, day = '2017-11-22') => `${day}T${time}:00+01:00`;

describe('rounds and sessions', () => {
  let app: TestApp;
  let elbasan: string;
  let campaignId: string;
  let roundId: string;
  let tableId: string;
  const institution: Record<string, string> = {};
  const person: Record<string, string> = {};
  const session: Record<string, string> = {};

  beforeAll(async () => {
    app = await TestApp.start();
    elbasan = await app.countyId('Elbasan');
    for (const [key, body] of Object.entries(INSTITUTIONS)) {
      const created = await app.post('/api/institutions', {
        ...body,
        countyId: key === 'iom' ? null : elbasan,
      });
      expect(created.status).toBe(201);
      institution[key] = created.body.id;
    }
    for (const [key, { fullName, at: where }] of Object.entries(PEOPLE)) {
      const created = await app.post('/api/contacts', {
        fullName,
        email: `${key}@example.al.test`,
        institutionId: institution[where],
        language: key === 'lejla' ? 'en' : 'sq',
      });
      expect(created.status).toBe(201);
      person[key] = created.body.id;
    }
    tableId = (await app.post('/api/committees', { name: TABLE, countyId: elbasan })).body.id;
    const seat = (contactId: string, role = 'member') =>
      app.post(`/api/committees/${tableId}/members`, { contactId, role, startsOn: '2017-01-15' });
    await seat(person.arjana, 'chair');
    for (const key of ['ermira', 'drita', 'clirim', 'besnik']) await seat(person[key]);
    // Gentian left the table: his seat ends today, so he is no longer a current member.
    const gentian = await seat(person.gentian);
    await app.delete(`/api/committees/${tableId}/members/${gentian.body.id}`);
    await app.patch(`/api/contacts/${person.besnik}`, { optedOut: true });
    await app.post(`/api/contacts/${person.sokol}/archive`);

    const campaign = await app.post('/api/campaigns', {
      nameSq: 'Mbi parandalimin e migracionit të parregullt',
      nameEn: 'On preventing irregular migration',
      sloganSq: 'Zgjidhni mundësitë, jo migracionin e parregullt!',
      sloganEn: 'Choose opportunities, not irregular migration!',
      senderName: 'Zyra e Koordinatorit Kombëtar kundër Trafikimit',
      senderEmail: 'fushata@example.al.test',
    });
    campaignId = campaign.body.id;
    const round = await app.post('/api/rounds', {
      campaignId,
      countyId: elbasan,
      startsOn: '2017-11-22',
      endsOn: '2017-11-22',
    });
    expect(round.status).toBe(201);
    roundId = round.body.id;

    const sessions = {
      table: {
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        titleEn: 'Meeting with the members of the Technical Table',
        kind: 'meeting',
        startsAt: at('09:00'),
        endsAt: at('10:30'),
        venueSq: 'Institucioni i Prefektit të qarkut Elbasan',
        venueEn: "Prefect's Institution, Elbasan county",
        audience: { committeeIds: [tableId] },
      },
      workshop: {
        titleSq: 'Workshop me anëtarë të Tryezës Teknike Antitrafik',
        titleEn: 'Workshop with members of the Anti-Trafficking Technical Table',
        kind: 'workshop',
        startsAt: at('10:45'),
        endsAt: at('12:30'),
        audience: {
          committeeIds: [tableId],
          institutionIds: [
            institution.countyCouncil,
            institution.education,
            institution.municipality,
            institution.cerrik,
          ],
          contactIds: [person.lejla, person.drita],
        },
      },
      civilSociety: {
        titleSq: 'Takim me përfaqësues të organizatave të shoqërisë civile',
        titleEn: 'Meeting with representatives of civil society organisations',
        kind: 'meeting',
        startsAt: at('13:00'),
        endsAt: at('14:00'),
        audience: { institutionIds: [institution.womenNgo, institution.youthNgo] },
      },
      teachers: {
        titleSq: 'Takim me mësuesit e shkollës së mesme “Vasil Kamami”',
        titleEn: 'Meeting with the teachers of the “Vasil Kamami” high school',
        kind: 'meeting',
        startsAt: at('14:30'),
        endsAt: at('15:30'),
        audience: { institutionIds: [institution.school] },
      },
      employment: {
        titleSq: 'Takim me Zyrën Rajonale të Punësimit dhe qytetarët',
        titleEn: 'Meeting with the Regional Employment Office and citizens',
        kind: 'meeting',
        startsAt: at('16:30'),
        endsAt: at('17:30'),
        walkInsCounted: true,
        audience: { institutionIds: [institution.employment] },
      },
      students: {
        titleSq: 'Sesione informimi me nxënësit e shkollës “Vasil Kamami”',
        titleEn: 'Information sessions with the students of the “Vasil Kamami” school',
        kind: 'info_session',
        startsAt: at('15:40'),
        endsAt: at('16:20'),
        capacity: 30,
        walkInsCounted: true,
      },
    };
    for (const [key, body] of Object.entries(sessions)) {
      const created = await app.post(`/api/rounds/${roundId}/sessions`, body);
      expect(created.status).toBe(201);
      session[key] = created.body.id;
    }
    // Archived after it joined the audience: its people must no longer be invited through it.
    await app.post(`/api/institutions/${institution.youthNgo}/archive`);
  });

  afterAll(async () => {
    await app.close();
  });

  async function newRound(body: Record<string, unknown> = {}): Promise<string> {
    const created = await app.post('/api/rounds', {
      campaignId,
      countyId: await app.countyId('Kukës'),
      startsOn: '2017-12-05',
      endsOn: '2017-12-07',
      ...body,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function addSession(round: string, body: Record<string, unknown> = {}): Promise<string> {
    const created = await app.post(`/api/rounds/${round}/sessions`, {
      titleSq: 'Takim me Komitetin Rajonal Antitrafik',
      titleEn: 'Meeting with the Regional Anti-Trafficking Committee',
      kind: 'meeting',
      startsAt: at('10:00', '2017-12-05'),
      endsAt: at('11:00', '2017-12-05'),
      ...body,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function setStatus(round: string, status: RoundStatus): Promise<void> {
    await app.orm.em.fork().nativeUpdate(Round, { id: round }, { status });
  }

  /** Expects the status and the fields at fault, and that the refused request wrote nothing. */
  async function refused(
    request: () => Promise<{ status: number; body: any }>,
    status: number,
    fields: string[],
  ) {
    const before = await app.snapshot();
    const response = await request();
    expect(response.status).toBe(status);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
    expect(await app.snapshot()).toEqual(before);
    return response.body.errors as Array<{ field: string; reason: string }>;
  }

  function names(contacts: Contact[] | undefined): string[] {
    return (contacts ?? []).map((contact) => contact.fullName);
  }

  describe('rounds', () => {
    it('plans the Elbasan round as a draft with its campaign and county', async () => {
      const round = await app.get(`/api/rounds/${roundId}`);
      expect(round.status).toBe(200);
      expect(round.body).toMatchObject({
        id: roundId,
        campaign: {
          id: campaignId,
          nameEn: 'On preventing irregular migration',
          timeZone: 'Europe/Tirane',
        },
        county: { id: elbasan, name: 'Elbasan', country: 'AL' },
        startsOn: '2017-11-22',
        endsOn: '2017-11-22',
        status: 'draft',
        staff: null,
        scheduleVersion: 0,
        scheduledAt: null,
        cancelledAt: null,
      });
    });

    it('puts a coordinator in charge, but not a viewer, a disabled user or an unknown id', async () => {
      const coordinator = await app.post('/api/users', {
        email: 'drita.koci@example.org',
        name: 'Drita Koçi',
        role: 'coordinator',
        password: 'a long enough password',
      });
      const viewer = await app.post('/api/users', {
        email: 'partner@example.org',
        name: 'IOM Tirana',
        role: 'viewer',
        password: 'a long enough password',
      });
      const disabled = await app.post('/api/users', {
        email: 'former@example.org',
        name: 'Former Staff',
        role: 'coordinator',
        password: 'a long enough password',
      });
      await app.patch(`/api/users/${disabled.body.id}`, { disabled: true });

      const round = await newRound({ staffUserId: coordinator.body.id });
      const read = await app.get(`/api/rounds/${round}`);
      expect(read.body.staff).toEqual({
        id: coordinator.body.id,
        name: 'Drita Koçi',
        email: 'drita.koci@example.org',
      });
      for (const staffUserId of [viewer.body.id, disabled.body.id, randomUUID()]) {
        const [error] = await refused(
          () =>
            app.post('/api/rounds', {
              campaignId,
              countyId: elbasan,
              startsOn: '2017-11-22',
              endsOn: '2017-11-22',
              staffUserId,
            }),
          422,
          ['staffUserId'],
        );
        expect(error.reason).toBe('no active admin or coordinator with this id');
      }
    });

    it('refuses dates out of order, rounds longer than a week and unknown references', async () => {
      const base = { campaignId, countyId: elbasan, startsOn: '2017-11-22', endsOn: '2017-11-22' };
      const [order] = await refused(
        () => app.post('/api/rounds', { ...base, endsOn: '2017-11-21' }),
        422,
        ['endsOn'],
      );
      expect(order.reason).toBe('must be on or after startsOn (2017-11-22)');
      const [long] = await refused(
        () => app.post('/api/rounds', { ...base, endsOn: '2017-11-29' }),
        422,
        ['endsOn'],
      );
      expect(long.reason).toBe('a round lasts at most 7 days; 2017-11-22 to 2017-11-29 is 8');
      await refused(() => app.post('/api/rounds', { ...base, campaignId: randomUUID() }), 422, [
        'campaignId',
      ]);
      await refused(() => app.post('/api/rounds', { ...base, countyId: randomUUID() }), 422, [
        'countyId',
      ]);
      await refused(() => app.post('/api/rounds', { ...base, startsOn: '2017-02-30' }), 400, [
        'startsOn',
      ]);
      await refused(() => app.post('/api/rounds', { ...base, endsOn: '22.11.2017' }), 400, [
        'endsOn',
      ]);

      const week = await app.post('/api/rounds', { ...base, endsOn: '2017-11-28' });
      expect(week.status).toBe(201);
    });

    it('lists rounds by campaign, county and status', async () => {
      const kukes = await newRound();
      await setStatus(kukes, RoundStatus.Scheduled);
      const ids = async (query: string) => {
        const response = await app.get(`/api/rounds?${query}`);
        expect(response.status).toBe(200);
        return response.body.items.map((item: { id: string }) => item.id);
      };
      const inKukes = await ids(`countyId=${await app.countyId('Kukës')}&status=scheduled`);
      expect(inKukes).toEqual([kukes]);
      expect(await ids(`campaignId=${campaignId}&countyId=${elbasan}&limit=200`)).toContain(
        roundId,
      );
      expect(await ids(`campaignId=${randomUUID()}`)).toEqual([]);
      expect((await app.get('/api/rounds?status=postponed')).status).toBe(400);
    });

    it('changes the dates, county and staff of a draft only', async () => {
      const round = await newRound();
      await addSession(round);
      const moved = await app.patch(`/api/rounds/${round}`, {
        startsOn: '2017-12-04',
        endsOn: '2017-12-05',
        countyId: await app.countyId('Shkodër'),
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        startsOn: '2017-12-04',
        endsOn: '2017-12-05',
        county: { name: 'Shkodër' },
      });
      expect(moved.body.sessions).toHaveLength(1);
      const staff = await app.post('/api/users', {
        email: 'arben.zeqiri@example.org',
        name: 'Arben Zeqiri',
        role: 'admin',
        password: 'a long enough password',
      });
      const assigned = await app.patch(`/api/rounds/${round}`, { staffUserId: staff.body.id });
      expect(assigned.body.staff).toMatchObject({ id: staff.body.id, name: 'Arben Zeqiri' });
      const unassigned = await app.patch(`/api/rounds/${round}`, { staffUserId: null });
      expect(unassigned.body.staff).toBeNull();
      await refused(() => app.patch(`/api/rounds/${round}`, { staffUserId: randomUUID() }), 422, [
        'staffUserId',
      ]);

      const [stranded] = await refused(
        () => app.patch(`/api/rounds/${round}`, { startsOn: '2017-12-06', endsOn: '2017-12-07' }),
        422,
        ['startsOn'],
      );
      expect(stranded.reason).toContain(
        'would leave the session "Meeting with the Regional Anti-Trafficking Committee" (2017-12-05T10:00:00+01:00) outside the round',
      );
      await refused(() => app.patch(`/api/rounds/${round}`, { endsOn: '2017-12-04' }), 422, [
        'endsOn',
      ]);
      await refused(() => app.patch(`/api/rounds/${round}`, { startsOn: '2017-12-06' }), 422, [
        'startsOn',
      ]);
      await refused(() => app.patch(`/api/rounds/${round}`, { countyId: null }), 400, ['countyId']);
      await refused(() => app.patch(`/api/rounds/${round}`, { campaignId }), 400, ['campaignId']);

      await setStatus(round, RoundStatus.Scheduled);
      const [late] = await refused(
        () => app.patch(`/api/rounds/${round}`, { endsOn: '2017-12-06' }),
        409,
        ['status'],
      );
      expect(late.reason).toBe('round is scheduled; use the schedule routes');
    });
  });

  describe('sessions', () => {
    it('shows the six Elbasan sessions in order of start, in UTC and in Tirana time', async () => {
      const listed = await app.get(`/api/rounds/${roundId}/sessions`);
      expect(listed.status).toBe(200);
      expect(listed.body.map((s: { id: string }) => s.id)).toEqual([
        session.table,
        session.workshop,
        session.civilSociety,
        session.teachers,
        session.students,
        session.employment,
      ]);
      const [table] = listed.body;
      expect(table).toMatchObject({
        roundId,
        titleSq: 'Takim me anëtarët e Tryezës Teknike',
        kind: 'meeting',
        status: 'planned',
        startsAt: '2017-11-22T08:00:00.000Z',
        endsAt: '2017-11-22T09:30:00.000Z',
        local: {
          startsAt: '2017-11-22T09:00:00+01:00',
          endsAt: '2017-11-22T10:30:00+01:00',
          timeZone: 'Europe/Tirane',
        },
        venueEn: "Prefect's Institution, Elbasan county",
        capacity: null,
        walkInsCounted: false,
        sequence: 0,
        audience: {
          committeeIds: [tableId],
          institutionIds: [],
          contactIds: [],
          committeeCount: 1,
          institutionCount: 0,
          contactCount: 0,
        },
      });

      const workshop = await app.get(`/api/sessions/${session.workshop}`);
      expect(workshop.status).toBe(200);
      expect(workshop.body.audience).toMatchObject({ committeeCount: 1, institutionCount: 4 });
      expect(workshop.body.audience.contactIds.sort()).toEqual([person.lejla, person.drita].sort());
      const students = listed.body.find((s: { id: string }) => s.id === session.students);
      expect(students).toMatchObject({ kind: 'info_session', capacity: 30, walkInsCounted: true });

      const round = await app.get(`/api/rounds/${roundId}`);
      expect(round.body.sessions).toEqual(listed.body);
      expect((await app.get(`/api/sessions/${randomUUID()}`)).status).toBe(404);
      expect((await app.get(`/api/rounds/${randomUUID()}/sessions`)).status).toBe(404);
    });

    it('refuses times outside the round or out of order with 422 naming the field', async () => {
      const body = {
        titleSq: 'Takim',
        titleEn: 'Meeting',
        kind: 'meeting',
        startsAt: at('09:00'),
        endsAt: at('10:00'),
      };
      const post = (changes: object) =>
        app.post(`/api/rounds/${roundId}/sessions`, { ...body, ...changes });
      const [before] = await refused(() => post({ startsAt: at('23:30', '2017-11-21') }), 422, [
        'startsAt',
      ]);
      expect(before.reason).toBe(
        "must fall within the round's dates, 2017-11-22 to 2017-11-22 in Europe/Tirane; it is 2017-11-21T23:30:00+01:00",
      );
      // 23:30 UTC is already the next day in Tirana.
      await refused(() => post({ endsAt: '2017-11-22T23:30:00Z' }), 422, ['endsAt']);
      const [order] = await refused(() => post({ endsAt: at('09:00') }), 422, ['endsAt']);
      expect(order.reason).toBe('must be after startsAt (2017-11-22T09:00:00+01:00)');
      await refused(() => post({ endsAt: at('08:00') }), 422, ['endsAt']);
      const [offset] = await refused(() => post({ startsAt: '2017-11-22T09:00:00' }), 400, [
        'startsAt',
      ]);
      expect(offset.reason).toBe(
        'must be a date and time with its UTC offset, such as 2017-11-22T09:00:00+01:00',
      );
      await refused(() => post({ endsAt: '2017-11-22T25:00:00+01:00' }), 400, ['endsAt']);
      await refused(() => post({ capacity: 0 }), 400, ['capacity']);
      await refused(() => post({ kind: 'party' }), 400, ['kind']);
      await refused(() => app.post(`/api/rounds/${randomUUID()}/sessions`, body), 404, []);
    });

    it('refuses unknown and archived audience ids, naming each by its index', async () => {
      const errors = await refused(
        () =>
          app.post(`/api/rounds/${roundId}/sessions`, {
            titleSq: 'Takim',
            titleEn: 'Meeting',
            kind: 'meeting',
            startsAt: at('09:00'),
            endsAt: at('08:00'),
            audience: {
              committeeIds: [randomUUID()],
              institutionIds: [institution.school, institution.youthNgo],
              contactIds: [person.elona, person.ilir, randomUUID(), person.sokol],
            },
          }),
        422,
        [
          'endsAt',
          'audience.committeeIds[0]',
          'audience.institutionIds[1]',
          'audience.contactIds[2]',
          'audience.contactIds[3]',
        ],
      );
      expect(errors[4].reason).toBe('no active contact with this id');
      expect(errors[2].reason).toBe('no active institution with this id');

      await refused(
        () =>
          app.post(`/api/rounds/${roundId}/sessions`, {
            titleSq: 'Takim',
            titleEn: 'Meeting',
            kind: 'meeting',
            startsAt: at('09:00'),
            endsAt: at('10:00'),
            audience: { contactIds: [person.elona, person.elona], institutionIds: ['x'] },
          }),
        400,
        ['audience.institutionIds', 'audience.contactIds'],
      );
    });

    it('adds no session to a cancelled or completed round', async () => {
      const round = await newRound();
      await addSession(round);
      for (const [status, reason] of [
        [RoundStatus.Cancelled, 'round is cancelled; its sessions can no longer change'],
        [RoundStatus.Completed, 'round is completed; its sessions can no longer change'],
      ]) {
        await setStatus(round, status as RoundStatus);
        const [error] = await refused(
          () =>
            app.post(`/api/rounds/${round}/sessions`, {
              titleSq: 'Takim',
              titleEn: 'Meeting',
              kind: 'meeting',
              startsAt: at('10:00', '2017-12-05'),
              endsAt: at('11:00', '2017-12-05'),
            }),
          409,
          ['status'],
        );
        expect(error.reason).toBe(reason);
      }
    });
  });

  describe('applyUpdate, for the workflow', () => {
    /** Runs the update the way the workflow does: in a transaction that flushes at its end. */
    async function update(sessionId: string, input: Record<string, unknown>) {
      const sessions = app.app.get(SessionsService);
      return app.orm.em.fork().transactional(async (em) => {
        const loaded = await em.findOneOrFail(RoundSession, sessionId);
        return sessions.applyUpdate(loaded, input);
      });
    }

    it('reports moved times, a moved day in the campaign zone and a changed audience', async () => {
      const round = await newRound();
      const id = await addSession(round, {
        startsAt: at('22:00', '2017-12-05'),
        endsAt: at('23:00', '2017-12-05'),
        audience: { committeeIds: [tableId], contactIds: [person.lejla] },
      });

      const later = await update(id, { startsAt: at('22:30', '2017-12-05') });
      expect(later).toEqual({
        timesChanged: true,
        dateChanged: false,
        previousStartsAt: new Date('2017-12-05T21:00:00Z'),
        previousEndsAt: new Date('2017-12-05T22:00:00Z'),
        titleChanged: false,
        venueChanged: false,
        audienceChanged: false,
      });
      // Still 5 December in UTC, already 6 December in Tirana: the day changed for the invitees.
      const pastMidnight = await update(id, {
        startsAt: '2017-12-05T23:15:00Z',
        endsAt: '2017-12-05T23:45:00Z',
      });
      expect(pastMidnight).toMatchObject({ timesChanged: true, dateChanged: true });

      const sameTimes = await update(id, {
        startsAt: '2017-12-06T00:15:00+01:00',
        titleEn: 'Late meeting',
      });
      expect(sameTimes).toMatchObject({
        timesChanged: false,
        dateChanged: false,
        titleChanged: true,
        venueChanged: false,
      });

      const added = await update(id, { audience: { contactIds: [person.lejla, person.mirela] } });
      expect(added.audienceChanged).toBe(true);
      const reordered = await update(id, {
        audience: { contactIds: [person.mirela, person.lejla] },
      });
      expect(reordered.audienceChanged).toBe(false);

      const read = await app.get(`/api/sessions/${id}`);
      expect(read.body).toMatchObject({
        titleEn: 'Late meeting',
        local: { startsAt: '2017-12-06T00:15:00+01:00', endsAt: '2017-12-06T00:45:00+01:00' },
        audience: { committeeIds: [tableId], contactCount: 2 },
      });
    });

    it('checks everything before it changes anything', async () => {
      const round = await newRound();
      const id = await addSession(round, { audience: { contactIds: [person.lejla] } });
      const sessions = app.app.get(SessionsService);
      const em = app.orm.em.fork();
      const loaded = await em.findOneOrFail(RoundSession, id);
      const attempt = em.transactional(() =>
        sessions.applyUpdate(loaded, {
          titleEn: 'Changed',
          endsAt: at('09:00', '2017-12-05'),
          audience: { contactIds: [person.sokol] },
        }),
      );
      await expect(attempt).rejects.toMatchObject({
        response: {
          errors: [
            { field: 'endsAt', reason: 'must be after startsAt (2017-12-05T10:00:00+01:00)' },
            { field: 'audience.contactIds[0]', reason: 'no active contact with this id' },
          ],
        },
      });
      expect(loaded.titleEn).toBe('Meeting with the Regional Anti-Trafficking Committee');
      expect(loaded.endsAt).toEqual(new Date(at('11:00', '2017-12-05')));
      expect(loaded.audienceContacts.getIdentifiers()).toEqual([person.lejla]);
    });

    it('keeps an audience member archived since, so an unrelated change still goes through', async () => {
      const round = await newRound();
      const leaving = await app.post('/api/contacts', {
        fullName: 'Fatmir Lala',
        email: 'fatmir.lala@example.al.test',
      });
      const id = await addSession(round, { audience: { contactIds: [leaving.body.id] } });
      await app.post(`/api/contacts/${leaving.body.id}/archive`);
      const result = await update(id, {
        audience: { contactIds: [leaving.body.id, person.artan] },
      });
      expect(result.audienceChanged).toBe(true);
    });
  });

  describe('audience', () => {
    it('resolves committees, institutions and single contacts to people, once each', async () => {
      // Called as a queue job calls it: outside any request context.
      const resolver = app.app.get(AudienceResolver);
      const audiences = await resolver.resolve(Object.values(session));
      // Besnik opted out, Gentian's seat ended: neither is invited through the table.
      expect(names(audiences.get(session.table))).toEqual([
        'Arjana Çela',
        'Çlirim Muça',
        'Drita Kola',
        'Ermira Shehu',
      ]);
      // Drita sits on the table, works at the education directorate and is named alone: once.
      expect(names(audiences.get(session.workshop))).toEqual([
        'Alban Kuka',
        'Arjana Çela',
        'Çlirim Muça',
        'Drita Kola',
        'Ermira Shehu',
        'Lejla Hoxha',
        'Mirela Daci',
      ]);
      // Sokol is archived; Teuta's centre is archived.
      expect(names(audiences.get(session.civilSociety))).toEqual(['Elona Marku']);
      expect(names(audiences.get(session.teachers))).toEqual(['Ilir Rama', 'Vjollca Meta']);
      expect(names(audiences.get(session.employment))).toEqual(['Artan Gjoka', 'Çlirim Muça']);
      expect(audiences.get(session.students)).toEqual([]);
      expect(await resolver.resolve([])).toEqual(new Map());
    });

    it('previews how many people each session and the whole round would invite', async () => {
      const preview = await app.get(`/api/rounds/${roundId}/audience-preview`);
      expect(preview.status).toBe(200);
      expect(preview.body.roundId).toBe(roundId);
      expect(
        preview.body.sessions.map((s: { sessionId: string; contactCount: number }) => [
          s.sessionId,
          s.contactCount,
        ]),
      ).toEqual([
        [session.table, 4],
        [session.workshop, 7],
        [session.civilSociety, 1],
        [session.teachers, 2],
        [session.students, 0],
        [session.employment, 2],
      ]);
      expect(preview.body.totalContacts).toBe(11);
      expect((await app.get(`/api/rounds/${randomUUID()}/audience-preview`)).status).toBe(404);
    });

    it('resolves an audience of 10,000 contacts in well under a few seconds', async () => {
      const connection = app.orm.em.getConnection();
      const big = await app.post('/api/institutions', {
        name: 'Bashkia Tiranë',
        kind: 'municipality',
        countyId: await app.countyId('Tiranë'),
      });
      await connection.execute(
        `insert into contact (id, full_name, email, institution_id, language, opted_out, search_key, created_at, updated_at)
         select gen_random_uuid(), 'Qytetar ' || n, 'qytetar' || n || '@example.al.test', ?, 'sq', n % 50 = 0, 'qytetar ' || n, now(), now()
         from generate_series(1, 10200) as n`,
        [big.body.id],
      );
      const round = await newRound({ countyId: await app.countyId('Tiranë') });
      const id = await addSession(round, {
        audience: { institutionIds: [big.body.id], contactIds: [person.lejla] },
      });
      const resolver = app.app.get(AudienceResolver);
      const started = Date.now();
      const audiences = await resolver.resolve([id]);
      const elapsed = Date.now() - started;
      // 10,200 minus the 204 who opted out, plus Lejla.
      expect(audiences.get(id)).toHaveLength(9997);
      expect(elapsed).toBeLessThan(5000);
    });
  });

  describe('invitations', () => {
    it('lists who was invited to what, with their answers, filtered by session and status', async () => {
      const em = app.orm.em.fork();
      const invite = (sessionKey: string, personKey: string, status = InvitationStatus.Pending) =>
        em.create(Invitation, {
          session: em.getReference(RoundSession, session[sessionKey]),
          contact: em.getReference(Contact, person[personKey]),
          status,
          respondedAt:
            status === InvitationStatus.Pending ? null : new Date('2017-11-10T09:00:00Z'),
        });
      invite('table', 'arjana', InvitationStatus.Accepted);
      const delegated = invite('table', 'ermira', InvitationStatus.Delegated);
      invite('table', 'clirim');
      const substitute = invite('table', 'alban', InvitationStatus.Accepted);
      substitute.substituteFor = delegated;
      invite('workshop', 'lejla', InvitationStatus.Declined);
      await em.flush();

      const all = await app.get(`/api/rounds/${roundId}/invitations`);
      expect(all.status).toBe(200);
      expect(all.body.total).toBe(5);
      expect(
        all.body.items.map((item: any) => [item.session.id, item.contact.fullName, item.status]),
      ).toEqual([
        [session.table, 'Alban Kuka', 'accepted'],
        [session.table, 'Arjana Çela', 'accepted'],
        [session.table, 'Çlirim Muça', 'pending'],
        [session.table, 'Ermira Shehu', 'delegated'],
        [session.workshop, 'Lejla Hoxha', 'declined'],
      ]);
      expect(all.body.items[0]).toEqual({
        id: substitute.id,
        session: {
          id: session.table,
          titleSq: 'Takim me anëtarët e Tryezës Teknike',
          titleEn: 'Meeting with the members of the Technical Table',
          startsAt: '2017-11-22T08:00:00.000Z',
        },
        contact: {
          id: person.alban,
          fullName: 'Alban Kuka',
          email: 'alban@example.al.test',
          institutionName: 'Bashkia Cërrik',
        },
        status: 'accepted',
        respondedAt: '2017-11-10T09:00:00.000Z',
        withdrawnAt: null,
        substituteForId: delegated.id,
        createdAt: expect.any(String),
      });

      const workshop = await app.get(
        `/api/rounds/${roundId}/invitations?sessionId=${session.workshop}`,
      );
      expect(workshop.body.items.map((item: any) => item.contact.fullName)).toEqual([
        'Lejla Hoxha',
      ]);
      const accepted = await app.get(`/api/rounds/${roundId}/invitations?status=accepted&limit=1`);
      expect(accepted.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      const otherRound = await newRound();
      const none = await app.get(
        `/api/rounds/${otherRound}/invitations?sessionId=${session.table}`,
      );
      expect(none.body).toMatchObject({ items: [], total: 0 });
      expect((await app.get(`/api/rounds/${roundId}/invitations?status=maybe`)).status).toBe(400);
      expect((await app.get(`/api/rounds/${randomUUID()}/invitations`)).status).toBe(404);
    });
  });

  it('lets a viewer read rounds, sessions, previews and invitations but not write', async () => {
    const viewer = await app.tokenFor('viewer');
    for (const path of [
      '/api/rounds',
      `/api/rounds/${roundId}`,
      `/api/rounds/${roundId}/sessions`,
      `/api/rounds/${roundId}/audience-preview`,
      `/api/rounds/${roundId}/invitations`,
      `/api/sessions/${session.table}`,
    ]) {
      expect((await app.get(path, { token: viewer })).status).toBe(200);
    }
    const before = await app.snapshot();
    const round = { campaignId, countyId: elbasan, startsOn: '2017-11-22', endsOn: '2017-11-22' };
    expect((await app.post('/api/rounds', round, { token: viewer })).status).toBe(403);
    expect(
      (await app.patch(`/api/rounds/${roundId}`, { endsOn: '2017-11-23' }, { token: viewer }))
        .status,
    ).toBe(403);
    const sessionBody = {
      titleSq: 'Takim',
      titleEn: 'Meeting',
      kind: 'meeting',
      startsAt: at('09:00'),
      endsAt: at('10:00'),
    };
    expect(
      (await app.post(`/api/rounds/${roundId}/sessions`, sessionBody, { token: viewer })).status,
    ).toBe(403);
    expect(await app.snapshot()).toEqual(before);
  });
});
