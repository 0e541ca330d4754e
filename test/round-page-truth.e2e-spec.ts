import { DashboardSession } from './support/dashboard-session';
import { contact, draftRound, fastCampaign } from './support/round-fixture';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const HOUR = 3600_000;

/**
 * The round page says what just happened and where the invitations stand:
 * how many people they will reach and when, then how many have left, never
 * a bare "0 invited" while the workflow is at work.
 */
describe('the round page after scheduling', () => {
  let app: TestApp;
  let coordinator: DashboardSession;
  let serial = 0;

  beforeAll(async () => {
    // No SMTP server listens here: e-mails stay queued, retried, so "going out" lasts.
    app = await TestApp.start({ SMTP_URL: 'smtp://127.0.0.1:9', SEND_RETRY_BASE_MS: '60000' });
    coordinator = await DashboardSession.signIn(app);
  });

  afterAll(() => app.close());

  async function people(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) {
      serial += 1;
      ids.push(await contact(app, `Person ${serial}`, `person.${serial}@example.al.test`));
    }
    return ids;
  }

  async function scheduleInDashboard(inviteBefore: string) {
    const campaignId = await fastCampaign(app, { inviteBefore, reminders: [] });
    const contactIds = await people(2);
    const { roundId } = await draftRound(app, campaignId, [
      { titleSq: 'Takimi', titleEn: 'The meeting', startInMs: 5 * HOUR, audience: { contactIds } },
    ]);
    const confirmation = await coordinator.get(`/app/rounds/${roundId}/schedule`);
    const scheduled = await coordinator.post(
      `/app/rounds/${roundId}/schedule`,
      {},
      confirmation.text,
    );
    expect(scheduled.status).toBe(303);
    expect(scheduled.location).toBe(`/app/rounds/${roundId}?done=scheduled`);
    return { roundId, landing: scheduled.location as string };
  }

  const leaving = (html: string) => /id="invitations-leaving">([^]*?)<\/p>/.exec(html)?.[1];
  const plain = (html = '') => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

  it('says the round is scheduled and whom its invitations will reach, and when', async () => {
    const { landing } = await scheduleInDashboard('PT1H');
    const page = await coordinator.get(landing);
    expect(page.text).toContain('Raundi u planifikua.');
    expect(plain(leaving(page.text))).toMatch(
      /^Ftesat shkojnë te 2 persona më \d+ \S+ \d{4}, \d\d:\d\d\.$/,
    );
    // The sessions count the people the invitations will go to, under that name.
    expect(page.text).toContain('>Do të ftohen</th>');
    expect(page.text).toMatch(/data-label="Do të ftohen">2<\/td>/);
  });

  it('counts the invitations as they leave', async () => {
    const { roundId } = await scheduleInDashboard('PT6H');
    await waitFor('the invitations written', async () => {
      const steps = (await app.get(`/api/rounds/${roundId}/steps`)).body.steps;
      return steps.some(
        (s: { kind: string; status: string }) => s.kind === 'invite' && s.status === 'done',
      );
    });
    const page = await coordinator.get(`/app/rounds/${roundId}`);
    expect(plain(leaving(page.text))).toBe(
      'Ftesat po dërgohen: 0 nga 2 të dërguara deri tani. Shifrat më poshtë ndjekin ndërsa dërgohen.',
    );
    expect(page.text).toMatch(/data-label="Të ftuar">2<\/td>/);
  });
});
