import { SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';
import { CuttingProxy } from './support/cutting-proxy';
import { FanOut } from './support/fan-out';

const SIZE = 12;
const RETRY_BASE_MS = 300;

/**
 * An SMTP server that throttles (421, 451), refuses one mailbox for good
 * (550), and loses the connection in the middle of a message: what is
 * temporary is tried again after a back-off, what is permanent is recorded
 * with the server's reply and never tried again, and every other e-mail
 * arrives once. The connection is cut by a TCP proxy between Fushata and the
 * server, which resets both sides after part of the message has passed.
 */
describe('an SMTP server that throttles, refuses and drops the connection', () => {
  let sink: SmtpSink;
  let proxy: CuttingProxy;
  let app: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    proxy = await CuttingProxy.start(sink.port);
    app = await TestApp.start({
      SMTP_URL: proxy.url,
      SEND_RETRY_BASE_MS: String(RETRY_BASE_MS),
      RECONCILE_EVERY_MS: '500',
    });
  });

  afterAll(async () => {
    await app.close();
    await proxy.stop();
    await sink.stop();
  });

  it('retries the temporary failures with back-off, records the permanent one once, and delivers the rest once', async () => {
    const fanOut = new FanOut(app);
    const { roundId, tag } = await fanOut.draft(SIZE);
    const refused = `${tag}.5@example.al.test`;
    proxy.cutNext(2);
    sink.failNext(2, 421, 'Too many connections, slow down');
    sink.failNext(2, 451, 'Greylisted, try again later');
    sink.failFor(refused, 550, 'No such mailbox');
    await fanOut.schedule(roundId);

    await fanOut.settled(roundId, SIZE - 1, 30_000);
    const delivery = await fanOut.checkDelivery(roundId, sink.messages);
    expect(delivery).toMatchObject({
      strangers: [],
      missing: [],
      mismatched: [],
      repeats: 0,
      sent: SIZE - 1,
    });
    expect(sink.received).toBe(SIZE - 1);
    expect(proxy.cuts).toBe(2);

    const rows = await fanOut.messageRows(roundId);
    const failed = rows.find((row) => row.recipient === refused)!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.smtp_response).toContain('550');
    expect(sink.rejections.filter((r) => r.recipients.includes(refused))).toHaveLength(1);

    // Two cut connections, two 421s and two 451s: six failed tries, each followed by another.
    const attempts = rows.filter((row) => row.status === 'sent').map((row) => row.attempts);
    expect(attempts.reduce((sum, n) => sum + n, 0)).toBe(SIZE - 1 + 6);
    console.warn(
      `SMTP faults: ${SIZE - 1} delivered once after 2 cuts, 2 × 421 and 2 × 451 ` +
        `(attempts per e-mail ${Math.min(...attempts)}–${Math.max(...attempts)}), 550 recorded once: ${failed.smtp_response}`,
    );
  });

  it('waits longer before each new try of the same e-mail', async () => {
    const fanOut = new FanOut(app);
    const { roundId } = await fanOut.draft(1);
    sink.reset();
    sink.failNext(3, 451, 'Greylisted, try again later');
    await fanOut.schedule(roundId);
    await fanOut.settled(roundId, 1, 30_000);

    // The sink saw the four tries of the one e-mail. Each waited at least its doubled back-off
    // (a busy machine only makes the wait longer; timers may fire a few ms early, hence 0.9).
    const tries = sink.rejections.map((r) => r.at).concat(sink.messages[0].receivedAt);
    const gaps = tries.slice(1).map((at, i) => at - tries[i]);
    expect(gaps).toHaveLength(3);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(0.9 * RETRY_BASE_MS * 2 ** i));
    console.warn(`back-off between tries: ${gaps.join(' ms, ')} ms`);
  });
});
