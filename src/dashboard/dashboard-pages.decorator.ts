import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { DashboardGuard } from './dashboard.guard';

/**
 * For a controller of dashboard pages: signed in through the session cookie
 * instead of a bearer token (the API's guard lets it pass), CSRF-checked
 * forms, the API's roles, no place in the API documents, errors as pages.
 */
export const DashboardPages = () =>
  applyDecorators(
    Public(),
    ApiExcludeController(),
    UseGuards(DashboardGuard),
    UseFilters(DashboardErrorFilter),
  );
