import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config';
import { ENTITIES } from './entities';

/** True when this file runs from TypeScript source (ts-jest, the CLI), false from dist/. */
const RUNNING_FROM_SOURCE = __filename.endsWith('.ts');
const PROJECT_ROOT = join(__dirname, RUNNING_FROM_SOURCE ? '../..' : '../../..');

export function buildOrmOptions(databaseUrl: string): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    preferTs: RUNNING_FROM_SOURCE,
    // Entities carry explicit column types, so no TypeScript reflection is needed at run time.
    discovery: { warnWhenNoEntities: true },
    forceUtcTimezone: true,
    // Migration progress goes through Nest's logger, like every other line the process writes.
    logger: (message: string) => new Logger('MikroORM').log(message),
    colors: false,
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: join(PROJECT_ROOT, 'dist/migrations'),
      pathTs: join(PROJECT_ROOT, 'migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
  });
}

/** Entry point for the `mikro-orm` CLI (npm run migration:create); a function, so importing this file reads no configuration. */
export default () => buildOrmOptions(loadConfig().databaseUrl);
