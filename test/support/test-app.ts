import { MikroORM } from '@mikro-orm/postgresql';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createApp } from '../../src/app.factory';
import { AppOptions } from '../../src/app.module';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { ensureDatabase } from '../../src/startup/ensure-database';

export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'test-admin-password-2017';

/** Tables the directory tests fill; users, tokens and counties survive a reset. */
const DIRECTORY_TABLES = ['committee_membership', 'committee', 'contact', 'institution'];

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
  /** Sent as is, with no JSON encoding (CSV uploads, malformed JSON). */
  raw?: string | Buffer | FormData;
}

/**
 * The real application on a real port, against its own freshly created and
 * migrated PostgreSQL database and its own Redis key prefix. Requests go over
 * HTTP with fetch, as a client's would.
 */
export class TestApp {
  adminToken = '';

  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    readonly baseUrl: string,
  ) {}

  static async start(env: Record<string, string> = {}, options: AppOptions = {}): Promise<TestApp> {
    const suffix = randomBytes(6).toString('hex');
    const base = new URL(
      process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    base.pathname = `/fushata_test_${suffix}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      LOG_FORMAT: 'json',
      DATABASE_URL: base.toString(),
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
      REDIS_PREFIX: `fushata-test-${suffix}`,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      ...env,
    });
    await ensureDatabase(config.databaseUrl);
    const app = await createApp(config, options);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const testApp = new TestApp(app, config, await app.getUrl());
    testApp.adminToken = await testApp.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    return testApp;
  }

  get orm(): MikroORM {
    return this.app.get(MikroORM);
  }

  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.adminToken : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | Buffer | FormData | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      body: type.includes('json') && text ? JSON.parse(text) : text,
      headers: response.headers,
    };
  }

  get = <T = any>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T = any>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>('POST', path, { ...options, body });
  patch = <T = any>(path: string, body?: unknown, options?: RequestOptions) =>
    this.request<T>('PATCH', path, { ...options, body });
  delete = <T = any>(path: string, options?: RequestOptions) =>
    this.request<T>('DELETE', path, options);

  async login(email: string, password: string): Promise<string> {
    const response = await this.post('/api/auth/login', { email, password }, { token: null });
    if (response.status !== 200)
      throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token;
  }

  /** Creates a user with the role and returns a bearer token for them. */
  async tokenFor(role: 'admin' | 'coordinator' | 'viewer'): Promise<string> {
    const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
    const password = `${role}-password-long-enough`;
    const created = await this.post('/api/users', { email, name: role, role, password });
    if (created.status !== 201)
      throw new Error(`user not created: ${JSON.stringify(created.body)}`);
    return this.login(email, password);
  }

  async countyId(name: string): Promise<string> {
    const counties = await this.get<{ id: string; name: string }[]>('/api/counties');
    const county = counties.body.find((c) => c.name === name);
    if (!county) throw new Error(`no county ${name}`);
    return county.id;
  }

  /** Empties the directory between tests. */
  async reset(): Promise<void> {
    await this.orm.em
      .getConnection()
      .execute(`truncate ${DIRECTORY_TABLES.map((t) => `"${t}"`).join(', ')} cascade`);
  }

  /** A fingerprint of every table's content: equal fingerprints mean nothing was written. */
  async snapshot(): Promise<Record<string, string>> {
    const connection = this.orm.em.getConnection();
    const tables = await connection.execute<{ tablename: string }[]>(
      "select tablename from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by tablename",
    );
    const result: Record<string, string> = {};
    for (const { tablename } of tables) {
      // last_used_at moves on reads; it is bookkeeping, not data a request writes.
      const [row] = await connection.execute<{ digest: string | null; n: string }[]>(
        tablename === 'api_token'
          ? `select count(*) as n, md5(string_agg((t.id, t.revoked_at)::text, ',' order by t.id)) as digest from "api_token" t`
          : `select count(*) as n, md5(string_agg(t::text, ',' order by t::text)) as digest from "${tablename}" t`,
      );
      result[tablename] = `${row.n}:${row.digest ?? ''}`;
    }
    return result;
  }

  async close(): Promise<void> {
    const url = this.config.databaseUrl;
    await this.app.close();
    const maintenance = new URL(url);
    const name = maintenance.pathname.slice(1);
    maintenance.pathname = '/postgres';
    const client = new Client({ connectionString: maintenance.toString() });
    await client.connect();
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.end();
  }
}
