import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RequestError } from '../common/request-error';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { ApiToken } from './entities/api-token.entity';
import { User } from './entities/user.entity';
import { hashPassword, passwordWeakness } from './password';
import { Role } from './role';

@Injectable()
export class UsersService {
  constructor(private readonly em: EntityManager) {}

  list(): Promise<User[]> {
    return this.em.find(User, {}, { orderBy: { email: 'asc' } });
  }

  async get(id: string): Promise<User> {
    const user = await this.em.findOne(User, { id });
    if (!user) throw RequestError.notFound('user');
    return user;
  }

  count(): Promise<number> {
    return this.em.count(User);
  }

  async create(input: CreateUserDto): Promise<User> {
    this.assertStrong(input.password);
    await this.assertEmailFree(input.email);
    const user = this.em.create(User, {
      email: input.email,
      name: input.name,
      role: input.role,
      language: input.language,
      passwordHash: await hashPassword(input.password),
    });
    await this.em.flush();
    return user;
  }

  async update(id: string, input: UpdateUserDto, actor: User): Promise<User> {
    const user = await this.get(id);
    if (user.id === actor.id && (input.disabled || (input.role && input.role !== Role.Admin))) {
      // The last way back in must not be closed by accident.
      throw RequestError.unprocessable(
        input.disabled ? 'disabled' : 'role',
        'you cannot demote or disable yourself',
      );
    }
    if (input.password !== undefined) {
      this.assertStrong(input.password);
      user.passwordHash = await hashPassword(input.password);
    }
    if (input.name !== undefined) user.name = input.name;
    if (input.role !== undefined) user.role = input.role;
    if (input.language !== undefined) user.language = input.language;
    const disabling = input.disabled === true && !user.disabledAt;
    if (input.disabled !== undefined)
      user.disabledAt = input.disabled ? (user.disabledAt ?? new Date()) : null;
    await this.em.transactional(async (em) => {
      // Re-enabling someone must not bring their old tokens back to life.
      if (disabling) {
        await em.nativeUpdate(ApiToken, { user, revokedAt: null }, { revokedAt: new Date() });
      }
    });
    return user;
  }

  private assertStrong(password: string): void {
    const weakness = passwordWeakness(password);
    if (weakness) throw RequestError.unprocessable('password', weakness);
  }

  private async assertEmailFree(email: string): Promise<void> {
    const taken = await this.em
      .createQueryBuilder(User)
      .where('lower(email) = lower(?)', [email])
      .getCount();
    if (taken > 0) throw RequestError.conflict('email', 'a user with this e-mail already exists');
  }
}
