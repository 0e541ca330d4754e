import { Expose, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';

export enum Environment {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

export enum ProcessRole {
  All = 'all',
  Api = 'api',
  Worker = 'worker',
}

export enum LogFormat {
  Json = 'json',
  Pretty = 'pretty',
}

/** Names the environment variable a setting is read from (the name errors report). */
export const ENV_VARIABLES = new Map<string, string>();
function Env(variable: string): PropertyDecorator {
  return (target, property) => {
    ENV_VARIABLES.set(String(property), variable);
    Expose({ name: variable })(target, property as string);
  };
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * Every setting Fushata reads from the environment, validated once at start-up
 * (see load-config.ts). Defaults work on a developer machine with PostgreSQL and
 * Redis on loopback; production refuses the defaults that would be unsafe.
 */
export class AppConfig {
  @Env('NODE_ENV')
  @IsEnum(Environment, { message: 'must be one of development, test, production' })
  environment: Environment = Environment.Development;

  @Env('PORT')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number between 0 and 65535' })
  @Min(0, { message: 'must be a whole number between 0 and 65535' })
  @Max(65535, { message: 'must be a whole number between 0 and 65535' })
  port = 3000;

  @Env('HOST')
  @IsString({ message: 'must be a host name or address' })
  host = '127.0.0.1';

  /**
   * How many reverse proxies stand in front of the app. Their X-Forwarded-For
   * is believed only that many hops deep, so a caller cannot pick the address
   * the login rate limit counts.
   */
  @Env('TRUST_PROXY_HOPS')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of proxies (0 when clients connect directly)' })
  @Min(0, { message: 'must be a whole number of proxies (0 when clients connect directly)' })
  trustProxyHops = 0;

  /**
   * Failed sign-ins for one e-mail from one client address before that pair
   * is refused for SIGN_IN_LOCK_MINUTES; successful sign-ins never count.
   */
  @Env('SIGN_IN_FAILURES_PER_ACCOUNT')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of failed sign-ins, at least 1' })
  @Min(1, { message: 'must be a whole number of failed sign-ins, at least 1' })
  signInFailuresPerAccount = 10;

  /**
   * Failed sign-ins from one client address, whatever the e-mail, before the
   * address is refused: at least the per-account limit, since a whole
   * office may sign in from behind one router.
   */
  @Env('SIGN_IN_FAILURES_PER_ADDRESS')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of failed sign-ins, at least 1' })
  @Min(1, { message: 'must be a whole number of failed sign-ins, at least 1' })
  signInFailuresPerAddress = 100;

  /** How long failures are remembered, and how long a limit reached keeps refusing. */
  @Env('SIGN_IN_LOCK_MINUTES')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of minutes from 1 to 1440 (a day)' })
  @Min(1, { message: 'must be a whole number of minutes from 1 to 1440 (a day)' })
  @Max(24 * 60, { message: 'must be a whole number of minutes from 1 to 1440 (a day)' })
  signInLockMinutes = 15;

  @Env('APP_URL')
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'must be an http:// or https:// URL such as https://fushata.example.org',
  })
  appUrl = 'http://localhost:3000';

  @Env('DATABASE_URL')
  @Matches(/^postgres(ql)?:\/\/[^\s/]+\/[A-Za-z0-9_-]+(\?[^\s]*)?$/, {
    message:
      'must be a postgres:// URL naming a database, such as postgres://user@host:5432/fushata',
  })
  databaseUrl = 'postgres://postgres@127.0.0.1:5432/fushata';

  @Env('REDIS_URL')
  @Matches(/^rediss?:\/\/[^\s/]*(\/\d{1,2})?$/, {
    message: 'must be a redis:// URL such as redis://127.0.0.1:6379/0',
  })
  redisUrl = 'redis://127.0.0.1:6379/0';

  /** Prefix for every Redis key Fushata writes, so several deployments or test runs share one server. */
  @Env('REDIS_PREFIX')
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'must be 1–64 letters, digits, ":", "_" or "-"' })
  redisPrefix = 'fushata';

  /**
   * A folder of e-mail templates laid out as `templates/` is, for an office
   * that words its e-mails its own way; unset means the bundled ones.
   */
  @Env('EMAIL_TEMPLATES_DIR')
  @IsOptional()
  @IsString({ message: 'must be the path of a folder' })
  emailTemplatesDir?: string;

  /** Unset means: use the embedded development mail catcher. */
  @Env('SMTP_URL')
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'must be an smtp:// or smtps:// URL' })
  smtpUrl?: string;

  /** Where the development mail catcher (used only when SMTP_URL is unset) accepts mail. */
  @Env('MAIL_CATCHER_SMTP_PORT')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number between 1 and 65535' })
  @Min(1, { message: 'must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'must be a whole number between 1 and 65535' })
  mailCatcherSmtpPort = 1025;

  /** Where the development mail catcher shows its inbox in a browser. */
  @Env('MAIL_CATCHER_WEB_PORT')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number between 1 and 65535' })
  @Min(1, { message: 'must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'must be a whole number between 1 and 65535' })
  mailCatcherWebPort = 1080;

  @Env('APP_SECRET')
  @IsString({ message: 'must be a string' })
  @Matches(/^.{32,}$/s, { message: 'must be at least 32 characters (try: openssl rand -hex 32)' })
  appSecret = 'development-only-secret-change-me-0123456789';

  @Env('ADMIN_EMAIL')
  @IsEmail({}, { message: 'must be an e-mail address' })
  adminEmail = 'admin@example.org';

  @Env('ADMIN_PASSWORD')
  @IsOptional()
  @IsString({ message: 'must be a string' })
  adminPassword?: string;

  @Env('LOG_LEVEL')
  @IsEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  logLevel = 'info';

  @Env('LOG_FORMAT')
  @IsOptional()
  @IsEnum(LogFormat, { message: 'must be json or pretty' })
  logFormat?: LogFormat;

  /** `all` runs the API and the queue workers in one process; `api` and `worker` run them apart. */
  @Env('PROCESS_ROLE')
  @IsEnum(ProcessRole, { message: 'must be all, api or worker' })
  processRole: ProcessRole = ProcessRole.All;

  /** E-mails per second, across every worker process (a BullMQ queue limit). */
  @Env('SEND_RATE_PER_SECOND')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of e-mails per second' })
  @Min(1, { message: 'must be at least 1' })
  sendRatePerSecond = 200;

  /** E-mails a send job hands to the SMTP pool at once; the pool bounds the connections. */
  @Env('SEND_CONCURRENCY')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  sendConcurrency = 20;

  /** Tries for an e-mail whose SMTP server answers 4xx or drops the connection. */
  @Env('SEND_MAX_ATTEMPTS')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  sendMaxAttempts = 8;

  /** First retry delay; each further retry waits twice as long. */
  @Env('SEND_RETRY_BASE_MS')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10, { message: 'must be at least 10' })
  sendRetryBaseMs = 30_000;

  /**
   * How long a job stays claimed by a worker that stopped answering (killed,
   * frozen) before another worker takes it over.
   */
  @Env('JOB_LOCK_MS')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(1000, { message: 'must be at least 1000' })
  jobLockMs = 30_000;

  /** How often the reconciler re-enqueues due steps and queued e-mails that Redis lost. */
  @Env('RECONCILE_EVERY_MS')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100, { message: 'must be at least 100' })
  reconcileEveryMs = 60_000;

  /** Largest CSV file the contact import accepts. */
  @Env('IMPORT_MAX_BYTES')
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024, { message: 'must be at least 1024' })
  importMaxBytes = 2 * 1024 * 1024;

  /**
   * Whether an API process loads the demo campaign at start (once: it does
   * nothing when the campaign is there). Unset: only in development.
   */
  @Env('DEMO_DATA')
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  demoData?: boolean;

  get runsApi(): boolean {
    return this.processRole !== ProcessRole.Worker;
  }

  get runsWorkers(): boolean {
    return this.processRole !== ProcessRole.Api;
  }

  get isProduction(): boolean {
    return this.environment === Environment.Production;
  }

  get loadsDemoData(): boolean {
    return this.demoData ?? this.environment === Environment.Development;
  }

  get effectiveLogFormat(): LogFormat {
    return this.logFormat ?? (this.isProduction ? LogFormat.Json : LogFormat.Pretty);
  }
}
