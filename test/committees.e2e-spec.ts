import { officeToday } from '../src/directory/committees/current-membership';
import { Contact } from '../src/directory/contacts/contact.entity';
import { Institution } from '../src/directory/institutions/institution.entity';
import { TestApp } from './support/test-app';

const TABLE = 'Tryeza Teknike Antitrafik Elbasan';

/** The Elbasan Technical Table as met on 22 November 2017: the prefect chairs it. */
const CHAIR = {
  fullName: 'Arjana Çela',
  email: 'arjana.cela@example.al.test',
  position: 'Prefekte',
  institution: 'Institucioni i Prefektit të Qarkut Elbasan',
};
const MEMBERS = [
  {
    fullName: 'Ermira Shehu',
    email: 'ermira.shehu@example.al.test',
    position: 'Specialiste për shërbimet sociale',
    institution: 'Bashkia Elbasan',
  },
  {
    fullName: 'Drita Kola',
    email: 'drita.kola@example.al.test',
    position: 'Drejtoreshë',
    institution: 'Drejtoria Arsimore Rajonale Elbasan',
  },
  {
    fullName: 'Çlirim Muça',
    email: 'clirim.muca@example.al.test',
    position: 'Specialist i punësimit',
    institution: 'Zyra Rajonale e Punësimit Elbasan',
  },
  {
    fullName: 'Besnik Dervishi',
    email: 'besnik.dervishi@example.al.test',
    position: 'Shef i sektorit kundër trafiqeve',
    institution: 'Drejtoria Vendore e Policisë Elbasan',
  },
];

describe('committees and their members', () => {
  let app: TestApp;
  let elbasan: string;
  let today: string;

  beforeAll(async () => {
    app = await TestApp.start();
    elbasan = await app.countyId('Elbasan');
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(async () => {
    await app.reset();
    today = officeToday();
  });

  /** Contacts come straight from the ORM so these tests do not depend on the contacts API. */
  async function createContact(person: {
    fullName: string;
    email: string;
    position: string;
    institution: string;
  }): Promise<string> {
    const em = app.orm.em.fork();
    const institution = em.create(Institution, { name: person.institution, county: elbasan });
    const contact = em.create(Contact, {
      fullName: person.fullName,
      email: person.email,
      position: person.position,
      institution,
    });
    await em.flush();
    return contact.id;
  }

  async function createTable(): Promise<string> {
    const response = await app.post('/api/committees', {
      name: TABLE,
      countyId: elbasan,
      description: 'Tryeza Teknike e Komitetit Rajonal Antitrafik, e thirrur nga Prefekti.',
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  /** The table with its chair and four members; returns the ids a test needs. */
  async function seatTable() {
    const committeeId = await createTable();
    const chairId = await createContact(CHAIR);
    const memberIds = [];
    for (const member of MEMBERS) memberIds.push(await createContact(member));
    const chair = await app.post(`/api/committees/${committeeId}/members`, {
      contactId: chairId,
      role: 'chair',
      startsOn: '2017-01-15',
    });
    expect(chair.status).toBe(201);
    const memberships: string[] = [];
    for (const contactId of memberIds) {
      const added = await app.post(`/api/committees/${committeeId}/members`, { contactId });
      expect(added.status).toBe(201);
      memberships.push(added.body.id);
    }
    return { committeeId, chairId, memberIds, chairMembership: chair.body.id, memberships };
  }

  it('creates the Elbasan Technical Table as a county committee', async () => {
    const created = await app.post('/api/committees', { name: TABLE, countyId: elbasan });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: TABLE,
      county: { id: elbasan, name: 'Elbasan', country: 'AL' },
      description: null,
      memberCount: 0,
      archivedAt: null,
    });
    const fetched = await app.get(`/api/committees/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('seats a chair and members, listing the chair first then by Albanian alphabetical order', async () => {
    const { committeeId, chairId } = await seatTable();
    const members = await app.get(`/api/committees/${committeeId}/members`);
    expect(members.status).toBe(200);
    expect(members.body.map((m: any) => m.contact.fullName)).toEqual([
      'Arjana Çela',
      'Besnik Dervishi',
      'Çlirim Muça',
      'Drita Kola',
      'Ermira Shehu',
    ]);
    expect(members.body[0]).toMatchObject({
      committeeId,
      role: 'chair',
      startsOn: '2017-01-15',
      endsOn: null,
      current: true,
      contact: {
        id: chairId,
        fullName: 'Arjana Çela',
        email: 'arjana.cela@example.al.test',
        position: 'Prefekte',
        institutionName: 'Institucioni i Prefektit të Qarkut Elbasan',
        archivedAt: null,
      },
    });
    expect(members.body.slice(1).every((m: any) => m.role === 'member')).toBe(true);
    expect(members.body[1].startsOn).toBe(today);

    const committee = await app.get(`/api/committees/${committeeId}`);
    expect(committee.body.memberCount).toBe(5);
    const list = await app.get('/api/committees');
    expect(list.body.items[0].memberCount).toBe(5);
  });

  it('ends a membership today and keeps it in the history', async () => {
    const { committeeId, memberIds, memberships } = await seatTable();
    const ended = await app.delete(`/api/committees/${committeeId}/members/${memberships[0]}`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: memberships[0], endsOn: today, current: false });

    const current = await app.get(`/api/committees/${committeeId}/members`);
    expect(current.body).toHaveLength(4);
    expect(current.body.map((m: any) => m.contact.id)).not.toContain(memberIds[0]);
    expect((await app.get(`/api/committees/${committeeId}`)).body.memberCount).toBe(4);

    const history = await app.get(`/api/committees/${committeeId}/members?all=true`);
    expect(history.body).toHaveLength(5);
    expect(history.body.find((m: any) => m.id === memberships[0])).toMatchObject({
      endsOn: today,
      current: false,
    });

    const again = await app.delete(`/api/committees/${committeeId}/members/${memberships[0]}`);
    expect(again.status).toBe(200);
    expect(again.body.endsOn).toBe(today);
  });

  it('seats a contact again after the earlier seat ended', async () => {
    const { committeeId, memberIds, memberships } = await seatTable();
    await app.delete(`/api/committees/${committeeId}/members/${memberships[0]}`);
    const readded = await app.post(`/api/committees/${committeeId}/members`, {
      contactId: memberIds[0],
    });
    expect(readded.status).toBe(201);
    expect(readded.body).toMatchObject({ startsOn: today, endsOn: null, current: true });

    const history = await app.get(`/api/committees/${committeeId}/members?all=true`);
    const seats = history.body.filter((m: any) => m.contact.id === memberIds[0]);
    expect(seats.map((m: any) => [m.endsOn, m.current])).toEqual(
      expect.arrayContaining([
        [today, false],
        [null, true],
      ]),
    );
    expect((await app.get(`/api/committees/${committeeId}`)).body.memberCount).toBe(5);
  });

  it('refuses a second current seat for the same contact, writing nothing', async () => {
    const { committeeId, memberIds } = await seatTable();
    const before = await app.snapshot();
    const duplicate = await app.post(`/api/committees/${committeeId}/members`, {
      contactId: memberIds[1],
      role: 'chair',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([
      { field: 'contactId', reason: 'the contact is already a current member of this committee' },
    ]);
    expect(await app.snapshot()).toEqual(before);
  });

  it('seats a contact once when two requests race', async () => {
    const committeeId = await createTable();
    const contactId = await createContact(CHAIR);
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        app.post(`/api/committees/${committeeId}/members`, { contactId }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect((await app.get(`/api/committees/${committeeId}/members?all=true`)).body).toHaveLength(1);
  });

  it('stops counting a contact once the contact is archived', async () => {
    const { committeeId, memberIds } = await seatTable();
    await app.orm.em.fork().nativeUpdate(Contact, { id: memberIds[2] }, { archivedAt: new Date() });
    expect((await app.get(`/api/committees/${committeeId}`)).body.memberCount).toBe(4);
    const current = await app.get(`/api/committees/${committeeId}/members`);
    expect(current.body.map((m: any) => m.contact.id)).not.toContain(memberIds[2]);
    const history = await app.get(`/api/committees/${committeeId}/members?all=true`);
    const seat = history.body.find((m: any) => m.contact.id === memberIds[2]);
    expect(seat).toMatchObject({ endsOn: null, current: false });
    expect(seat.contact.archivedAt).not.toBeNull();
  });

  it('refuses to reopen an ended seat while the contact holds a newer one', async () => {
    const { committeeId, memberIds, memberships } = await seatTable();
    await app.delete(`/api/committees/${committeeId}/members/${memberships[0]}`);
    await app.post(`/api/committees/${committeeId}/members`, { contactId: memberIds[0] });
    const reopened = await app.patch(`/api/committees/${committeeId}/members/${memberships[0]}`, {
      endsOn: null,
    });
    expect(reopened.status).toBe(409);
    expect(reopened.body.errors[0].field).toBe('endsOn');
  });

  it('refuses an unknown or archived contact with 422 naming contactId', async () => {
    const committeeId = await createTable();
    const before = await app.snapshot();
    const unknown = await app.post(`/api/committees/${committeeId}/members`, {
      contactId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { field: 'contactId', reason: 'no active contact with this id' },
    ]);

    const contactId = await createContact(CHAIR);
    await app.orm.em
      .fork()
      .nativeUpdate(Contact, { id: contactId }, { archivedAt: new Date('2017-06-01T00:00:00Z') });
    const afterArchive = await app.snapshot();
    const archived = await app.post(`/api/committees/${committeeId}/members`, { contactId });
    expect(archived.status).toBe(422);
    expect(archived.body.errors[0].field).toBe('contactId');
    expect(await app.snapshot()).toEqual(afterArchive);
    expect(before.committee_membership).toBe(afterArchive.committee_membership);
  });

  it('refuses an unknown county with 422 naming countyId', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const created = await app.post('/api/committees', { name: TABLE, countyId: missing });
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([{ field: 'countyId', reason: 'no county with this id' }]);

    const committeeId = await createTable();
    const before = await app.snapshot();
    const moved = await app.patch(`/api/committees/${committeeId}`, { countyId: missing });
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0].field).toBe('countyId');
    expect(await app.snapshot()).toEqual(before);
  });

  it('validates names, roles and dates with 400 naming the field', async () => {
    const { committeeId, memberIds, memberships } = await seatTable();
    const before = await app.snapshot();
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/committees', { name: '' }, 'name'],
      ['POST', '/api/committees', { name: TABLE, kind: 'table' }, 'kind'],
      ['PATCH', `/api/committees/${committeeId}`, { name: null }, 'name'],
      [
        'POST',
        `/api/committees/${committeeId}/members`,
        { contactId: memberIds[0], role: 'president' },
        'role',
      ],
      [
        'POST',
        `/api/committees/${committeeId}/members`,
        { contactId: memberIds[0], role: null },
        'role',
      ],
      [
        'POST',
        `/api/committees/${committeeId}/members`,
        { contactId: memberIds[0], startsOn: '22.11.2017' },
        'startsOn',
      ],
      [
        'POST',
        `/api/committees/${committeeId}/members`,
        { contactId: memberIds[0], startsOn: '2017-02-30' },
        'startsOn',
      ],
      [
        'POST',
        `/api/committees/${committeeId}/members`,
        { contactId: memberIds[0], startsOn: '2017-11-22T10:00:00Z' },
        'startsOn',
      ],
      ['POST', `/api/committees/${committeeId}/members`, { contactId: 'arjana' }, 'contactId'],
      [
        'PATCH',
        `/api/committees/${committeeId}/members/${memberships[0]}`,
        { endsOn: '2017-13-01' },
        'endsOn',
      ],
      [
        'PATCH',
        `/api/committees/${committeeId}/members/${memberships[0]}`,
        { role: 'vice-chair' },
        'role',
      ],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await app.request(method, path, { body });
      expect({ path, body, status: response.status }).toEqual({ path, body, status: 400 });
      expect(response.body.errors.map((e: any) => e.field)).toEqual([field]);
    }
    const badDate = await app.post(`/api/committees/${committeeId}/members`, {
      contactId: memberIds[0],
      startsOn: '2017-02-30',
    });
    expect(badDate.body.errors[0].reason).toBe('must be a calendar date written YYYY-MM-DD');
    const badRole = await app.get(`/api/committees/${committeeId}/members?all=yes`);
    expect(badRole.status).toBe(400);
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses an end before the start with 422 naming endsOn', async () => {
    const { committeeId, chairMembership } = await seatTable();
    const before = await app.snapshot();
    const response = await app.patch(`/api/committees/${committeeId}/members/${chairMembership}`, {
      endsOn: '2016-12-31',
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { field: 'endsOn', reason: 'must be on or after startsOn (2017-01-15)' },
    ]);
    expect(await app.snapshot()).toEqual(before);
  });

  it('changes a role and plans the end of a seat', async () => {
    const { committeeId, chairMembership, memberships } = await seatTable();
    const promoted = await app.patch(`/api/committees/${committeeId}/members/${memberships[1]}`, {
      role: 'chair',
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: 'chair', endsOn: null, current: true });

    const planned = await app.patch(`/api/committees/${committeeId}/members/${chairMembership}`, {
      endsOn: '2999-12-31',
    });
    expect(planned.status).toBe(200);
    expect(planned.body).toMatchObject({ role: 'chair', endsOn: '2999-12-31', current: true });

    const closed = await app.patch(`/api/committees/${committeeId}/members/${chairMembership}`, {
      endsOn: '2017-11-22',
    });
    expect(closed.body).toMatchObject({ endsOn: '2017-11-22', current: false });
    expect((await app.get(`/api/committees/${committeeId}`)).body.memberCount).toBe(4);
  });

  it('answers 404 for a membership of another committee', async () => {
    const { memberships } = await seatTable();
    const other = await app.post('/api/committees', {
      name: 'Komiteti Rajonal Antitrafik Korçë',
      countyId: await app.countyId('Korçë'),
    });
    const before = await app.snapshot();
    const path = `/api/committees/${other.body.id}/members/${memberships[0]}`;
    const patched = await app.patch(path, { role: 'chair' });
    expect(patched.status).toBe(404);
    expect(patched.body.message).toBe('membership not found');
    expect((await app.delete(path)).status).toBe(404);
    expect(await app.snapshot()).toEqual(before);

    const ghost = '00000000-0000-4000-8000-000000000000';
    const noCommittee = await app.get(`/api/committees/${ghost}/members`);
    expect(noCommittee.status).toBe(404);
    expect(noCommittee.body.message).toBe('committee not found');
  });

  it('lets a viewer read but not write', async () => {
    const { committeeId, memberIds, memberships } = await seatTable();
    const token = await app.tokenFor('viewer');
    const before = await app.snapshot();
    expect((await app.get('/api/committees', { token })).status).toBe(200);
    expect((await app.get(`/api/committees/${committeeId}`, { token })).status).toBe(200);
    expect((await app.get(`/api/committees/${committeeId}/members`, { token })).status).toBe(200);
    const writes = [
      app.post('/api/committees', { name: TABLE }, { token }),
      app.patch(`/api/committees/${committeeId}`, { name: 'Tryeza' }, { token }),
      app.post(`/api/committees/${committeeId}/archive`, undefined, { token }),
      app.post(`/api/committees/${committeeId}/members`, { contactId: memberIds[0] }, { token }),
      app.patch(
        `/api/committees/${committeeId}/members/${memberships[0]}`,
        { role: 'chair' },
        { token },
      ),
      app.delete(`/api/committees/${committeeId}/members/${memberships[0]}`, { token }),
    ];
    for (const response of await Promise.all(writes)) expect(response.status).toBe(403);
    expect((await app.get('/api/committees', { token: null })).status).toBe(401);
    expect(await app.snapshot()).toEqual(before);
  });

  it('hides an archived committee and closes it to new members until restored', async () => {
    const { committeeId } = await seatTable();
    const archived = await app.post(`/api/committees/${committeeId}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect(archived.body.memberCount).toBe(5);

    expect((await app.get('/api/committees')).body).toMatchObject({ items: [], total: 0 });
    const withArchived = await app.get('/api/committees?archived=true');
    expect(withArchived.body.items.map((c: any) => c.id)).toEqual([committeeId]);

    const newcomer = await createContact({
      fullName: 'Gëzim Leka',
      email: 'gezim.leka@example.org',
      position: 'Koordinator',
      institution: 'Qendra Sociale Elbasan',
    });
    const before = await app.snapshot();
    const refused = await app.post(`/api/committees/${committeeId}/members`, {
      contactId: newcomer,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('id');
    expect(await app.snapshot()).toEqual(before);

    const restored = await app.post(`/api/committees/${committeeId}/restore`);
    expect(restored.body.archivedAt).toBeNull();
    expect((await app.get('/api/committees')).body.total).toBe(1);
    const seated = await app.post(`/api/committees/${committeeId}/members`, {
      contactId: newcomer,
    });
    expect(seated.status).toBe(201);
  });

  it('searches, filters and sorts committees', async () => {
    const tableId = await createTable();
    const korce = await app.post('/api/committees', {
      name: 'Komiteti Rajonal Antitrafik Korçë',
      countyId: await app.countyId('Korçë'),
    });
    const national = await app.post('/api/committees', {
      name: 'Komiteti Kombëtar kundër Trafikimit',
    });
    expect(national.body.county).toBeNull();

    const names = async (query: string) =>
      (await app.get(`/api/committees${query}`)).body.items.map((c: any) => c.id);
    expect(await names('?q=KORCE')).toEqual([korce.body.id]);
    expect(await names('?q=kombetar')).toEqual([national.body.id]);
    expect(await names(`?countyId=${elbasan}`)).toEqual([tableId]);
    expect(await names('?national=true')).toEqual([national.body.id]);
    expect(await names('?sort=name')).toEqual([national.body.id, korce.body.id, tableId]);
    expect(await names('?sort=createdAt&order=desc')).toEqual([
      national.body.id,
      korce.body.id,
      tableId,
    ]);
    const page = await app.get('/api/committees?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect((await app.get('/api/committees?sort=memberCount')).status).toBe(400);

    const renamed = await app.patch(`/api/committees/${tableId}`, {
      name: 'Tryeza Teknike Antitrafik e Qarkut Elbasan',
      countyId: null,
      description: null,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ county: null, description: null });
    expect(await names('?q=qarkut')).toEqual([tableId]);
  });
});
