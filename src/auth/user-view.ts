import { UserView } from './dto/user.view';
import { User } from './entities/user.entity';

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
  };
}
