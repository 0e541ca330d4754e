import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTokensService } from './api-tokens.service';
import { AuthenticatedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';
import { Role } from './role';
import { REQUIRED_ROLES } from './roles.decorator';

const READ_METHODS = new Set(['GET', 'HEAD']);
const WRITERS = [Role.Admin, Role.Coordinator];
const EVERYONE = [Role.Admin, Role.Coordinator, Role.Viewer];

/** Applied to every route: a bearer token is required unless the route is @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ApiTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, bearer] = (request.headers.authorization ?? '').split(' ');
    const user = scheme === 'Bearer' && bearer ? await this.tokens.authenticate(bearer) : null;
    if (!user) throw new UnauthorizedException('a valid bearer token is required');
    request.user = user;

    const allowed =
      this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ??
      (READ_METHODS.has(request.method) ? EVERYONE : WRITERS);
    if (!allowed.includes(user.role)) {
      throw new ForbiddenException(`the ${user.role} role may not do this`);
    }
    return true;
  }
}
