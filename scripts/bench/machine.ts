import Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryMb: number;
  node: string;
  postgres: string;
  redis: string;
  packages: Record<string, string>;
}

/** What a figure was measured on: benchmark figures mean nothing without it. */
export async function describeMachine(
  databaseUrl: string,
  redisUrl: string,
  packages: string[],
): Promise<Machine> {
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const { rows } = await pg.query<{ server_version: string }>('show server_version');
  await pg.end();
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    postgres: rows[0].server_version,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    packages: Object.fromEntries(packages.map((name) => [name, installedVersion(name)])),
  };
}

/** The version actually installed, not the range package.json asks for. */
function installedVersion(name: string): string {
  const manifest = join(__dirname, '../../../node_modules', name, 'package.json');
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** The machine as each benchmark prints it: cores and memory, servers, package versions. */
export function machineLines(machine: Machine): string[] {
  return [
    `${machine.cores} cores (${machine.cpuModel}), ${(machine.memoryMb / 1024).toFixed(1)} GiB memory`,
    `Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`,
    Object.entries(machine.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', '),
  ];
}
