import { DEFAULT_WORKFLOW_POLICY } from '../src/campaigns/workflow-policy';
import { TestApp } from './support/test-app';

/** The campaign of the Elbasan round of 22 November 2017, as the scenario gives it. */
const ELBASAN_CAMPAIGN = {
  nameSq: 'Mbi parandalimin e migracionit të parregullt',
  nameEn: 'On preventing irregular migration',
  sloganSq: 'Zgjidhni mundësitë, jo migracionin e parregullt!',
  sloganEn: 'Choose opportunities, not irregular migration!',
  organiserSq: 'Zyra e Koordinatorit Kombëtar për Çështje të Luftës kundër Trafikimit të Personave',
  organiserEn: 'Office of the National Coordinator for the Fight against Trafficking in Persons',
  senderName: 'Zyra e Koordinatorit Kombëtar kundër Trafikimit',
  senderEmail: 'fushata@example.al.test',
};

/** A policy that plays a whole round in seconds, as a demo or a test runs it. */
const SECONDS_POLICY = {
  inviteBefore: 'PT60S',
  reminders: [
    { before: 'PT30S', audience: 'non_responders' },
    { before: 'PT10.5S', audience: 'accepted' },
  ],
  followUpAfter: 'PT5S',
  reportAfter: 'PT10S',
  sendWindow: { enabled: false, opensAt: '08:00', closesAt: '18:00', days: [5, 1, 3] },
};

describe('campaigns', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  async function create(body: Record<string, unknown> = {}) {
    const response = await app.post('/api/campaigns', { ...ELBASAN_CAMPAIGN, ...body });
    expect(response.status).toBe(201);
    return response.body;
  }

  /** Sends the request, expects the status, that the named fields are the ones at fault, and that nothing was written. */
  async function refused(
    method: 'post' | 'patch',
    path: string,
    body: unknown,
    status: number,
    fields: string[],
  ) {
    const before = await app.snapshot();
    const response = await app[method](path, body);
    expect(response.status).toBe(status);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
    expect(await app.snapshot()).toEqual(before);
    return response.body.errors as Array<{ field: string; reason: string }>;
  }

  it('creates the Elbasan campaign with the default languages, zone and policy', async () => {
    const campaign = await create();
    expect(campaign).toMatchObject({
      ...ELBASAN_CAMPAIGN,
      languages: ['sq', 'en'],
      timeZone: 'Europe/Tirane',
      reportRecipients: [],
      policy: DEFAULT_WORKFLOW_POLICY,
      archivedAt: null,
    });
    const read = await app.get(`/api/campaigns/${campaign.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(campaign);
  });

  it('keeps a policy in seconds with the send window off, weekdays in order', async () => {
    const campaign = await create({
      policy: SECONDS_POLICY,
      languages: ['en'],
      timeZone: 'europe/tirane',
      reportRecipients: ['raportet@example.al.test', 'iom.tirana@example.org'],
    });
    expect(campaign.policy).toEqual({
      ...SECONDS_POLICY,
      // Not given: the default audience of the follow-up.
      followUpTo: ['attended', 'missed'],
      sendWindow: { ...SECONDS_POLICY.sendWindow, days: [1, 3, 5] },
    });
    expect(campaign.timeZone).toBe('Europe/Tirane');
    expect(campaign.languages).toEqual(['en']);
    expect(campaign.reportRecipients).toEqual([
      'raportet@example.al.test',
      'iom.tirana@example.org',
    ]);
  });

  it('refuses a duration that is not ISO 8601, naming the reminder', async () => {
    const policy = {
      ...DEFAULT_WORKFLOW_POLICY,
      reminders: [{ before: 'P3X', audience: 'non_responders' }],
    };
    const [error] = await refused('post', '/api/campaigns', { ...ELBASAN_CAMPAIGN, policy }, 400, [
      'policy.reminders[0].before',
    ]);
    expect(error.reason).toBe('must be an ISO 8601 duration such as P14D, PT2H or PT30S');
  });

  it('refuses months and years, asking for days', async () => {
    const policy = { ...DEFAULT_WORKFLOW_POLICY, inviteBefore: 'P1M' };
    const [error] = await refused('post', '/api/campaigns', { ...ELBASAN_CAMPAIGN, policy }, 400, [
      'policy.inviteBefore',
    ]);
    expect(error.reason).toBe('years and months have no fixed length; use days (P30D)');
  });

  it('refuses a send window that closes before it opens, or on no real weekday', async () => {
    const window = DEFAULT_WORKFLOW_POLICY.sendWindow;
    const policy = (sendWindow: object) => ({
      ...ELBASAN_CAMPAIGN,
      policy: { ...DEFAULT_WORKFLOW_POLICY, sendWindow: { ...window, ...sendWindow } },
    });
    const [closes] = await refused(
      'post',
      '/api/campaigns',
      policy({ opensAt: '18:00', closesAt: '08:00' }),
      400,
      ['policy.sendWindow.closesAt'],
    );
    expect(closes.reason).toBe('must be later than opensAt');
    await refused('post', '/api/campaigns', policy({ opensAt: '8:00' }), 400, [
      'policy.sendWindow.opensAt',
    ]);
    await refused('post', '/api/campaigns', policy({ closesAt: '24:00' }), 400, [
      'policy.sendWindow.closesAt',
    ]);
    await refused('post', '/api/campaigns', policy({ days: [0, 1] }), 400, [
      'policy.sendWindow.days',
    ]);
    await refused('post', '/api/campaigns', policy({ days: [] }), 400, ['policy.sendWindow.days']);
  });

  it('refuses a reminder that would come before the invitation', async () => {
    const policy = {
      ...DEFAULT_WORKFLOW_POLICY,
      inviteBefore: 'P2D',
      reminders: [
        { before: 'P1D', audience: 'accepted' },
        { before: 'P3D', audience: 'non_responders' },
      ],
    };
    const [error] = await refused('post', '/api/campaigns', { ...ELBASAN_CAMPAIGN, policy }, 422, [
      'policy.reminders[1].before',
    ]);
    expect(error.reason).toContain('must be shorter than policy.inviteBefore (P2D)');
  });

  it('refuses an unknown time zone, unknown languages and malformed addresses', async () => {
    const [zone] = await refused(
      'post',
      '/api/campaigns',
      { ...ELBASAN_CAMPAIGN, timeZone: 'Europe/Elbasan' },
      400,
      ['timeZone'],
    );
    expect(zone.reason).toBe('must be an IANA time zone such as Europe/Tirane');
    await refused('post', '/api/campaigns', { ...ELBASAN_CAMPAIGN, timeZone: '+01:00' }, 400, [
      'timeZone',
    ]);
    await refused('post', '/api/campaigns', { ...ELBASAN_CAMPAIGN, languages: ['sq', 'it'] }, 400, [
      'languages',
    ]);
    await refused('post', '/api/campaigns', { ...ELBASAN_CAMPAIGN, languages: [] }, 400, [
      'languages',
    ]);
    await refused(
      'post',
      '/api/campaigns',
      { ...ELBASAN_CAMPAIGN, reportRecipients: ['raportet@example.al.test', 'raportet'] },
      400,
      ['reportRecipients'],
    );
    await refused('post', '/api/campaigns', { ...ELBASAN_CAMPAIGN, senderEmail: 'fushata' }, 400, [
      'senderEmail',
    ]);
    await refused('post', '/api/campaigns', { ...ELBASAN_CAMPAIGN, policy: null }, 400, ['policy']);
  });

  it('changes what a patch gives: null clears a slogan, a policy replaces the whole policy', async () => {
    const campaign = await create();
    const patched = await app.patch(`/api/campaigns/${campaign.id}`, {
      sloganEn: null,
      policy: SECONDS_POLICY,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      nameSq: ELBASAN_CAMPAIGN.nameSq,
      sloganSq: ELBASAN_CAMPAIGN.sloganSq,
      sloganEn: null,
      policy: { inviteBefore: 'PT60S', sendWindow: { enabled: false, days: [1, 3, 5] } },
    });

    await refused('patch', `/api/campaigns/${campaign.id}`, { nameSq: null }, 400, ['nameSq']);
    const partial = await refused(
      'patch',
      `/api/campaigns/${campaign.id}`,
      { policy: { inviteBefore: 'P7D' } },
      400,
      ['policy.reminders', 'policy.followUpAfter', 'policy.reportAfter', 'policy.sendWindow'],
    );
    expect(partial).toHaveLength(4);
  });

  it('fixes the time zone once the campaign has a session', async () => {
    const campaign = await create();
    const moved = await app.patch(`/api/campaigns/${campaign.id}`, { timeZone: 'Europe/Rome' });
    expect(moved.status).toBe(200);
    expect(moved.body.timeZone).toBe('Europe/Rome');

    const round = await app.post('/api/rounds', {
      campaignId: campaign.id,
      countyId: await app.countyId('Elbasan'),
      startsOn: '2017-11-22',
      endsOn: '2017-11-22',
    });
    const session = await app.post(`/api/rounds/${round.body.id}/sessions`, {
      titleSq: 'Takim me anëtarët e Tryezës Teknike',
      titleEn: 'Meeting with the members of the Technical Table',
      kind: 'meeting',
      startsAt: '2017-11-22T09:00:00+01:00',
      endsAt: '2017-11-22T10:30:00+01:00',
    });
    expect(session.status).toBe(201);

    const [error] = await refused(
      'patch',
      `/api/campaigns/${campaign.id}`,
      { timeZone: 'Europe/Tirane' },
      409,
      ['timeZone'],
    );
    expect(error.reason).toContain('can no longer change');
    const same = await app.patch(`/api/campaigns/${campaign.id}`, { timeZone: 'europe/rome' });
    expect(same.status).toBe(200);
  });

  it('searches names and slogans without regard to accents, and hides archived campaigns', async () => {
    const campaign = await create({ nameEn: 'Searchable: on preventing irregular migration' });
    const other = await create({
      nameSq: 'Java kundër trafikimit',
      nameEn: 'Anti-trafficking week',
      sloganSq: null,
      sloganEn: null,
    });
    const search = async (query: string) => {
      const response = await app.get(`/api/campaigns?${query}`);
      expect(response.status).toBe(200);
      return response.body.items.map((item: { id: string }) => item.id);
    };

    expect(await search('q=zgjidhni%20mundesite')).toContain(campaign.id);
    expect(await search('q=zgjidhni%20mundesite')).not.toContain(other.id);
    expect(await search(`q=${encodeURIComponent('KUNDËR')}`)).toEqual([other.id]);
    expect(await search('q=searchable')).toEqual([campaign.id]);

    const archived = await app.post(`/api/campaigns/${campaign.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect(await search('q=searchable')).toEqual([]);
    expect(await search('q=searchable&archived=true')).toEqual([campaign.id]);
    expect(await search('archived=true&limit=200')).toContain(campaign.id);
    expect(await search('limit=200')).not.toContain(campaign.id);

    const round = await app.post('/api/rounds', {
      campaignId: campaign.id,
      countyId: await app.countyId('Kukës'),
      startsOn: '2017-12-05',
      endsOn: '2017-12-07',
    });
    expect(round.status).toBe(422);
    expect(round.body.errors).toEqual([
      { field: 'campaignId', reason: 'no active campaign with this id' },
    ]);

    const restored = await app.post(`/api/campaigns/${campaign.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
    expect(await search('q=searchable')).toEqual([campaign.id]);
  });

  it('lets a viewer read campaigns but not write them', async () => {
    const campaign = await create();
    const viewer = await app.tokenFor('viewer');
    expect((await app.get('/api/campaigns', { token: viewer })).status).toBe(200);
    expect((await app.get(`/api/campaigns/${campaign.id}`, { token: viewer })).status).toBe(200);

    const before = await app.snapshot();
    expect((await app.post('/api/campaigns', ELBASAN_CAMPAIGN, { token: viewer })).status).toBe(
      403,
    );
    expect(
      (await app.patch(`/api/campaigns/${campaign.id}`, { nameEn: 'x' }, { token: viewer })).status,
    ).toBe(403);
    expect(
      (await app.post(`/api/campaigns/${campaign.id}/archive`, undefined, { token: viewer }))
        .status,
    ).toBe(403);
    expect(await app.snapshot()).toEqual(before);
  });

  it('answers an unknown or malformed id with 404 and 400', async () => {
    expect((await app.get('/api/campaigns/0b6f1c1e-6a1e-4a35-9d1c-2f2ab3f5e1d2')).status).toBe(404);
    expect((await app.get('/api/campaigns/elbasan')).status).toBe(400);
  });
});
