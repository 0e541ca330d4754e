import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { BootstrapAdmin } from './bootstrap-admin';
import { SignInLimitsService } from './sign-in-limits.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [AuthController, ApiTokensController, UsersController],
  providers: [
    AuthService,
    ApiTokensService,
    UsersService,
    BootstrapAdmin,
    SignInLimitsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ApiTokensService, AuthService, UsersService],
})
export class AuthModule {}
