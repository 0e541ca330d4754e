import {
  Controller,
  Get,
  Post,
  Query,
  Req,
  Res,
  UnauthorizedException,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiTokensService } from '../auth/api-tokens.service';
import { AuthService } from '../auth/auth.service';
import { Public } from '../auth/public.decorator';
import { SignInLockedException } from '../auth/sign-in-locked.exception';
import { Language } from '../common/language';
import { AppConfig } from '../config/app-config';
import { FormFields } from '../pages/form-fields.decorator';
import { CsrfTokens } from './csrf-tokens';
import { cookieOptions, SESSION_COOKIE } from './dashboard-cookies';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { DashboardRenderer } from './dashboard-renderer';
import { redirect, safeReturnPath } from './dashboard-request';

/** Signing in and out of the dashboard with e-mail and password; the session lasts as an API session does. */
@Public()
@ApiExcludeController()
@UseFilters(DashboardErrorFilter)
@Controller('app')
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: ApiTokensService,
    private readonly csrf: CsrfTokens,
    private readonly renderer: DashboardRenderer,
    private readonly config: AppConfig,
  ) {}

  @Get()
  home(@Res() reply: FastifyReply): void {
    redirect(reply, '/app/campaigns');
  }

  @Get('sign-in')
  show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next: unknown,
    @Query('lang') lang: unknown,
  ): void {
    this.page(request, reply, { next: safeReturnPath(next), failed: false }, languageOf(lang));
  }

  @Post('sign-in')
  async signIn(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @FormFields() form: Record<string, string>,
  ): Promise<void> {
    const next = safeReturnPath(form.next);
    const language = languageOf(form.lang);
    if (!this.csrf.isValid(request)) {
      return this.page(request, reply, { next, failed: false, expired: true }, language, 403);
    }
    let signedIn: Awaited<ReturnType<AuthService['login']>>;
    try {
      signedIn = await this.auth.login(form.email ?? '', form.password ?? '', request.ip);
    } catch (error) {
      if (error instanceof SignInLockedException) {
        // The form stays, so the person can try again once the wait is over.
        void reply.header('retry-after', String(error.retryAfterSeconds));
        const data = { next, email: form.email, lockedMinutes: error.minutesToWait };
        return this.page(request, reply, data, language, 429);
      }
      if (error instanceof UnauthorizedException) {
        return this.page(request, reply, { next, failed: true, email: form.email }, language, 401);
      }
      throw error;
    }
    void reply.setCookie(SESSION_COOKIE, signedIn.token, {
      ...cookieOptions(this.config),
      expires: signedIn.record.expiresAt ?? undefined,
    });
    redirect(reply, next);
  }

  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? request.unsignCookie(cookie) : null;
    // Signing out needs no CSRF check to be safe: the worst a forged one does is sign someone out.
    if (session?.valid && session.value) await this.tokens.revokeBearer(session.value);
    void reply.clearCookie(SESSION_COOKIE, { path: '/app' });
    redirect(reply, '/app/sign-in');
  }

  private page(
    request: FastifyRequest,
    reply: FastifyReply,
    data: object,
    language?: Language,
    status = 200,
  ): void {
    const csrfToken = this.csrf.tokenFor(request, reply);
    this.renderer.send(reply, 'sign-in', { request: null, csrfToken, language }, data, status);
  }
}

function languageOf(value: unknown): Language | undefined {
  return Object.values(Language).find((language) => language === value);
}
