import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RequestError } from '../common/request-error';
import { ApiToken, ApiTokenKind } from './entities/api-token.entity';
import { User } from './entities/user.entity';
import { displayPrefix, generateToken, hashToken, looksLikeToken } from './token-secret';

const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Writing last-used on every request would turn reads into writes; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60 * 1000;

export interface IssuedToken {
  token: string;
  record: ApiToken;
}

@Injectable()
export class ApiTokensService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  async issueSession(user: User): Promise<IssuedToken> {
    return this.issue(user, ApiTokenKind.Session, null, new Date(Date.now() + SESSION_LIFETIME_MS));
  }

  async issuePersonal(user: User, name: string, expiresAt: Date | null): Promise<IssuedToken> {
    return this.issue(user, ApiTokenKind.Personal, name, expiresAt);
  }

  listPersonal(user: User): Promise<ApiToken[]> {
    return this.em.find(
      ApiToken,
      { user, kind: ApiTokenKind.Personal, revokedAt: null },
      { orderBy: { createdAt: 'desc' } },
    );
  }

  async revoke(user: User, id: string): Promise<void> {
    const token = await this.em.findOne(ApiToken, { id, user, revokedAt: null });
    if (!token) throw RequestError.notFound('API token');
    token.revokedAt = new Date();
    await this.em.flush();
  }

  /** Ends the session a token stands for (signing out of the dashboard); an unknown token is ignored. */
  async revokeBearer(bearer: string): Promise<void> {
    if (!looksLikeToken(bearer)) return;
    await this.em.nativeUpdate(
      ApiToken,
      { secretHash: hashToken(bearer, this.config.appSecret), revokedAt: null },
      { revokedAt: new Date() },
    );
  }

  /** The user behind a bearer token, or null for anything unknown, expired, revoked or disabled. */
  async authenticate(bearer: string): Promise<User | null> {
    if (!looksLikeToken(bearer)) return null;
    const token = await this.em.findOne(
      ApiToken,
      { secretHash: hashToken(bearer, this.config.appSecret), revokedAt: null },
      { populate: ['user'] },
    );
    const now = new Date();
    if (!token || (token.expiresAt && token.expiresAt <= now) || token.user.disabledAt) return null;
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.em.nativeUpdate(ApiToken, { id: token.id }, { lastUsedAt: now });
    }
    return token.user;
  }

  private async issue(
    user: User,
    kind: ApiTokenKind,
    name: string | null,
    expiresAt: Date | null,
  ): Promise<IssuedToken> {
    const token = generateToken();
    const record = this.em.create(ApiToken, {
      user,
      kind,
      name,
      expiresAt,
      secretHash: hashToken(token, this.config.appSecret),
      prefix: displayPrefix(token),
    });
    await this.em.flush();
    return { token, record };
  }
}
