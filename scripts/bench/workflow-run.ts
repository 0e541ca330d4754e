import { Client } from 'pg';
import { SmtpSink } from '../../test/support/smtp-sink';
import { TestApp } from '../../test/support/test-app';
import { waitFor } from '../../test/support/wait-for';
import { WorkerProcess } from '../../test/support/worker-process';
import { CpuMeter, pidsNamed } from './cpu-time';

/*
 * Following a round's workflow while worker processes run it: when the sink
 * accepted the e-mails, what the step rows recorded, and what stops a run
 * early (a worker that died, an e-mail that failed) instead of a time-out.
 */

/** Rejects when a worker process ends before the benchmark stops it: its e-mails would never come. */
export function anyExit(workers: WorkerProcess[]): Promise<never> {
  const exit = Promise.race(
    workers.map(
      (worker) =>
        new Promise<never>((_resolve, reject) => {
          const ended = (code: number | null, signal: string | null) =>
            reject(
              new Error(
                `worker ${worker.pid} ended (${signal ?? code}) during the run:\n${worker.log.slice(-2000)}`,
              ),
            );
          if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
            ended(worker.child.exitCode, worker.child.signalCode);
          } else {
            worker.child.once('exit', ended);
          }
        }),
    ),
  );
  exit.catch(() => undefined);
  return exit;
}

/**
 * Rejects as soon as a message of the round is recorded as failed: that
 * e-mail will never reach the sink, so waiting for it would only time out.
 * `polls()` counts its own statements, for a benchmark that counts the
 * database's transactions.
 */
export function watchForFailures(app: TestApp, roundId: string) {
  let timer: NodeJS.Timeout | undefined;
  let polls = 0;
  const failed = new Promise<never>((_resolve, reject) => {
    timer = setInterval(() => {
      polls += 1;
      app.orm.em
        .getConnection()
        .execute<Array<{ n: string; error: string | null }>>(
          `select count(*) as n, min(error) as error from message where round_id = ? and status = 'failed'`,
          [roundId],
        )
        .then(([row]) => {
          if (Number(row.n) > 0) reject(new Error(`${row.n} e-mail(s) failed, e.g.: ${row.error}`));
        })
        .catch(reject);
    }, 1000);
  });
  failed.catch(() => undefined);
  return { failed, stop: () => clearInterval(timer), polls: () => polls };
}

/** When the sink has accepted `count` e-mails in all (it counts before it answers 250). */
export function acceptedAt(sink: SmtpSink, count: number, timeoutMs: number): Promise<number> {
  const at = sink.waitFor(count, timeoutMs).then(() => Date.now());
  // A failed run rejects it later; the caller's error is the one worth reporting.
  at.catch(() => undefined);
  return at;
}

/** Waits until `count` messages of the round say so; returns how many do. */
export function messagesWithStatus(
  app: TestApp,
  roundId: string,
  status: string,
  count: number,
  timeoutMs = 60_000,
): Promise<number> {
  return waitFor(
    `${count} message rows to say ${status}`,
    async () => {
      const n = await countMessages(app, roundId, status);
      return n >= count ? n : undefined;
    },
    timeoutMs,
  );
}

export async function countMessages(
  app: TestApp,
  roundId: string,
  status: string,
): Promise<number> {
  const [row] = await app.orm.em
    .getConnection()
    .execute<Array<{ n: string }>>(
      'select count(*) as n from message where round_id = ? and status = ?',
      [roundId, status],
    );
  return Number(row.n);
}

/** CPU seconds of the workers, this process (the API and the SMTP sink), PostgreSQL and Redis. */
export function workflowCpuMeter(workers: WorkerProcess[]): CpuMeter {
  return new CpuMeter({
    worker: () => workers.map((worker) => worker.pid),
    bench: () => [process.pid],
    postgres: () => pidsNamed('postgres'),
    redis: () => pidsNamed('redis-server'),
  });
}

/** A step's own record of when it was due and ran, and when its rows were written (ms since the epoch). */
export interface StepTimeline {
  stepId: string;
  dueAt: number;
  startedAt: number;
  /** Every send job enqueued: the step is done. */
  finishedAt: number;
  /** The last invitation the step wrote; null for a step that writes none. */
  invitationsWrittenAt: number | null;
  messageRowsWrittenAt: number;
}

/** The timeline of the round's one step of `kind` (invite, remind…). */
export async function stepTimeline(
  app: TestApp,
  roundId: string,
  kind: string,
): Promise<StepTimeline> {
  const rows = await app.orm.em.getConnection().execute<
    Array<{
      id: string;
      due_at: Date;
      started_at: Date;
      finished_at: Date;
      invitations_written: Date | null;
      messages_written: Date;
    }>
  >(
    `select s.id, s.due_at, s.started_at, s.finished_at,
            (select max(i.created_at) from invitation i where i.invite_step_id = s.id) as invitations_written,
            (select max(m.created_at) from message m where m.step_id = s.id) as messages_written
       from step s
      where s.round_id = ? and s.kind = ?`,
    [roundId, kind],
  );
  if (rows.length !== 1) throw new Error(`the round has ${rows.length} ${kind} steps, not one`);
  const [row] = rows;
  const time = (value: Date) => new Date(value).getTime();
  return {
    stepId: row.id,
    dueAt: time(row.due_at),
    startedAt: time(row.started_at),
    finishedAt: time(row.finished_at),
    invitationsWrittenAt: row.invitations_written ? time(row.invitations_written) : null,
    messageRowsWrittenAt: time(row.messages_written),
  };
}

/**
 * Transactions committed or rolled back in the benchmark's database, from
 * PostgreSQL's statistics, read over a connection to another database so
 * that reading them adds none. A backend reports its transactions when it
 * goes idle, but at most once a second: one that reported less than a
 * second before reports again after 10 s idle (PGSTAT_IDLE_INTERVAL), hence
 * the wait, `settleMs`.
 */
export async function databaseTransactions(app: TestApp, settleMs = 1100): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const server = new URL(app.config.databaseUrl);
  const database = server.pathname.slice(1);
  server.pathname = '/postgres';
  const pg = new Client({ connectionString: server.toString() });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ n: string }>(
      'select xact_commit + xact_rollback as n from pg_stat_database where datname = $1',
      [database],
    );
    return Number(rows[0].n);
  } finally {
    await pg.end();
  }
}

/** A round being run by worker processes that send to the sink. */
export interface RoundRun {
  app: TestApp;
  sink: SmtpSink;
  workers: WorkerProcess[];
  roundId: string;
}

/**
 * Waits until the sink has accepted `count` e-mails in all; fails as soon as
 * an e-mail of the round fails or a worker process dies. Returns when.
 */
export async function untilAccepted(
  { app, sink, workers, roundId }: RoundRun,
  count: number,
  timeoutMs: number,
): Promise<number> {
  const failures = watchForFailures(app, roundId);
  try {
    return await Promise.race([
      acceptedAt(sink, count, timeoutMs),
      failures.failed,
      anyExit(workers),
    ]);
  } finally {
    failures.stop();
  }
}

/**
 * Schedules the round and waits until the workers have sent its invitations,
 * `count` of them: the sink accepted them and every message row of the round
 * says sent. Returns when the schedule call was made.
 */
export async function scheduleAndInvite(
  run: RoundRun,
  count: number,
  timeoutMs: number,
): Promise<number> {
  const calledAt = Date.now();
  const scheduled = await run.app.post(`/api/rounds/${run.roundId}/schedule`);
  if (scheduled.status !== 200) throw new Error(`schedule: ${JSON.stringify(scheduled.body)}`);
  await untilAccepted(run, count, timeoutMs);
  await messagesWithStatus(run.app, run.roundId, 'sent', count);
  return calledAt;
}
