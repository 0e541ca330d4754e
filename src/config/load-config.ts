import { plainToInstance } from 'class-transformer';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validateSync } from 'class-validator';
import { AppConfig, ENV_VARIABLES } from './app-config';

export const DEV_APP_SECRET = new AppConfig().appSecret;

/** Raised when the environment cannot run Fushata; its message is one line naming the variable. */
export class ConfigError extends Error {}

/**
 * Reads and validates the environment once. Empty strings count as unset so
 * that `FOO=` in a .env file falls back to the default instead of failing.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(AppConfig, present, {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  const [first] = validateSync(config, { stopAtFirstError: true });
  if (first) {
    const variable = ENV_VARIABLES.get(first.property) ?? first.property;
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(`${variable} ${reason}`);
  }
  if (config.isProduction && config.appSecret === DEV_APP_SECRET) {
    throw new ConfigError('APP_SECRET must be set in production (try: openssl rand -hex 32)');
  }
  if (config.isProduction && !config.smtpUrl) {
    throw new ConfigError(
      'SMTP_URL must be set in production: the development mail catcher never runs there',
    );
  }
  if (config.signInFailuresPerAddress < config.signInFailuresPerAccount) {
    // Otherwise the address limit would lock one person out before their own limit does.
    throw new ConfigError(
      `SIGN_IN_FAILURES_PER_ADDRESS must be at least SIGN_IN_FAILURES_PER_ACCOUNT (${config.signInFailuresPerAccount})`,
    );
  }
  if (
    config.emailTemplatesDir &&
    !existsSync(join(config.emailTemplatesDir, 'layouts', 'email.html.hbs'))
  ) {
    throw new ConfigError(
      `EMAIL_TEMPLATES_DIR must be a folder laid out as templates/ is (no layouts/email.html.hbs in ${config.emailTemplatesDir})`,
    );
  }
  return config;
}
