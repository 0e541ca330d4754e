import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiTokensService } from '../auth/api-tokens.service';
import { Role } from '../auth/role';
import { REQUIRED_ROLES } from '../auth/roles.decorator';
import { CsrfTokens } from './csrf-tokens';
import { SESSION_COOKIE } from './dashboard-cookies';
import { DashboardRequest, SignInRequired } from './dashboard-request';

const READ_METHODS = new Set(['GET', 'HEAD']);
const WRITERS = [Role.Admin, Role.Coordinator];
const EVERYONE = [Role.Admin, Role.Coordinator, Role.Viewer];

/**
 * Every dashboard page: a signed-in session from the cookie, a valid CSRF
 * token on every form post, and the same roles as the API (everyone reads,
 * coordinators and admins write, unless a route names its roles). A viewer's
 * page shows no button that writes, and the server refuses the write anyway.
 */
@Injectable()
export class DashboardGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokensService,
    private readonly csrf: CsrfTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>() as DashboardRequest;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const cookie = request.cookies[SESSION_COOKIE];
    const session = cookie ? request.unsignCookie(cookie) : null;
    const user =
      session?.valid && session.value ? await this.tokens.authenticate(session.value) : null;
    if (!user) throw new SignInRequired(request.method === 'GET' ? request.url : '/app');
    if (!READ_METHODS.has(request.method) && !this.csrf.isValid(request)) {
      throw new ForbiddenException('the form was out of date; open the page again and resend it');
    }
    const targets = [context.getHandler(), context.getClass()];
    const allowed =
      this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ??
      (READ_METHODS.has(request.method) ? EVERYONE : WRITERS);
    if (!allowed.includes(user.role)) {
      throw new ForbiddenException(`the ${user.role} role may not do this`);
    }
    request.user = user;
    request.csrfToken = this.csrf.tokenFor(request, reply);
    return true;
  }
}
