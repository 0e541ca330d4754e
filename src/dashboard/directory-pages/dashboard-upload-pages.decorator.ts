import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { DashboardGuard } from '../dashboard.guard';
import { MultipartFormReader } from './multipart-form.guard';

/**
 * DashboardPages() for a controller that takes file uploads: the same
 * session, CSRF and role checks, with the multipart form read first so that
 * DashboardGuard finds the form's CSRF token.
 */
export const DashboardUploadPages = () =>
  applyDecorators(
    Public(),
    ApiExcludeController(),
    UseGuards(MultipartFormReader, DashboardGuard),
    UseFilters(DashboardErrorFilter),
  );
