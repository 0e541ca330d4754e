import { SmtpSink } from './support/smtp-sink';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { ApiProcess, WorkerProcess } from './support/worker-process';
import { draftRound, fastCampaign } from './support/round-fixture';

const SIZE = 600;

/**
 * Production split over machines: one API process and two worker processes,
 * each the built dist/src/main.js, sharing one PostgreSQL database and one
 * Redis prefix (with its hash tag, as on Redis Cluster). The test process
 * only prepares the data, with an app of its own that runs no jobs; the
 * schedule call and every read go to the API process over HTTP. Each worker
 * sends to an SMTP server of its own, so the split between them shows.
 *
 * Needs a build (`npm test` builds first).
 */
describe('one API and two workers as separate processes', () => {
  let setup: TestApp;
  let api: ApiProcess;
  let workers: WorkerProcess[] = [];
  let sinks: SmtpSink[] = [];

  beforeAll(async () => {
    sinks = [await SmtpSink.start(), await SmtpSink.start()];
    setup = await TestApp.start({ PROCESS_ROLE: 'api', SMTP_URL: sinks[0].url });
    api = await ApiProcess.start(setup.config);
    workers = await Promise.all(
      sinks.map((sink) => WorkerProcess.start(setup.config, { SMTP_URL: sink.url })),
    );
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...workers, api].map((process) => process.stop()));
    await setup.close();
    await Promise.all(sinks.map((sink) => sink.stop()));
  });

  /** The API process over HTTP, as the office's browser or script would call it. */
  async function call(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(api.url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  it('shares the fan-out between the workers and sends every e-mail once', async () => {
    const institution = await setup.post('/api/institutions', {
      name: 'Drejtoria Arsimore Rajonale Elbasan',
      kind: 'other',
    });
    await setup.orm.em.getConnection().execute(
      `insert into contact (id, full_name, institution_id, email, language, opted_out, search_key,
                            created_at, updated_at)
       select gen_random_uuid(), 'Mësues ' || g, ?::uuid, 'mesues.' || g || '@example.al.test',
              'sq', false, 'mesues ' || g, now(), now()
         from generate_series(1, ?::int) as g`,
      [institution.body.id, SIZE],
    );
    const campaignId = await fastCampaign(setup, { inviteBefore: 'PT2H', reminders: [] });
    const { roundId } = await draftRound(setup, campaignId, [
      {
        titleSq: 'Takim me mësuesit',
        titleEn: 'Meeting with the teachers',
        startInMs: 3600_000,
        audience: { institutionIds: [institution.body.id] },
      },
    ]);

    const login = await call('POST', '/api/auth/login', undefined, {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    expect((await call('POST', `/api/rounds/${roundId}/schedule`, token)).status).toBe(200);

    const messages = await waitFor(
      `all ${SIZE} invitations sent`,
      async () => {
        const page = await call(
          'GET',
          `/api/rounds/${roundId}/messages?status=sent&limit=1`,
          token,
        );
        return page.body.total === SIZE ? page.body : undefined;
      },
      60_000,
    );
    expect(messages.total).toBe(SIZE);

    const received = sinks.flatMap((sink) => sink.messages);
    expect(received).toHaveLength(SIZE);
    expect(new Set(received.map((mail) => mail.envelope.to[0])).size).toBe(SIZE);
    expect(new Set(received.map((mail) => mail.messageId)).size).toBe(SIZE);
    // Both workers took part.
    expect(sinks.every((sink) => sink.received > 0)).toBe(true);
    console.warn(
      `two workers: ${sinks.map((sink) => sink.received).join(' + ')} = ${SIZE} e-mails`,
    );
  });
});
