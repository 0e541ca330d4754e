import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';
import { WorkerProcess } from '../support/worker-process';
import { FanOut } from './support/fan-out';
import { PrivateRedis } from './support/private-redis';

/** Contacts of the fan-out, and the rate that keeps it going for a few seconds. */
const SIZE = 300;
const SEND_RATE_PER_SECOND = '60';
/** The reminder is due this long after scheduling, while the invitations may still be going out. */
const SESSION_IN_MS = 30_000;
const REMINDER_BEFORE = 'PT18S';

/**
 * Redis loses what it holds while a round has steps and e-mails pending: the
 * server restarted (ours keeps nothing on disk), or emptied with FLUSHALL.
 * PostgreSQL still says what must happen, and all of it happens once. A Redis
 * of the suite's own, so the shared one is never touched.
 */
describe('Redis losing everything', () => {
  let redis: PrivateRedis;
  let sink: SmtpSink;
  let app: TestApp;
  let fanOut: FanOut;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    sink = await SmtpSink.start();
    app = await TestApp.start({
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      SEND_RATE_PER_SECOND,
      SEND_RETRY_BASE_MS: '100',
      RECONCILE_EVERY_MS: '500',
    });
    fanOut = new FanOut(app);
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
    await redis.down();
  });

  beforeEach(() => sink.reset());

  const faults: Array<[string, () => Promise<unknown>]> = [
    ['restarted', () => redis.restart()],
    [
      'emptied with FLUSHALL',
      async () => {
        if ((await redis.command('flushall')) !== 'OK') throw new Error('FLUSHALL failed');
      },
    ],
  ];

  it.each(faults)(
    'when Redis is %s mid-fan-out, every invitation and the pending reminder still go out once, the reminder not early',
    async (fault, injectFault) => {
      const { roundId } = await fanOut.draft(SIZE, {
        startInMs: SESSION_IN_MS,
        reminders: [{ before: REMINDER_BEFORE, audience: 'non_responders' }],
      });
      await fanOut.schedule(roundId);
      await sink.waitFor(SIZE / 3, 30_000);
      const lostAt = sink.received;
      await injectFault();

      await fanOut.settled(roundId, 2 * SIZE, 90_000);

      const received = new Map<string, string[]>();
      for (const mail of sink.messages) {
        const subjects = received.get(mail.envelope.to[0]) ?? [];
        subjects.push(mail.subject);
        received.set(mail.envelope.to[0], subjects);
      }
      expect(received.size).toBe(SIZE);
      expect(sink.received).toBe(2 * SIZE);
      expect(new Set(sink.messages.map((m) => m.messageId)).size).toBe(2 * SIZE);
      for (const subjects of received.values()) expect(new Set(subjects).size).toBe(2);

      // When the reminders left, against the due time of their step.
      const [reminders] = await fanOut.sql<{ first: number; last: number }>(
        `select (extract(epoch from min(m.sent_at) - s.due_at) * 1000)::int as first,
                (extract(epoch from max(m.sent_at) - s.due_at) * 1000)::int as last
           from message m join step s on s.id = m.step_id
          where m.round_id = ? and s.kind = 'remind' group by s.due_at`,
        [roundId],
      );
      expect(reminders.first).toBeGreaterThanOrEqual(0);
      console.warn(
        `Redis ${fault} after ${lostAt} of ${SIZE} invitations: all ${2 * SIZE} e-mails once; ` +
          `reminders sent from ${reminders.first} ms to ${reminders.last} ms after due`,
      );
    },
    120_000,
  );
});

/**
 * A Redis that may evict keys could silently drop a delayed step: start-up
 * warns where that is tolerable and refuses in production.
 */
describe('Redis with an eviction policy', () => {
  let redis: PrivateRedis;
  let app: TestApp;

  beforeAll(async () => {
    redis = await PrivateRedis.start(['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']);
    app = await TestApp.start({ REDIS_URL: redis.url, PROCESS_ROLE: 'api' });
  });

  afterAll(async () => {
    await app.close();
    await redis.down();
  });

  it('makes the real process warn outside production, naming the policy', async () => {
    const worker = await WorkerProcess.start(app.config);
    try {
      expect(worker.log).toMatch(/Warning: .*"allkeys-lru"/);
    } finally {
      await worker.stop();
    }
  });

  it('makes the real process refuse to start in production, saying what to set', async () => {
    const refusal = await WorkerProcess.start(app.config, {
      NODE_ENV: 'production',
      APP_SECRET: 'a-production-secret-long-enough-0123456789abcdef',
      SMTP_URL: 'smtp://127.0.0.1:25',
    }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(refusal).toMatch(/exited \(1\)/);
    expect(refusal).toContain('allkeys-lru');
    expect(refusal).toContain('noeviction');
  });
});
