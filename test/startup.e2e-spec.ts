import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { checkRedis } from '../src/startup/check-redis';
import { ensureDatabase } from '../src/startup/ensure-database';
import { StartupError } from '../src/startup/startup-error';
import { ADMIN_EMAIL, TestApp } from './support/test-app';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const MAIN_JS = join(__dirname, '..', 'dist', 'src', 'main.js');
/** Only a safety net so a process that hangs fails the test instead of the whole run. */
const PROCESS_DEADLINE_MS = 30_000;

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function freshDatabaseName(): string {
  return `fushata_startup_${randomBytes(6).toString('hex')}`;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const result = await withClient(SERVER_URL, (c) =>
    c.query('select 1 from pg_database where datname = $1', [name]),
  );
  return result.rowCount === 1;
}

async function dropDatabase(name: string): Promise<void> {
  await withClient(SERVER_URL, (c) => c.query(`drop database if exists "${name}" with (force)`));
}

describe('start-up checks', () => {
  describe('ensureDatabase', () => {
    const created: string[] = [];

    afterAll(async () => {
      for (const name of created) await dropDatabase(name);
    });

    it('creates a database that does not exist yet, and accepts one that does', async () => {
      const name = freshDatabaseName();
      created.push(name);
      expect(await databaseExists(name)).toBe(false);

      await ensureDatabase(databaseUrl(name));
      expect(await databaseExists(name)).toBe(true);
      await expect(ensureDatabase(databaseUrl(name))).resolves.toBeUndefined();
    });

    it('names the URL and how to start PostgreSQL when nothing listens', async () => {
      const url = 'postgres://postgres@127.0.0.1:1/x';
      const error = await ensureDatabase(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      const { message } = error as StartupError;
      expect(message).toContain(url);
      expect(message).toContain('ECONNREFUSED');
      expect(message).toContain('docker compose up -d');
      expect(message).not.toContain('\n');
    });

    it('hides the password of the URL it names', async () => {
      const error = await ensureDatabase('postgres://u:secret@127.0.0.1:1/x').catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StartupError);
      const { message } = error as StartupError;
      expect(message).toContain('postgres://u:***@127.0.0.1:1/x');
      expect(message).not.toContain('secret');
    });
  });

  describe('checkRedis', () => {
    it('names the URL and how to start Redis when nothing listens', async () => {
      const url = 'redis://127.0.0.1:1/0';
      const error = await checkRedis(url, false).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      const { message } = error as StartupError;
      expect(message).toContain(url);
      // The cause, not just "Connection is closed.", tells a refused port from a wrong host.
      expect(message).toContain('ECONNREFUSED');
      expect(message).toContain('docker compose up -d');
      expect(message).not.toContain('\n');
    });

    it('hides the password of the URL it names', async () => {
      const error = await checkRedis('redis://:secret@127.0.0.1:1/0', false).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StartupError);
      expect((error as StartupError).message).toContain('redis://:***@127.0.0.1:1/0');
      expect((error as StartupError).message).not.toContain('secret');
    });

    it('accepts the real Redis, warning only when it may evict keys', async () => {
      const client = new Redis(REDIS_URL);
      const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
      client.disconnect();

      const result = await checkRedis(REDIS_URL, false);
      if (policy === 'noeviction') {
        expect(result).toEqual({});
        // Production is stricter about eviction, so it must accept a server configured right.
        await expect(checkRedis(REDIS_URL, true)).resolves.toEqual({});
      } else {
        expect(result.evictionWarning).toContain(`"${policy}"`);
        await expect(checkRedis(REDIS_URL, true)).rejects.toBeInstanceOf(StartupError);
      }
    });
  });

  describe('the real process (node dist/src/main.js)', () => {
    let workDir: string;
    const created: string[] = [];

    beforeAll(() => {
      if (!existsSync(MAIN_JS)) {
        throw new Error(
          `${MAIN_JS} is missing: build first with \`npm run build\` (or \`npx nest build\`); these tests run the compiled process.`,
        );
      }
      // main.ts reads .env from its working directory; an empty one keeps a developer's .env out.
      workDir = mkdtempSync(join(tmpdir(), 'fushata-startup-'));
    });

    afterAll(async () => {
      if (workDir) rmSync(workDir, { recursive: true, force: true });
      for (const name of created) await dropDatabase(name);
    });

    /** A database URL for a process that is expected to get past ensureDatabase. */
    function scratchDatabase(): { name: string; url: string } {
      const name = freshDatabaseName();
      created.push(name);
      return { name, url: databaseUrl(name) };
    }

    interface Outcome {
      code: number | null;
      signal: NodeJS.Signals | null;
      output: string;
    }

    function runMain(env: Record<string, string>): Promise<Outcome> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [MAIN_JS], {
          cwd: workDir,
          // Not inherited: the test runner's own variables must not decide the outcome.
          env: {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'test',
            LOG_FORMAT: 'json',
            LOG_LEVEL: 'warn',
            PORT: '0',
            REDIS_URL,
            REDIS_PREFIX: `fushata-startup-${randomBytes(4).toString('hex')}`,
            ...env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const deadline = setTimeout(() => child.kill('SIGKILL'), PROCESS_DEADLINE_MS);
        child.on('error', reject);
        child.on('close', (code, signal) => {
          clearTimeout(deadline);
          resolve({ code, signal, output });
        });
      });
    }

    /** The process stopped by itself, non-zero, with one line that is not a stack trace. */
    function expectOneLineRefusal(outcome: Outcome): string {
      expect(outcome.signal).toBeNull();
      expect(outcome.code).not.toBe(0);
      expect(outcome.code).not.toBeNull();
      const lines = outcome.output.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(outcome.output).not.toMatch(/^\s+at /m);
      return lines[0];
    }

    it('refuses to start when PostgreSQL is unreachable', async () => {
      const url = 'postgres://postgres@127.0.0.1:1/fushata';
      const line = expectOneLineRefusal(await runMain({ DATABASE_URL: url }));
      expect(line).toContain(url);
      expect(line).toContain('docker compose up -d');
    });

    it('refuses to start when Redis is unreachable', async () => {
      const url = 'redis://127.0.0.1:1/0';
      const line = expectOneLineRefusal(
        await runMain({ DATABASE_URL: scratchDatabase().url, REDIS_URL: url }),
      );
      expect(line).toContain(url);
      expect(line).toContain('docker compose up -d');
    });

    it('names the variable when the configuration is invalid', async () => {
      const line = expectOneLineRefusal(
        await runMain({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/fushata', PORT: 'abc' }),
      );
      expect(line).toBe('Configuration error: PORT must be a whole number between 0 and 65535');
    });

    it('refuses production without APP_SECRET', async () => {
      const line = expectOneLineRefusal(
        await runMain({
          NODE_ENV: 'production',
          DATABASE_URL: 'postgres://postgres@127.0.0.1:1/fushata',
        }),
      );
      expect(line).toMatch(/^Configuration error: APP_SECRET /);
    });

    it.each([
      ['no ADMIN_PASSWORD', {}],
      ['a weak ADMIN_PASSWORD', { ADMIN_PASSWORD: 'short' }],
    ])('refuses a fresh production database with %s', async (_label, extra) => {
      const database = scratchDatabase();
      const line = expectOneLineRefusal(
        await runMain({
          NODE_ENV: 'production',
          APP_SECRET: randomBytes(24).toString('hex'),
          SMTP_URL: 'smtp://127.0.0.1:2525',
          DATABASE_URL: database.url,
          ...extra,
        }),
      );
      expect(line).toContain('ADMIN_PASSWORD');
      const users = await withClient(database.url, (c) =>
        c.query<{ n: string }>('select count(*) as n from app_user'),
      );
      expect(users.rows[0].n).toBe('0');
    });
  });

  describe('bootstrap admin', () => {
    const name = freshDatabaseName();
    const url = databaseUrl(name);

    afterAll(async () => {
      await dropDatabase(name);
    });

    it('is created on the first start only', async () => {
      const first = await TestApp.start({ DATABASE_URL: url });
      let firstAdminId: string;
      try {
        firstAdminId = (await first.get('/api/users/me')).body.id;
      } finally {
        // Closing the app, not TestApp, keeps the database for the second start.
        await first.app.close();
      }

      // TestApp.start signs in with the first admin's e-mail and password, so a second admin,
      // or the first one's password replaced by ADMIN_PASSWORD, makes this start fail.
      const second = await TestApp.start({
        DATABASE_URL: url,
        ADMIN_EMAIL: 'another-admin@example.org',
        ADMIN_PASSWORD: 'a different admin pass phrase',
      });
      try {
        const users = await second.get('/api/users');
        expect(users.status).toBe(200);
        expect(users.body).toEqual([
          expect.objectContaining({ id: firstAdminId, email: ADMIN_EMAIL, role: 'admin' }),
        ]);
      } finally {
        await second.app.close();
      }
    });
  });
});
