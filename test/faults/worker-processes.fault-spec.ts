import { createServer } from 'node:net';
import { JobQueue } from '../../src/queue/job-queue';
import { QueueName } from '../../src/queue/jobs';
import { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { WorkerProcess } from '../support/worker-process';
import { FanOut } from './support/fan-out';
import { PrivateRedis } from './support/private-redis';

/**
 * Workers as separate operating-system processes, as production runs them:
 * the API in this test process, each worker the built dist/src/main.js with
 * PROCESS_ROLE=worker, sharing one PostgreSQL database and a Redis of the
 * suite's own. Workers are killed (SIGKILL) at random points of a fan-out,
 * stopped (SIGTERM), and left without an SMTP server, and every e-mail the
 * SMTP server received is counted.
 *
 * Needs a build (`npm run test:faults` builds first).
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
  let redis: PrivateRedis;
  let fanOut: FanOut;
  let live: WorkerProcess[] = [];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    redis = await PrivateRedis.start();
    app = await TestApp.start({
      PROCESS_ROLE: 'api',
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      JOB_LOCK_MS: '2000',
      SEND_RETRY_BASE_MS: '100',
      RECONCILE_EVERY_MS: '500',
    });
    fanOut = new FanOut(app);
  }, 60_000);

  afterEach(async () => {
    await Promise.all(live.map((worker) => worker.stop('SIGKILL')));
    live = [];
    sink.reset();
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
    await redis.down();
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

  /** What each recipient received is exactly what their row says, and nobody else got anything. */
  async function expectDelivered(roundId: string, size: number, mails: ReceivedMail[]) {
    const delivery = await fanOut.checkDelivery(roundId, mails);
    expect(delivery).toMatchObject({ strangers: [], missing: [], mismatched: [], sent: size });
    return delivery;
  }

  it('survives SIGKILL of the worker at four random points of a fan-out of 2,000: everyone invited, a repeat only for a send in flight', async () => {
    const size = 2000;
    const kills = 4;
    const { roundId } = await fanOut.draft(size);
    const messages = app.app.get(JobQueue).queue(QueueName.Messages);
    const started = Date.now();
    // Anywhere in the fan-out, from its first e-mails to its last hundred.
    const killPoints = Array.from(
      { length: kills },
      () => 1 + Math.floor(Math.random() * (size - 100)),
    ).sort((a, b) => a - b);

    let worker = await startWorker();
    await fanOut.schedule(roundId);

    /** sink.received when each kill happened: copies are attributed to the kill after the first one. */
    const killedAt: number[] = [];
    for (const [index, point] of killPoints.entries()) {
      await sink.waitFor(Math.max(point, sink.received + 1), 60_000);
      const active = await messages.getActiveCount();
      await stopWorker(worker, 'SIGKILL');
      killedAt.push(sink.received);
      const sent = await fanOut.countSent(roundId);
      console.warn(
        `SIGKILL ${index + 1} after ${sink.received} e-mails received (${sent} rows sent, ` +
          `${active} send jobs active) at ${Date.now() - started} ms`,
      );
      worker = await startWorker();
    }

    await fanOut.settled(roundId, size, 150_000);
    const finished = Date.now() - started;
    const { repeats, repeated } = await expectDelivered(roundId, size, sink.messages);

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

    const [step] = await fanOut.sql<{ status: string }>(
      `select status from step where round_id = ? and kind = 'invite'`,
      [roundId],
    );
    expect(step.status).toBe('done');
  }, 240_000);

  it('on SIGTERM finishes or hands back its jobs; after a restart every message is sent exactly once', async () => {
    const size = 300;
    const { roundId } = await fanOut.draft(size);
    const messages = app.app.get(JobQueue).queue(QueueName.Messages);
    const started = Date.now();

    const worker = await startWorker();
    await fanOut.schedule(roundId);
    await sink.waitFor(80 + Math.floor(Math.random() * 120), 60_000);
    const activeBefore = await messages.getActiveCount();
    const stopping = Date.now();
    await stopWorker(worker, 'SIGTERM');
    const stoppedIn = Date.now() - stopping;

    // Nothing is left claimed by the stopped process, and every e-mail that left is recorded as sent.
    expect(await messages.getActiveCount()).toBe(0);
    const sentAtStop = await fanOut.countSent(roundId);
    expect(sentAtStop).toBe(sink.received);
    // A try cut short by the shutdown (the SMTP pool closed under an active job) would show here.
    const interrupted = (await fanOut.messageRows(roundId)).filter(
      (r) => r.status === 'queued' && r.attempts > 0,
    );
    console.warn(
      `SIGTERM with ${activeBefore} send jobs active: stopped in ${stoppedIn} ms, ` +
        `${sentAtStop} sent and recorded, ${size - sentAtStop} still queued ` +
        `(${interrupted.length} with a failed try: ${[...new Set(interrupted.map((r) => r.error))].join('; ')})`,
    );

    expect(interrupted).toEqual([]);

    await startWorker();
    await fanOut.settled(roundId, size, 60_000);
    const { repeats } = await expectDelivered(roundId, size, sink.messages);
    expect(repeats).toBe(0);
    expect(sink.received).toBe(size);
    console.warn(`SIGTERM case: all ${size} sent once after ${Date.now() - started} ms`);
  }, 90_000);

  it('delivers everything once when the SMTP server comes back after being down', async () => {
    const size = 20;
    const { roundId } = await fanOut.draft(size);
    await startWorker();
    const port = sink.port;
    await sink.stop();
    const downAt = Date.now();

    await fanOut.schedule(roundId);
    const failing = await waitFor(
      'every message to have failed a few tries',
      async () => {
        const rows = await fanOut.messageRows(roundId);
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
    await fanOut.settled(roundId, size, 30_000);
    const { repeats } = await expectDelivered(roundId, size, sink.messages);
    expect(repeats).toBe(0);
    expect(sink.received).toBe(size);

    const rows = await fanOut.messageRows(roundId);
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
      const { roundId } = await fanOut.draft(size);
      const messages = app.app.get(JobQueue).queue(QueueName.Messages);

      const first = await startWorker({ SMTP_URL: holeUrl });
      await fanOut.schedule(roundId);
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
      await fanOut.settled(roundId, size, 30_000);
      const { repeats } = await expectDelivered(roundId, size, sink.messages);
      expect(repeats).toBe(0);
      expect(sink.received).toBe(size);
    } finally {
      hole.close();
    }
  }, 60_000);
});
