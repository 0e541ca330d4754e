import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ApiTokensService, IssuedToken } from './api-tokens.service';
import { User } from './entities/user.entity';
import { hashPassword, verifyPassword } from './password';
import { SignInLimitsService } from './sign-in-limits.service';

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so both failures take as long. */
  private readonly decoyHash = hashPassword('decoy password that never matches');

  constructor(
    private readonly em: EntityManager,
    private readonly tokens: ApiTokensService,
    private readonly limits: SignInLimitsService,
  ) {}

  /**
   * Signs in with e-mail and password from a client address; throws
   * SignInLockedException while too many failed sign-ins came before.
   */
  async login(
    email: string,
    password: string,
    clientAddress: string,
  ): Promise<IssuedToken & { user: User }> {
    const attempt = { email, clientAddress };
    await this.limits.refuseWhileLocked(attempt);
    const user = await this.em
      .createQueryBuilder(User)
      .where({ disabledAt: null })
      .andWhere('lower(email) = lower(?)', [email])
      .getSingleResult();
    const matches = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    if (!user || !matches) {
      await this.limits.countFailure(attempt);
      throw new UnauthorizedException('wrong e-mail or password');
    }
    await this.limits.forgetFailures(attempt);
    return { ...(await this.tokens.issueSession(user)), user };
  }
}
