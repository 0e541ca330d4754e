import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../config/app-config';

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
 * The sender's claims, as PostgreSQL advisory locks on one session of its
 * own. A message is claimed by one sender at a time, and the claim ends the
 * moment the process dies: the kernel closes the socket, PostgreSQL ends the
 * session and frees its locks, and the next try may take the message at
 * once. Unlike row locks, these do not stop the sender from recording each
 * e-mail as sent the moment the SMTP server accepts it, in its own commit.
 */
@Injectable()
export class SendLocks implements OnModuleDestroy {
  private readonly logger = new Logger(SendLocks.name);
  private session?: Promise<Client>;
  /**
   * Messages claimed by this process. PostgreSQL grants a session a lock it
   * already holds, so two send jobs of one process holding the same message
   * (the reconciler re-queued it while the first job was on its way) would
   * both get it; this set keeps the second one out.
   */
  private readonly claimed = new Set<string>();

  constructor(private readonly config: AppConfig) {}

  /** The messages this process now holds; the rest are held by another send job. */
  async claim(messageIds: string[]): Promise<string[]> {
    const wanted = [...new Set(messageIds)].filter((id) => !this.claimed.has(id));
    wanted.forEach((id) => this.claimed.add(id));
    try {
      const { rows } = await this.query<{ id: string }>(
        `select id from unnest($1::uuid[]) as id where pg_try_advisory_lock(${lockKey('id')})`,
        [wanted],
      );
      const granted = new Set(rows.map((row) => row.id));
      wanted.filter((id) => !granted.has(id)).forEach((id) => this.claimed.delete(id));
      return [...granted];
    } catch (error) {
      wanted.forEach((id) => this.claimed.delete(id));
      throw error;
    }
  }

  /** Shared holds on the rounds: waits while a change of plan holds one of them. */
  async holdRounds(roundIds: string[]): Promise<void> {
    await this.query(
      `select pg_advisory_lock_shared(${lockKey('id')}) from unnest($1::uuid[]) as id`,
      [[...new Set(roundIds)]],
    );
  }

  async release(messageIds: string[], roundIds: string[]): Promise<void> {
    try {
      await this.query(
        `select (select count(*) from unnest($1::uuid[]) as id where pg_advisory_unlock(${lockKey('id')})),
                (select count(*) from unnest($2::uuid[]) as id where pg_advisory_unlock_shared(${lockKey('id')}))`,
        [[...new Set(messageIds)], [...new Set(roundIds)]],
      );
    } finally {
      // Only once PostgreSQL let go: until then a second job of this process must keep out.
      messageIds.forEach((id) => this.claimed.delete(id));
    }
  }

  async onModuleDestroy(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.then((client) => client.end()).catch(() => undefined);
  }

  private async query<R extends object>(sql: string, params: unknown[]): Promise<{ rows: R[] }> {
    const client = await (this.session ??= this.connect());
    return client.query<R>(sql, params);
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'fushata-send-locks',
    });
    // A lost session lost its locks too; the next claim opens a new one.
    client.on('error', (error) => {
      this.logger.warn(`Send-lock session lost: ${error.message}`);
      this.session = undefined;
    });
    try {
      await client.connect();
    } catch (error) {
      this.session = undefined;
      throw error;
    }
    return client;
  }
}
