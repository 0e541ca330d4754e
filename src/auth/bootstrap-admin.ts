import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { StartupError } from '../startup/startup-error';
import { User } from './entities/user.entity';
import { hashPassword, passwordWeakness } from './password';
import { Role } from './role';

/** Used only in development when ADMIN_PASSWORD is unset, and printed at start-up. */
export const DEVELOPMENT_ADMIN_PASSWORD = 'fushata-admin-2017';

/**
 * On the first start, with no users at all, creates the admin from
 * ADMIN_EMAIL / ADMIN_PASSWORD. Production refuses a missing or weak password.
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const em = this.orm.em.fork();
    if ((await em.count(User)) > 0) return;

    let password = this.config.adminPassword;
    const weakness = passwordWeakness(password);
    if (weakness && this.config.isProduction) {
      throw new StartupError(
        `ADMIN_PASSWORD ${weakness}: it is needed to create the first admin in production`,
      );
    }
    if (weakness) {
      if (password) throw new StartupError(`ADMIN_PASSWORD ${weakness}`);
      password = DEVELOPMENT_ADMIN_PASSWORD;
    }
    em.create(User, {
      email: this.config.adminEmail,
      name: 'Administrator',
      role: Role.Admin,
      passwordHash: await hashPassword(password as string),
    });
    await em.flush();
    this.logger.log(
      this.config.adminPassword
        ? `Created the first admin ${this.config.adminEmail}`
        : `Created the first admin ${this.config.adminEmail} with the development password "${DEVELOPMENT_ADMIN_PASSWORD}"`,
    );
  }
}
