import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { BootstrapAdmin } from './bootstrap-admin';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    // Counters live in Redis so that several API processes share one limit.
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
  controllers: [AuthController, ApiTokensController, UsersController],
  providers: [
    AuthService,
    ApiTokensService,
    UsersService,
    BootstrapAdmin,
    LoginThrottlerGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ApiTokensService, AuthService, LoginThrottlerGuard, UsersService],
})
export class AuthModule {}
