import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { PageRenderer } from './page-renderer';

/** Server-rendered HTML pages for people outside the office: the RSVP, opt-out and attendance pages. */
@Module({
  imports: [
    // Counters live in Redis so that several API processes share one limit;
    // PublicPages sets the pages' own limit, so this default applies to nothing.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'default', limit: 10, ttl: 15 * 60 * 1000 }],
        storage: new ThrottlerStorageRedisService(config.redisUrl, {
          keyPrefix: `${config.redisPrefix}:throttle:`,
        }),
      }),
    }),
  ],
  providers: [PageRenderer],
  exports: [PageRenderer],
})
export class PagesModule {}
