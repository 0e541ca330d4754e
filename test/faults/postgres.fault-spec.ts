import { SEND_JOBS_AT_ONCE } from '../../src/queue/queue-workers';
import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';
import { WorkerProcess } from '../support/worker-process';
import { FanOut } from './support/fan-out';
import { PrivatePostgres } from './support/private-postgres';
import { PrivateRedis } from './support/private-redis';

const SIZE = 1000;
/** How long PostgreSQL stays down: several group commits and batch reads fail meanwhile. */
const DOWN_MS = 3000;
/** E-mails each send job has in hand at once. */
const SEND_CONCURRENCY = 20;

/**
 * PostgreSQL crashes and comes back during a fan-out. The worker process is
 * not restarted: it must find its way back by itself, and every invitation
 * must go out. PostgreSQL and Redis are the suite's own, so restarting them
 * disturbs nothing else on the machine.
 */
describe('PostgreSQL restarted during a fan-out', () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let sink: SmtpSink;
  let app: TestApp;
  let worker: WorkerProcess;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    redis = await PrivateRedis.start();
    sink = await SmtpSink.start();
    app = await TestApp.start({
      PROCESS_ROLE: 'api',
      DATABASE_URL: postgres.url('fushata_faults'),
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      SEND_RETRY_BASE_MS: '100',
      RECONCILE_EVERY_MS: '500',
      JOB_LOCK_MS: '2000',
    });
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await app.close();
    await sink.stop();
    await redis.down();
    await postgres.stop();
  });

  it('lets the worker recover without a restart: everyone invited, nobody twice', async () => {
    const fanOut = new FanOut(app);
    const { roundId } = await fanOut.draft(SIZE);
    worker = await WorkerProcess.start(app.config, {
      SEND_CONCURRENCY: String(SEND_CONCURRENCY),
      SEND_RATE_PER_SECOND: '200',
    });
    await fanOut.schedule(roundId);

    await sink.waitFor(SIZE / 4, 60_000);
    await postgres.down();
    const downAt = sink.received;
    await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
    const whileDown = sink.received - downAt;
    await postgres.up();

    await fanOut.settled(roundId, SIZE, 120_000);
    const delivery = await fanOut.checkDelivery(roundId, sink.messages);
    expect(delivery).toMatchObject({ strangers: [], missing: [], mismatched: [], sent: SIZE });
    expect(worker.running).toBe(true);
    console.warn(
      `PostgreSQL down ${DOWN_MS} ms after ${downAt} of ${SIZE} e-mails (${whileDown} more accepted ` +
        `while it was down): all ${SIZE} sent, ${delivery.repeats} repeat(s)`,
    );
    // The senders wait for the database to record what was accepted, and send nothing more
    // meanwhile: only what was already in their hands goes out, and nothing goes twice.
    expect(whileDown).toBeLessThanOrEqual(SEND_JOBS_AT_ONCE * SEND_CONCURRENCY);
    expect(delivery.repeats).toBe(0);
  });
});
