import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ApiTokensService, IssuedToken } from './api-tokens.service';
import { User } from './entities/user.entity';
import { hashPassword, verifyPassword } from './password';

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take as long. */
  private readonly decoyHash = hashPassword('decoy password that never matches');

  constructor(
    private readonly em: EntityManager,
    private readonly tokens: ApiTokensService,
  ) {}

  async login(email: string, password: string): Promise<IssuedToken & { user: User }> {
    const user = await this.em
      .createQueryBuilder(User)
      .where({ disabledAt: null })
      .andWhere('lower(email) = lower(?)', [email])
      .getSingleResult();
    const matches = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !matches) {
      throw new UnauthorizedException('wrong e-mail or password');
    }
    return { ...(await this.tokens.issueSession(user)), user };
  }
}
