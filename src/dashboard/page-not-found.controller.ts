import { Controller, Get, HttpStatus, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DashboardPages } from './dashboard-pages.decorator';
import { DashboardRenderer } from './dashboard-renderer';
import { DashboardRequest } from './dashboard-request';

/**
 * Any other address under /app: the dashboard's own "not found" page, with its
 * navigation, rather than the API's JSON. Behind the sign-in like every page,
 * so a visitor cannot tell which pages exist.
 */
@DashboardPages()
@Controller('app')
export class PageNotFoundController {
  constructor(private readonly renderer: DashboardRenderer) {}

  @Get('*')
  notFound(@Req() request: DashboardRequest, @Res() reply: FastifyReply): void {
    const status = HttpStatus.NOT_FOUND;
    this.renderer.send(reply, 'error', { request }, { status, reasons: [] }, status);
  }
}
