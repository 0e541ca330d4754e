import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RedisHealthIndicator } from '../../health/redis.health';
import { MessagingModule } from '../../messaging/messaging.module';
import { DashboardModule } from '../dashboard.module';
import { AdminOverviewController } from './admin-overview.controller';
import { AdminTokensController } from './admin-tokens.controller';
import { AdminUsersController } from './admin-users.controller';
import { ServiceHealth } from './service-health';

/**
 * The administration pages, for admins only: users and roles, the admin's
 * own API tokens, and the health of PostgreSQL, Redis and SMTP. The queue
 * dashboard (Bull Board) is mounted beside them by mountQueueDashboard.
 */
@Module({
  imports: [DashboardModule, TerminusModule, MessagingModule],
  controllers: [AdminOverviewController, AdminUsersController, AdminTokensController],
  // The health module keeps its Redis indicator to itself; it holds no state of its own.
  providers: [ServiceHealth, RedisHealthIndicator],
})
export class AdminPagesModule {}
