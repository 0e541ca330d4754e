import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '../auth/public.decorator';
import { PageErrorFilter } from './page-error.filter';
import { PageThrottlerGuard } from './page-throttler.guard';

/** Generous for a person, who clicks a few times; tight for a script working through tokens. */
const REQUESTS_PER_MINUTE = 60;

/**
 * For a controller of pages opened from links in e-mails: no bearer token
 * (the link's token is the credential), no place in the API documents, a
 * rate limit per client, and errors shown as pages.
 */
export const PublicPages = () =>
  applyDecorators(
    Public(),
    ApiExcludeController(),
    UseGuards(PageThrottlerGuard),
    Throttle({ default: { limit: REQUESTS_PER_MINUTE, ttl: 60_000 } }),
    UseFilters(PageErrorFilter),
  );
