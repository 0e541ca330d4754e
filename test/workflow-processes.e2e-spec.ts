import Redis from 'ioredis';
import { createServer } from 'node:net';
import { JobQueue } from '../src/queue/job-queue';
import { QueueName } from '../src/queue/jobs';
import { draftRound, fastCampaign } from './support/round-fixture';
import { ReceivedMail, SmtpSink } from './support/smtp-sink';
import { TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { WorkerProcess } from './support/worker-process';

/**
 * The workflow with the API and the workers as separate operating-system
 * processes, as production runs them: the API in this test process, each
 * worker the built dist/src/main.js with PROCESS_ROLE=worker, sharing one
 * PostgreSQL database and one Redis prefix. Workers are killed (SIGKILL),
 * stopped (SIGTERM), doubled, and left without an SMTP server, and every
 * e-mail the SMTP server received is counted.
 *
 * Needs a build (`npx nest build`; `npm test` builds first).
 */

/** E-mails one worker process sends at once: the most a SIGKILL can catch in flight. */
const SEND_CONCURRENCY = 20;
const WORKER_ENV = {
  SEND_CONCURRENCY: String(SEND_CONCURRENCY),
  SEND_RATE_PER_SECOND: '400',
};

describe('workers as separate processes', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let live: WorkerProcess[] = [];
  let serial = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({
      PROCESS_ROLE: 'api',
      SMTP_URL: sink.url,
      JOB_LOCK_MS: '2000',
      SEND_RETRY_BASE_MS: '100',
      RECONCILE_EVERY_MS: '500',
    });
  }, 60_000);

  afterEach(async () => {
    await Promise.all(live.map((worker) => worker.stop('SIGKILL')));
    live = [];
    sink.reset();
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
    // Only this run's keys: the Redis server is shared.
    const redis = new Redis(app.config.redisUrl);
    const keys = await redis.keys(`*${app.config.redisPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  async function startWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = await WorkerProcess.start(app.config, { ...WORKER_ENV, ...env });
    live.push(worker);
    return worker;
  }

  async function stopWorker(worker: WorkerProcess, signal: NodeJS.Signals): Promise<void> {
    await worker.stop(signal);
    live = live.filter((w) => w !== worker);
  }

  const sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> =>
    app.orm.em.fork().getConnection().execute<T[]>(query, params);

  /**
   * A draft round whose one session (in an hour) invites every contact of a
   * new institution: `size` contacts written in one statement. The campaign
   * invites two hours ahead, so the invitation is due the moment the round is
   * scheduled; no reminders.
   */
  async function bigRound(size: number): Promise<{ roundId: string; tag: string }> {
    serial += 1;
    const tag = `p${serial}-${Date.now().toString(36)}`;
    const institution = await app.post('/api/institutions', {
      name: `Shkolla e mesme “Vasil Kamami” ${tag}`,
      kind: 'school',
    });
    expect(institution.status).toBe(201);
    await sql(
      `insert into contact (id, full_name, institution_id, email, language, opted_out, search_key,
                            created_at, updated_at)
       select gen_random_uuid(), 'Mësues ' || g, ?::uuid, ? || '.' || g || '@example.al.test',
              case when g % 4 = 0 then 'en' else 'sq' end, false,
              'mesues ' || g || ' ' || ? || '.' || g || '@example.al.test', now(), now()
         from generate_series(1, ?::int) as g`,
      [institution.body.id, tag, tag, size],
    );
    const campaignId = await fastCampaign(app, { inviteBefore: 'PT2H', reminders: [] });
    const { roundId } = await draftRound(app, campaignId, [
      {
        titleSq: 'Takim me mësuesit',
        titleEn: 'Meeting with the teachers',
        startInMs: 3600_000,
        audience: { institutionIds: [institution.body.id] },
      },
    ]);
    return { roundId, tag };
  }

  async function schedule(roundId: string): Promise<void> {
    const scheduled = await app.post(`/api/rounds/${roundId}/schedule`);
    expect(scheduled.status).toBe(200);
  }

  async function messageRows(roundId: string) {
    return sql<{
      contact_id: string;
      recipient: string;
      status: string;
      attempts: number;
      message_id_header: string;
      error: string | null;
    }>(
      `select contact_id, recipient, status, attempts, message_id_header, error
         from message where round_id = ?`,
      [roundId],
    );
  }

  async function countSent(roundId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(
      `select count(*)::int as n from message where round_id = ? and status = 'sent'`,
      [roundId],
    );
    return row.n;
  }

  /** Every row sent and no send job left in Redis: nothing more can arrive. */
  async function allSentAndDrained(roundId: string, size: number, timeoutMs: number) {
    const messages = app.app.get(JobQueue).queue(QueueName.Messages);
    await waitFor(
      `all ${size} messages sent and the message queue drained`,
      async () => {
        if ((await countSent(roundId)) !== size) return false;
        const counts = await messages.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0);
      },
      timeoutMs,
    );
  }

  const recipientOf = (mail: ReceivedMail) => mail.envelope.to[0];

  /**
   * Checks that each recipient got their one message, any copy being the very
   * same e-mail (same Message-ID, subject and text) as recorded in the row;
   * returns how many copies came beyond the first.
   */
  async function checkDelivery(roundId: string, size: number, mails: ReceivedMail[]) {
    const rows = await messageRows(roundId);
    expect(rows).toHaveLength(size);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    const byRecipient = new Map(rows.map((r) => [r.recipient, r]));

    const received = new Map<string, ReceivedMail[]>();
    for (const mail of mails) {
      const list = received.get(recipientOf(mail)) ?? [];
      list.push(mail);
      received.set(recipientOf(mail), list);
    }
    expect(received.size).toBe(size);
    const strangers = [...received.keys()].filter((address) => !byRecipient.has(address));
    expect(strangers).toEqual([]);

    const repeated: string[] = [];
    for (const [address, copies] of received) {
      const row = byRecipient.get(address)!;
      for (const copy of copies) {
        expect(copy.messageId).toBe(row.message_id_header);
        expect(copy.subject).toBe(copies[0].subject);
        expect(copy.text).toBe(copies[0].text);
      }
      if (copies.length > 1) repeated.push(row.message_id_header);
    }
    const distinctIds = new Set(mails.map((mail) => mail.messageId));
    expect(distinctIds.size).toBe(size);
    return { repeats: mails.length - size, repeated };
  }

  it('survives SIGKILL of the worker twice in a fan-out of 2,000: everyone invited, a repeat only for a send in flight', async () => {
    const size = 2000;
    const kills = 2;
    const { roundId } = await bigRound(size);
    const messages = app.app.get(JobQueue).queue(QueueName.Messages);
    const started = Date.now();

    let worker = await startWorker();
    await schedule(roundId);

    /** sink.received when each kill happened: copies are attributed to the kill after the first one. */
    const killedAt: number[] = [];
    for (let kill = 1; kill <= kills; kill++) {
      const killPoint = sink.received + 200 + Math.floor(Math.random() * 400);
      await sink.waitFor(killPoint, 60_000);
      const active = await messages.getActiveCount();
      await stopWorker(worker, 'SIGKILL');
      killedAt.push(sink.received);
      const sent = await countSent(roundId);
      console.warn(
        `SIGKILL ${kill} after ${sink.received} e-mails received (${sent} rows sent, ` +
          `${active} send jobs active) at ${Date.now() - started} ms`,
      );
      const restarted = Date.now();
      worker = await startWorker();
      console.warn(`worker restarted in ${Date.now() - restarted} ms`);
    }

    await allSentAndDrained(roundId, size, 150_000);
    const finished = Date.now() - started;
    const { repeats, repeated } = await checkDelivery(roundId, size, sink.messages);

    const firstIndex = new Map<string, number>();
    sink.messages.forEach((mail, index) => {
      if (!firstIndex.has(mail.messageId!)) firstIndex.set(mail.messageId!, index);
    });
    const perKill = killedAt.map((boundary, k) => {
      const from = k === 0 ? 0 : killedAt[k - 1];
      return sink.messages.filter(
        (mail, index) =>
          index !== firstIndex.get(mail.messageId!) &&
          firstIndex.get(mail.messageId!)! >= from &&
          firstIndex.get(mail.messageId!)! < boundary,
      ).length;
    });
    console.warn(
      `SIGKILL x${kills} during a fan-out of ${size}: ${sink.received} e-mails received for ${size} ` +
        `recipients, ${repeats} repeat(s) (per kill: ${perKill.join(', ')})` +
        (repeated.length ? `: ${repeated.join(' ')}` : '') +
        `; all sent after ${finished} ms`,
    );
    for (const count of perKill) expect(count).toBeLessThanOrEqual(SEND_CONCURRENCY);
    expect(repeats).toBeLessThanOrEqual(kills * SEND_CONCURRENCY);

    const [step] = await sql<{ status: string }>(
      `select status from step where round_id = ? and kind = 'invite'`,
      [roundId],
    );
    expect(step.status).toBe('done');
  }, 240_000);

  it('on SIGTERM finishes or hands back its jobs; after a restart every message is sent exactly once', async () => {
    const size = 300;
    const { roundId } = await bigRound(size);
    const messages = app.app.get(JobQueue).queue(QueueName.Messages);
    const started = Date.now();

    const worker = await startWorker();
    await schedule(roundId);
    await sink.waitFor(80 + Math.floor(Math.random() * 120), 60_000);
    const activeBefore = await messages.getActiveCount();
    const stopping = Date.now();
    await stopWorker(worker, 'SIGTERM');
    const stoppedIn = Date.now() - stopping;

    // Nothing is left claimed by the stopped process, and every e-mail that left is recorded as sent.
    expect(await messages.getActiveCount()).toBe(0);
    const sentAtStop = await countSent(roundId);
    expect(sentAtStop).toBe(sink.received);
    // A try cut short by the shutdown (the SMTP pool closed under an active job) would show here.
    const interrupted = (await messageRows(roundId)).filter(
      (r) => r.status === 'queued' && r.attempts > 0,
    );
    console.warn(
      `SIGTERM with ${activeBefore} send jobs active: stopped in ${stoppedIn} ms, ` +
        `${sentAtStop} sent and recorded, ${size - sentAtStop} still queued ` +
        `(${interrupted.length} with a failed try: ${[...new Set(interrupted.map((r) => r.error))].join('; ')})`,
    );

    expect(interrupted).toEqual([]);

    await startWorker();
    await allSentAndDrained(roundId, size, 60_000);
    const { repeats } = await checkDelivery(roundId, size, sink.messages);
    expect(repeats).toBe(0);
    expect(sink.received).toBe(size);
    console.warn(`SIGTERM case: all ${size} sent once after ${Date.now() - started} ms`);
  }, 90_000);

  it('two workers side by side send every e-mail once', async () => {
    const size = 1000;
    const { roundId } = await bigRound(size);
    // Each worker sends to its own sink, so the split between them shows; the queue is shared.
    const second = await SmtpSink.start();
    try {
      await Promise.all([startWorker(), startWorker({ SMTP_URL: second.url })]);
      const started = Date.now();
      await schedule(roundId);
      await allSentAndDrained(roundId, size, 120_000);
      const took = Date.now() - started;

      const mails = [...sink.messages, ...second.messages];
      const { repeats } = await checkDelivery(roundId, size, mails);
      expect(repeats).toBe(0);
      expect(sink.received + second.received).toBe(size);
      console.warn(
        `two workers: ${sink.received} + ${second.received} = ${size} e-mails, ` +
          `${new Set(mails.map((m) => m.messageId)).size} distinct Message-IDs, in ${took} ms`,
      );
    } finally {
      await second.stop();
    }
  }, 150_000);

  it('delivers everything once when the SMTP server comes back after being down', async () => {
    const size = 20;
    const { roundId } = await bigRound(size);
    await startWorker();
    const port = sink.port;
    await sink.stop();
    const downAt = Date.now();

    await schedule(roundId);
    const failing = await waitFor(
      'every message to have failed a few tries',
      async () => {
        const rows = await messageRows(roundId);
        return rows.length === size && rows.every((r) => r.status === 'queued' && r.attempts >= 3)
          ? rows
          : undefined;
      },
      20_000,
    );
    expect(failing.every((r) => r.error && /ECONNREFUSED|ECONNECTION|connect/i.test(r.error))).toBe(
      true,
    );

    sink = await SmtpSink.start({ port });
    const upAt = Date.now();
    await allSentAndDrained(roundId, size, 30_000);
    const { repeats } = await checkDelivery(roundId, size, sink.messages);
    expect(repeats).toBe(0);
    expect(sink.received).toBe(size);

    const rows = await messageRows(roundId);
    expect(rows.every((r) => r.attempts >= 4)).toBe(true);
    const attempts = rows.map((r) => r.attempts);
    console.warn(
      `SMTP down ${upAt - downAt} ms: ${size} delivered once after it came back ` +
        `(${Date.now() - upAt} ms), attempts per message ${Math.min(...attempts)}–${Math.max(...attempts)}`,
    );
  }, 60_000);

  it('sends the messages whose send job two SIGKILLs in a row caught in flight', async () => {
    // A mail server that takes the connection and never greets: sends hang, their jobs stay active.
    const hole = createServer(() => undefined);
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const holeUrl = `smtp://127.0.0.1:${(hole.address() as { port: number }).port}`;
    try {
      const size = 10;
      const { roundId } = await bigRound(size);
      const messages = app.app.get(JobQueue).queue(QueueName.Messages);

      const first = await startWorker({ SMTP_URL: holeUrl });
      await schedule(roundId);
      const allActive = async (stalls: number) => {
        const waiting = await messages.getJobCounts('wait', 'delayed', 'prioritized');
        const active = await messages.getActive();
        return (
          Object.values(waiting).every((count) => count === 0) &&
          active.length > 0 &&
          active.every((job) => job.stalledCounter >= stalls)
        );
      };
      await waitFor('every send job in flight', () => allActive(0));
      await stopWorker(first, 'SIGKILL');

      // The next worker takes the jobs over once their locks lapse (BullMQ counts one stall each)...
      const second = await startWorker({ SMTP_URL: holeUrl });
      await waitFor('every send job in flight again, after one stall', () => allActive(1));
      // ...and dies with them in flight too: BullMQ fails a job stalled twice, without running it.
      await stopWorker(second, 'SIGKILL');

      await startWorker();
      await allSentAndDrained(roundId, size, 30_000);
      const { repeats } = await checkDelivery(roundId, size, sink.messages);
      expect(repeats).toBe(0);
      expect(sink.received).toBe(size);
    } finally {
      hole.close();
    }
  }, 60_000);
});
