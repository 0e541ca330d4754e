import { DateTime } from 'luxon';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/load-config';
import { todayIn } from '../src/demo/demo-dates';
import { DemoLoader } from '../src/demo/demo-loader';
import { SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

const CAMPAIGN = 'Mbi parandalimin e migracionit të parregullt';
const INVENTED_ADDRESS = /@(example\.org|example\.al\.test)$/;

const plusDays = (date: string, days: number) =>
  DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate();

/** The demo campaign's rounds in date order, by county name. */
async function demoRounds(app: TestApp): Promise<Map<string, any>> {
  const campaigns = await app.get('/api/campaigns?q=parandalimin');
  expect(campaigns.body.items.map((c: any) => c.nameSq)).toEqual([CAMPAIGN]);
  const rounds = await app.get(
    `/api/rounds?campaignId=${campaigns.body.items[0].id}&sort=startsOn&order=asc`,
  );
  return new Map(rounds.body.items.map((round: any) => [round.county.name, round]));
}

/**
 * `npm start` on an empty database in development loads the demo: the
 * Elbasan round of 2017 as held, with its report ready, and Kukës, Shkodër
 * and Korçë scheduled in the coming weeks; Kukës's invitations go out at
 * once. Loading again, or starting again, changes nothing.
 */
describe('the demo data', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let rounds: Map<string, any>;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({ DEMO_DATA: 'true', SMTP_URL: sink.url });
    rounds = await demoRounds(app);
  });

  afterAll(async () => {
    await app?.close();
    await sink?.stop();
  });

  it('is loaded in development only, unless DEMO_DATA says otherwise', () => {
    expect(loadConfig({}).loadsDemoData).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).loadsDemoData).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', APP_SECRET: 'p'.repeat(40), SMTP_URL: sink.url })
        .loadsDemoData,
    ).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'true' }).loadsDemoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: 'false' }).loadsDemoData).toBe(false);
    expect(() => loadConfig({ DEMO_DATA: 'yes' })).toThrow(/^DEMO_DATA must be true or false$/);
  });

  it('records the Elbasan round of 2017 as held, and its report reads at once', async () => {
    const elbasan = rounds.get('Elbasan');
    expect(elbasan).toMatchObject({
      startsOn: '2017-11-22',
      endsOn: '2017-11-22',
      status: 'completed',
      staff: { name: 'Drita Koçi', email: 'drita.koci@example.org' },
    });
    const report = await app.get(`/api/rounds/${elbasan.id}/report?lang=sq`);
    expect(report.status).toBe(200);
    expect(report.body.campaign.partners).toHaveLength(4);
    expect(report.body.sessions.map((s: any) => s.title)).toEqual([
      'Takim me anëtarët e Tryezës Teknike',
      'Workshop me anëtarë të Tryezës Teknike Antitrafik',
      'Takim me përfaqësues të organizatave të shoqërisë civile',
      'Takim me mësuesit e shkollës së mesme “Vasil Kamami”',
      'Takim me Zyrën Rajonale të Punësimit dhe qytetarët',
      'Sesione informimi me nxënësit e shkollës “Vasil Kamami”',
    ]);
    expect(report.body.sessions.map((s: any) => s.counts.headCount)).toEqual([
      29,
      25,
      25,
      25,
      null,
      30,
    ]);
    expect(report.body.sessions[5].headCountNote).toBe('rreth 30');
    expect(report.body.sessions[1].topics).toContain('migracioni i parregullt');
    expect(report.body.materials).toEqual([
      expect.objectContaining({ description: 'fletëpalosje', quantity: 4000 }),
    ]);
    expect(report.body.recommendations).toHaveLength(4);
    expect(report.body.nextRounds.map((r: any) => r.county)).toEqual(['Kukës', 'Shkodër', 'Korçë']);
    const english = await app.get(`/api/rounds/${elbasan.id}/report?lang=en`);
    expect(english.body.recommendations[1]).toBe(
      'The importance of the media and their decisive role in awareness campaigns',
    );
    const html = await app.get(`/api/rounds/${elbasan.id}/report?format=html&lang=sq`);
    expect(html.status).toBe(200);
    expect(html.body).toContain('4000 fletëpalosje');
  });

  it('schedules Kukës, Shkodër and Korçë in the coming weeks, a week apart, three days each', () => {
    const kukesStarts = rounds.get('Kukës').startsOn as string;
    const daysAhead = DateTime.fromISO(kukesStarts, { zone: 'utc' }).diff(
      DateTime.fromISO(todayIn('Europe/Tirane'), { zone: 'utc' }),
      'days',
    ).days;
    expect(daysAhead).toBeGreaterThanOrEqual(7);
    expect(daysAhead).toBeLessThan(14);
    // A Tuesday, as on 5 December 2017.
    expect(DateTime.fromISO(kukesStarts).weekday).toBe(2);
    expect(
      ['Kukës', 'Shkodër', 'Korçë'].map((county) => {
        const { startsOn, endsOn, status } = rounds.get(county);
        return { county, startsOn, endsOn, status };
      }),
    ).toEqual([
      {
        county: 'Kukës',
        startsOn: kukesStarts,
        endsOn: plusDays(kukesStarts, 2),
        status: 'scheduled',
      },
      {
        county: 'Shkodër',
        startsOn: plusDays(kukesStarts, 7),
        endsOn: plusDays(kukesStarts, 9),
        status: 'scheduled',
      },
      {
        county: 'Korçë',
        startsOn: plusDays(kukesStarts, 14),
        endsOn: plusDays(kukesStarts, 16),
        status: 'scheduled',
      },
    ]);
  });

  it('sends the Kukës invitations at once, to invented addresses, and no other round yet', async () => {
    const kukes = rounds.get('Kukës');
    const preview = await app.get(`/api/rounds/${kukes.id}/audience-preview`);
    const invited = preview.body.totalContacts as number;
    expect(invited).toBeGreaterThanOrEqual(6);
    const mails = await sink.waitFor(invited, 20_000);
    expect(mails).toHaveLength(invited);
    const recipients = mails.map((mail) => mail.envelope.to[0]);
    expect(new Set(recipients).size).toBe(invited);
    recipients.forEach((address) => expect(address).toMatch(INVENTED_ADDRESS));
    mails.forEach((mail) =>
      expect(mail.subject).toMatch(/^(Ftesë: .* – qarku Kukës|Invitation: .* – Kukës county), /),
    );
    // The seated committee and the English teacher, each in their language.
    expect(mails.filter((mail) => mail.subject.startsWith('Invitation:'))).toHaveLength(1);

    await waitFor('every Kukës invitation recorded as sent', async () => {
      const messages = await app.get(`/api/rounds/${kukes.id}/messages?limit=200`);
      return messages.body.items.every((m: any) => m.status === 'sent') &&
        messages.body.items.length === invited
        ? true
        : undefined;
    });
    for (const county of ['Shkodër', 'Korçë']) {
      const messages = await app.get(`/api/rounds/${rounds.get(county).id}/messages`);
      expect(messages.body.items).toEqual([]);
    }
  });

  it('invents people under reserved domains only', async () => {
    const contacts = await app.get('/api/contacts?limit=200');
    expect(contacts.body.total).toBeGreaterThanOrEqual(4 * 8);
    contacts.body.items.forEach((contact: any) => expect(contact.email).toMatch(INVENTED_ADDRESS));
    const committees = await app.get('/api/committees?q=Tryeza');
    expect(committees.body.items.map((c: any) => c.name).sort()).toEqual([
      'Tryeza Teknike Antitrafik Elbasan',
      'Tryeza Teknike Antitrafik Korçë',
      'Tryeza Teknike Antitrafik Kukës',
      'Tryeza Teknike Antitrafik Shkodër',
    ]);
  });

  it('finds the Korçë partners with the README’s search, and with the county as people say it', async () => {
    const korce = await app.get('/api/contacts?q=korce&limit=200');
    expect(korce.body.total).toBeGreaterThan(0);
    const counties = korce.body.items.map((contact: any) => contact.institution?.county?.name);
    expect(new Set(counties)).toEqual(new Set(['Korçë']));
    const korca = await app.get('/api/contacts?q=korca&limit=200');
    expect(korca.body.items.map((c: any) => c.id).sort()).toEqual(
      korce.body.items.map((c: any) => c.id).sort(),
    );
  });

  it('changes nothing when loaded again, or when the app starts again on the same database', async () => {
    const before = await app.snapshot();
    expect(await app.app.get(DemoLoader).load()).toBe(false);
    const again = await createApp(app.config);
    await again.close();
    expect(await app.snapshot()).toEqual(before);
    expect(sink.received).toBe(
      (await app.get(`/api/rounds/${rounds.get('Kukës').id}/messages`)).body.total,
    );
  });

  it('is loaded once when two processes start together', async () => {
    const otherSink = await SmtpSink.start();
    // Without DEMO_DATA: the test loads it itself, twice at once, on an empty database.
    const other = await TestApp.start({ SMTP_URL: otherSink.url });
    try {
      const loader = other.app.get(DemoLoader);
      const results = await Promise.all([loader.load(), loader.load()]);
      expect(results.sort()).toEqual([false, true]);
      const otherRounds = await demoRounds(other);
      expect([...otherRounds.keys()]).toEqual(['Elbasan', 'Kukës', 'Shkodër', 'Korçë']);
      const users = await other.get('/api/users');
      expect(users.body.map((u: any) => u.email).sort()).toEqual([
        'admin@example.org',
        'drita.koci@example.org',
      ]);
    } finally {
      await other.close();
      await otherSink.stop();
    }
  });
});
