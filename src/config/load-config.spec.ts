import { Environment } from './app-config';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('works on this machine with no variables at all', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/fushata');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379/0');
    expect(config.port).toBe(3000);
    expect(config.environment).toBe(Environment.Development);
  });

  it('reads and converts the variables', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgresql://u:p@db:5432/x' });
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgresql://u:p@db:5432/x');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a whole number between 0 and 65535$/],
    [{ PORT: '70000' }, /^PORT must be a whole number between 0 and 65535$/],
    [{ DATABASE_URL: 'mysql://localhost/x' }, /^DATABASE_URL must be a postgres:\/\/ URL/],
    [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL must be a redis:\/\/ URL/],
    [{ APP_URL: 'fushata.example.org' }, /^APP_URL must be an http/],
    [{ APP_SECRET: 'short' }, /^APP_SECRET must be at least 32 characters/],
    [{ SMTP_URL: 'mail.example.org' }, /^SMTP_URL must be an smtp/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be one of/],
    [{ TRUST_PROXY_HOPS: '-1' }, /^TRUST_PROXY_HOPS must be a whole number of proxies/],
    [
      { SIGN_IN_FAILURES_PER_ACCOUNT: '0' },
      /^SIGN_IN_FAILURES_PER_ACCOUNT must be a whole number of failed sign-ins, at least 1$/,
    ],
    [
      { SIGN_IN_FAILURES_PER_ADDRESS: 'many' },
      /^SIGN_IN_FAILURES_PER_ADDRESS must be a whole number of failed sign-ins, at least 1$/,
    ],
    [
      { SIGN_IN_LOCK_MINUTES: '2000' },
      /^SIGN_IN_LOCK_MINUTES must be a whole number of minutes from 1 to 1440/,
    ],
    [
      { SIGN_IN_FAILURES_PER_ACCOUNT: '20', SIGN_IN_FAILURES_PER_ADDRESS: '5' },
      /^SIGN_IN_FAILURES_PER_ADDRESS must be at least SIGN_IN_FAILURES_PER_ACCOUNT \(20\)$/,
    ],
    [
      { EMAIL_TEMPLATES_DIR: '/nowhere' },
      /^EMAIL_TEMPLATES_DIR must be a folder laid out as templates\//,
    ],
  ])('rejects %p with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('limits failed sign-ins to 10 per e-mail and address and 100 per address, for 15 minutes', () => {
    const config = loadConfig({});
    expect(config.signInFailuresPerAccount).toBe(10);
    expect(config.signInFailuresPerAddress).toBe(100);
    expect(config.signInLockMinutes).toBe(15);
    const set = loadConfig({
      SIGN_IN_FAILURES_PER_ACCOUNT: '3',
      SIGN_IN_FAILURES_PER_ADDRESS: '3',
      SIGN_IN_LOCK_MINUTES: '1',
    });
    expect([
      set.signInFailuresPerAccount,
      set.signInFailuresPerAddress,
      set.signInLockMinutes,
    ]).toEqual([3, 3, 1]);
  });

  it('never echoes a secret in its message', () => {
    expect(() => loadConfig({ APP_SECRET: 'tiny-secret' })).not.toThrow(/tiny-secret/);
  });

  it('refuses production without an SMTP server', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', APP_SECRET: 'p'.repeat(40) })).toThrow(
      /^SMTP_URL must be set in production/,
    );
  });

  it('refuses the development secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/^APP_SECRET must be set/);
  });
});
