import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';

/** Any constant will do; it only has to be the same in every Fushata process. */
const MIGRATION_LOCK_KEY = 4_672_001;

/**
 * Applies pending migrations when the application starts. An advisory lock
 * lets several API and worker processes start at once without racing.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(private readonly orm: MikroORM) {}

  async onModuleInit(): Promise<void> {
    const connection = this.orm.em.getConnection();
    await connection.transactional(async (trx) => {
      await connection.execute('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY], 'all', trx);
      const applied = await this.orm.getMigrator().up();
      if (applied.length > 0) {
        this.logger.log(
          `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`,
        );
      }
    });
  }
}
