import { ReceivedMail, SmtpSink } from '../support/smtp-sink';
import { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { FanOut } from './support/fan-out';

const SIZE = 40;
/** Slow enough that the reminders take most of a second to go out, so a change can land among them. */
const SEND_RATE_PER_SECOND = '50';
const SESSION_IN_MS = 12_000;
const REMINDER_BEFORE = 'PT6S';
/** Where the change lands, from the reminder's due time: just before, at, and within its fan-out. */
const OFFSETS_MS = [-150, 0, 250, 600];

/** The session's start as the e-mail's calendar part gives it (DTSTART, unfolded). */
function startOf(mail: ReceivedMail): string | undefined {
  return /^DTSTART[^:\r\n]*:(\S+)/m.exec((mail.calendar ?? '').replace(/\r?\n[ \t]/g, ''))?.[1];
}

/**
 * A reschedule or a cancel committed at the very moment the reminder is due:
 * once the change has committed, no e-mail with the old time and nothing but
 * the cancellation may leave. Also fifty identical schedule requests at once.
 */
describe('changes racing a reminder that is due', () => {
  let sink: SmtpSink;
  let app: TestApp;
  let fanOut: FanOut;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: sink.url,
      SEND_RATE_PER_SECOND,
      RECONCILE_EVERY_MS: '500',
    });
    fanOut = new FanOut(app);
  });

  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  beforeEach(() => sink.reset());

  // A round left scheduled would send its reminders into the next case's sink.
  afterEach(async () => {
    await fanOut.sql(`update step set status = 'cancelled' where status = 'pending'`);
    await fanOut.sql(`update message set status = 'skipped' where status = 'queued'`);
  });

  /** A round of SIZE invitees, invited, with its reminder about to be due; returns when it is. */
  async function roundAtItsReminder(offsetMs: number) {
    const { roundId, sessionId } = await fanOut.draft(SIZE, {
      startInMs: SESSION_IN_MS,
      reminders: [{ before: REMINDER_BEFORE, audience: 'non_responders' }],
    });
    await fanOut.schedule(roundId);
    const invitations = await sink.waitFor(SIZE, 15_000);
    const [reminder] = await fanOut.sql<{ due_at: string }>(
      `select due_at from step where round_id = ? and kind = 'remind'`,
      [roundId],
    );
    const changeAt = new Date(reminder.due_at).getTime() + offsetMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, changeAt - Date.now())));
    return { roundId, sessionId, oldStart: startOf(invitations[0])! };
  }

  it.each(OFFSETS_MS)(
    'a reschedule %i ms from the reminder: nothing with the old time leaves after it commits',
    async (offsetMs) => {
      const { roundId, sessionId, oldStart } = await roundAtItsReminder(offsetMs);
      const session = await app.get(`/api/sessions/${sessionId}`);
      const later = (iso: string) => new Date(new Date(iso).getTime() + 3600_000).toISOString();
      const moved = await app.patch(`/api/sessions/${sessionId}`, {
        startsAt: later(session.body.startsAt),
        endsAt: later(session.body.endsAt),
      });
      const committedAt = Date.now();
      expect(moved.status).toBe(200);

      await noticesSent(roundId, 'change_notice');
      const after = sink.messages.filter((mail) => mail.receivedAt > committedAt);
      expect(after.filter((mail) => startOf(mail) === oldStart)).toEqual([]);
      const remindersBefore = sink.messages.length - SIZE - after.length;
      console.warn(
        `reschedule at ${offsetMs} ms: ${remindersBefore} reminder(s) with the old time before the commit, ` +
          `${after.length} e-mail(s) after it, none with the old time`,
      );
      // Everyone invited hears of the new time, once.
      const changeNotices = after.filter((mail) => startOf(mail) !== oldStart);
      expect(new Set(changeNotices.map((m) => m.envelope.to[0])).size).toBe(SIZE);
      expect(changeNotices).toHaveLength(SIZE);
    },
  );

  it.each(OFFSETS_MS)(
    'a cancel %i ms from the reminder: nothing but the cancellation leaves after it commits',
    async (offsetMs) => {
      const { roundId } = await roundAtItsReminder(offsetMs);
      const cancelled = await app.post(`/api/rounds/${roundId}/cancel`);
      const committedAt = Date.now();
      expect(cancelled.status).toBe(200);

      await noticesSent(roundId, 'cancel_notice');
      const after = sink.messages.filter((mail) => mail.receivedAt > committedAt);
      expect(after.filter((mail) => !mail.calendar?.includes('METHOD:CANCEL'))).toEqual([]);
      const cancellations = sink.messages.filter((m) => m.calendar?.includes('METHOD:CANCEL'));
      expect(new Set(cancellations.map((m) => m.envelope.to[0])).size).toBe(SIZE);
      expect(cancellations).toHaveLength(SIZE);
      console.warn(
        `cancel at ${offsetMs} ms: ${sink.messages.length - SIZE - after.length} reminder(s) before the commit, ` +
          `${after.length} cancellation(s) after it`,
      );
    },
  );

  it('schedules once when fifty identical requests race', async () => {
    const { roundId } = await fanOut.draft(2);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => app.post(`/api/rounds/${roundId}/schedule`)),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(49);
    await fanOut.settled(roundId, 2, 15_000);
    const steps = await waitFor('the invite step done', async () => {
      const rows = await fanOut.sql<{ kind: string; status: string }>(
        `select kind, status from step where round_id = ? and kind = 'invite'`,
        [roundId],
      );
      return rows.every((s) => s.status === 'done') ? rows : undefined;
    });
    expect(steps).toHaveLength(1);
    const invitations = await app.get(`/api/rounds/${roundId}/invitations`);
    expect(invitations.body.total).toBe(2);
    expect(sink.received).toBe(2);
  });

  /** The notice step has run and no e-mail of the round is left queued: all that left is in the sink. */
  async function noticesSent(roundId: string, kind: 'change_notice' | 'cancel_notice') {
    await waitFor(`the ${kind} step done and nothing queued`, async () => {
      const [row] = await fanOut.sql<{ done: number; queued: number }>(
        `select (select count(*) from step where round_id = ? and kind = ? and status = 'done')::int as done,
                (select count(*) from message where round_id = ? and status = 'queued')::int as queued`,
        [roundId, kind, roundId],
      );
      return row.done > 0 && row.queued === 0;
    });
  }
});
