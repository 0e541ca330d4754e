import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { User } from '../../auth/entities/user.entity';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../../redis/redis.module';

/** Long enough to read a dry run of 5,000 rows; short enough that an old check is not confirmed by mistake. */
const KEEP_SECONDS = 30 * 60;
const ID_BYTES = 24;
const ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export interface KeptUpload {
  fileName: string;
  csv: string;
}

/**
 * The file between its dry run and its confirmation, kept on the server:
 * the confirm button carries only a random id, so what is imported is
 * exactly what was checked, and no page has to carry 2 MiB back. The key
 * holds the user's id, so nobody else can confirm another person's file.
 */
@Injectable()
export class ImportUploads {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async keep(user: User, upload: KeptUpload): Promise<string> {
    const id = randomBytes(ID_BYTES).toString('base64url');
    await this.redis.set(this.key(user, id), JSON.stringify(upload), 'EX', KEEP_SECONDS);
    return id;
  }

  /** The upload, or null when the id is unknown, expired, used up or someone else's. */
  async find(user: User, id: string): Promise<KeptUpload | null> {
    if (!ID_PATTERN.test(id)) return null;
    const kept = await this.redis.get(this.key(user, id));
    return kept ? (JSON.parse(kept) as KeptUpload) : null;
  }

  async forget(user: User, id: string): Promise<void> {
    await this.redis.del(this.key(user, id));
  }

  private key(user: User, id: string): string {
    return `${this.config.redisPrefix}:dashboard-import:${user.id}:${id}`;
  }
}
