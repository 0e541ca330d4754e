import type { TestApp } from './test-app';

/**
 * Polls until `check` returns a value other than undefined or false, instead
 * of sleeping a guessed time; fails with what it was waiting for.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Until every e-mail the workflow has queued is sent (or has failed): its rows stop changing. */
export function queuedMessagesSettled(app: TestApp): Promise<true> {
  const connection = app.orm.em.fork().getConnection();
  return waitFor('queued e-mails to be sent', async () => {
    const [row] = await connection.execute<{ n: string }[]>(
      `select count(*) as n from message where status = 'queued'`,
    );
    return row.n === '0' || undefined;
  });
}

/** The round has `count` e-mails and none is left queued: its message rows stop changing. */
export function roundMessagesSent(app: TestApp, roundId: string, count: number): Promise<true> {
  const connection = app.orm.em.fork().getConnection();
  return waitFor(`the round's ${count} e-mail(s) to be sent`, async () => {
    const [row] = await connection.execute<{ total: number; queued: number }[]>(
      `select count(*)::int as total, count(*) filter (where status = 'queued')::int as queued
         from message where round_id = ?`,
      [roundId],
    );
    return (row.total === count && row.queued === 0) || undefined;
  });
}

/** Nothing of the round is left to send: no notice or invitation step due to run, no e-mail queued. */
export function roundQuiet(app: TestApp, roundId: string): Promise<true> {
  const connection = app.orm.em.fork().getConnection();
  return waitFor(
    'the round to fall quiet',
    async () => {
      const [row] = await connection.execute<{ busy: number }[]>(
        `select (select count(*) from message where round_id = ? and status = 'queued')
              + (select count(*) from step where round_id = ? and status in ('pending', 'running')
                   and kind in ('invite', 'change_notice', 'cancel_notice') and due_at <= now())::int as busy`,
        [roundId, roundId],
      );
      return Number(row.busy) === 0 || undefined;
    },
    30_000,
  );
}
