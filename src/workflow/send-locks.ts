import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { AppConfig } from '../config/app-config';
import { SEND_JOBS_AT_ONCE } from '../queue/queue-workers';

/** The advisory-lock key of a row: the first 64 bits of its uuid (60 of them random). */
function lockKey(uuidSql: string): string {
  return `('x' || left(replace(${uuidSql}::text, '-', ''), 16))::bit(64)::bigint`;
}

/**
 * Called inside a transaction that changes a round's plan: waits until the
 * e-mails of that round being sent right now have left, and keeps new ones
 * from starting until the commit. A sender therefore either sends under the
 * old plan before the change, or reads the new plan after it.
 */
export async function holdRoundAgainstSends(em: EntityManager, roundId: string): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(${lockKey('?')})`, [roundId]);
}

/**
 * One send job's claim, held by a PostgreSQL session of its own: the
 * messages it may send and, once it holds them, their rounds. The claim ends
 * the moment the process dies: the kernel closes the socket, PostgreSQL ends
 * the session and frees its locks, and the next try may take the messages at
 * once. Unlike row locks, these do not stop the sender from recording each
 * e-mail as sent the moment the SMTP server accepts it, in its own commit.
 */
export class SendClaim {
  constructor(
    private readonly session: PoolClient,
    readonly messageIds: string[],
    private readonly onLost: (error: Error) => void,
  ) {}

  /**
   * Shared holds on the rounds: waits while a change of plan holds one of
   * them, or waits for one. The session is this job's alone because
   * PostgreSQL grants a session a lock it already holds at once, ahead of a
   * change waiting in line: send jobs sharing one session would pass the
   * hold between them and keep a cancellation waiting for the whole fan-out.
   */
  async holdRounds(roundIds: string[]): Promise<void> {
    await this.session.query(
      `select pg_advisory_lock_shared(${lockKey('id')}) from unnest($1::uuid[]) as id`,
      [[...new Set(roundIds)]],
    );
  }

  /**
   * Holds on the people the batch writes to, taken in one order by every
   * job so no two wait on each other: a second job with an e-mail to one of
   * them (a confirmation beside a notice) waits for this batch, then reads
   * what it told them, and never repeats it.
   */
  async holdContacts(contactIds: string[]): Promise<void> {
    await this.session.query(
      `select pg_advisory_lock(key) from (
         select distinct ${lockKey('id')} as key from unnest($1::uuid[]) as id order by 1) as keys`,
      [contactIds],
    );
  }

  /** Lets go of every message, round and person; a session that cannot is closed, which frees them too. */
  async release(): Promise<void> {
    try {
      await this.session.query('select pg_advisory_unlock_all()');
      this.session.removeListener('error', this.onLost);
      this.session.release();
    } catch (error) {
      this.session.removeListener('error', this.onLost);
      this.session.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }
}

/** The sessions send jobs claim through: one each, so no job waits for another's. */
@Injectable()
export class SendLocks implements OnModuleDestroy {
  private readonly logger = new Logger(SendLocks.name);
  private readonly sessions: Pool;

  constructor(config: AppConfig) {
    this.sessions = new Pool({
      connectionString: config.databaseUrl,
      application_name: 'fushata-send-locks',
      max: SEND_JOBS_AT_ONCE,
    });
    // An idle session lost holds nothing; the pool opens a new one when asked.
    this.sessions.on('error', (error) =>
      this.logger.warn(`Send-lock session lost: ${error.message}`),
    );
  }

  /** The claim of those messages no other send job holds; another job's are its to send. */
  async claim(messageIds: string[]): Promise<SendClaim> {
    const session = await this.sessions.connect();
    // The pool listens for errors of idle sessions only; unheard, a lost connection ends the process.
    const onLost = (error: Error) =>
      this.logger.warn(`Send-lock session lost mid-batch: ${error.message}`);
    session.on('error', onLost);
    try {
      const { rows } = await session.query<{ id: string }>(
        `select id from unnest($1::uuid[]) as id where pg_try_advisory_lock(${lockKey('id')})`,
        [[...new Set(messageIds)]],
      );
      return new SendClaim(
        session,
        rows.map((row) => row.id),
        onLost,
      );
    } catch (error) {
      session.removeListener('error', onLost);
      session.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.sessions.end();
  }
}
