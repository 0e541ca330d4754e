import { SetMetadata } from '@nestjs/common';
import { Role } from './role';

export const REQUIRED_ROLES = 'fushata:roles';

/**
 * Who may call the route. Without it, reads (GET, HEAD) are open to every
 * role and writes need `coordinator` or `admin`.
 */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Any signed-in user, for routes where people manage their own things (their API tokens). */
export const AnyRole = () => Roles(Role.Admin, Role.Coordinator, Role.Viewer);
