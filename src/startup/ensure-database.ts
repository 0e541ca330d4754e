import { Client } from 'pg';
import { redactUrl } from './redact-url';
import { StartupError } from './startup-error';

const UNDEFINED_DATABASE = '3D000';
const HOW_TO_START =
  'Start it with `docker compose up -d postgres`, or the system service (`sudo systemctl start postgresql`).';

/**
 * Connects to DATABASE_URL once before the application starts, creating the
 * database when the server is reachable but the database is not there yet.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  try {
    await withClient(databaseUrl, async () => undefined);
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE)
      throw unreachable(databaseUrl, error);
    const target = new URL(databaseUrl);
    const name = decodeURIComponent(target.pathname.slice(1));
    const maintenance = new URL(databaseUrl);
    maintenance.pathname = '/postgres';
    await withClient(maintenance.toString(), async (client) => {
      await client.query(`create database "${name.replace(/"/g, '""')}"`).catch((createError) => {
        // Another process may have created it between our two connections.
        if ((createError as { code?: string }).code !== '42P04') throw createError;
      });
    }).catch((createError) => {
      throw new StartupError(
        `PostgreSQL at ${redactUrl(databaseUrl)} has no database "${name}" and it could not be created: ${(createError as Error).message}`,
      );
    });
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function unreachable(databaseUrl: string, error: unknown): StartupError {
  const reason = (error as Error).message || (error as { code?: string }).code || String(error);
  return new StartupError(
    `Cannot reach PostgreSQL at ${redactUrl(databaseUrl)} (${reason}). ${HOW_TO_START}`,
  );
}
