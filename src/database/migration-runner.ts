import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';

/** Any constant will do; it only has to be the same in every Fushata process. */
const MIGRATION_LOCK_KEY = 4_672_001;

/**
 * Applies pending migrations when the application starts. An advisory lock
 * lets several API and worker processes start at once without racing.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  constructor(private readonly orm: MikroORM) {}

  async onModuleInit(): Promise<void> {
    const connection = this.orm.em.getConnection();
    await connection.transactional(async (trx) => {
      await connection.execute('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY], 'all', trx);
      await this.orm.getMigrator().up();
    });
  }
}
