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
    await this.limits.claim(attempt);
    const user = await this.findAndVerify(email, password).catch(async (error: unknown) => {
      await this.limits.release(attempt);
      throw error;
    });
    // Wrong credentials keep the claim: that is the failure the limits count.
    if (!user) throw new UnauthorizedException('wrong e-mail or password');
    await this.limits.succeeded(attempt);
    return { ...(await this.tokens.issueSession(user)), user };
  }

  private async findAndVerify(email: string, password: string): Promise<User | null> {
    const user = await this.em
      .createQueryBuilder(User)
      .where({ disabledAt: null })
      .andWhere('lower(email) = lower(?)', [email])
      .getSingleResult();
    const matches = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), password);
    return user && matches ? user : null;
  }
}
