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
