import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';
import { DashboardPages } from '../dashboard-pages.decorator';
import { DashboardRenderer } from '../dashboard-renderer';
import { DashboardRequest } from '../dashboard-request';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard';
import { ServiceHealth } from './service-health';

/** The administration's front page: whether the services answer, and the way to users, tokens and queues. */
@DashboardPages()
@Roles(Role.Admin)
@Controller('app/admin')
export class AdminOverviewController {
  constructor(
    private readonly health: ServiceHealth,
    private readonly renderer: DashboardRenderer,
  ) {}

  @Get()
  async overview(@Req() request: DashboardRequest, @Res() reply: FastifyReply): Promise<void> {
    const services = await this.health.check();
    this.renderer.send(
      reply,
      'admin',
      { request },
      {
        section: 'admin',
        services,
        allUp: services.every((service) => service.up),
        queuesPath: QUEUE_DASHBOARD_PATH,
      },
    );
  }
}
