import { draftRound, fastCampaign } from './support/round-fixture';
import { TestApp } from './support/test-app';

const REASON = 'must be one line without control characters';

/** Names, titles and the like are one line: a line break or a control character in one is refused. */
describe('single-line fields', () => {
  let app: TestApp;
  let campaignId: string;
  let roundId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    campaignId = await fastCampaign(app, { inviteBefore: 'P1D', reminders: [] });
    ({ roundId } = await draftRound(app, campaignId, []));
  });

  afterAll(() => app.close());

  async function refused(method: 'post' | 'patch', path: string, body: object, field: string) {
    const before = await app.snapshot();
    const response = await app[method](path, body);
    expect([response.status, response.body.errors]).toEqual([422, [{ field, reason: REASON }]]);
    expect(await app.snapshot()).toEqual(before);
  }

  it('refuses a contact whose name holds a line break', async () => {
    const contact = { fullName: 'Arbër Hoxha\r\nBcc: x@evil.test', email: 'a@example.al.test' };
    await refused('post', '/api/contacts', contact, 'fullName');
    const created = await app.post('/api/contacts', { ...contact, fullName: 'Arbër Hoxha' });
    expect(created.status).toBe(201);
    await refused('patch', `/api/contacts/${created.body.id}`, { position: 'a\nb' }, 'position');
  });

  it('refuses a session title with a line feed', async () => {
    const session = {
      titleSq: 'Takim me anëtarët\ne Tryezës Teknike',
      titleEn: 'Meeting with the members of the Technical Table',
      kind: 'meeting',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    };
    await refused('post', `/api/rounds/${roundId}/sessions`, session, 'titleSq');
  });

  it('refuses a sender name with a control character, and says which field of several', async () => {
    const path = `/api/campaigns/${campaignId}`;
    await refused('patch', path, { senderName: 'Zyra\u0007' }, 'senderName');
    await refused(
      'patch',
      path,
      { partners: [{ nameSq: 'IOM', nameEn: 'I\tOM' }] },
      'partners[0].nameEn',
    );
    const multiLine = await app.patch(path, { sloganEn: 'Choose\u2028opportunities' });
    expect(multiLine.body.errors).toEqual([{ field: 'sloganEn', reason: REASON }]);
  });

  it('keeps a 400 when the body is also malformed in another way', async () => {
    const response = await app.post('/api/contacts', { fullName: 'A\nB', email: 'not an address' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ field: 'fullName', reason: REASON });
  });
});
