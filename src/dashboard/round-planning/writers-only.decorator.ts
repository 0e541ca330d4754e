import { Role } from '../../auth/role';
import { Roles } from '../../auth/roles.decorator';

/**
 * For a GET page that is only a form to change something (a confirmation, an
 * edit form): a viewer, who cannot send it, does not get it either.
 */
export const WritersOnly = () => Roles(Role.Admin, Role.Coordinator);
