import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { buildOrmOptions } from './mikro-orm.config';
import { MigrationRunner } from './migration-runner';

@Global()
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [AppConfig],
      driver: PostgreSqlDriver,
      useFactory: (config: AppConfig) => ({
        ...buildOrmOptions(config.databaseUrl),
        registerRequestContext: true,
      }),
    }),
  ],
  providers: [MigrationRunner],
})
export class DatabaseModule {}
