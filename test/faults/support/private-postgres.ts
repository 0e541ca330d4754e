import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

/** The newest PostgreSQL installed from Debian's packages. */
function binDirectory(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', versions[0], 'bin');
}

/**
 * A PostgreSQL cluster of the test's own (the machine's binaries, a fresh data
 * folder, a free port, trust auth), so a fault test can restart it without
 * cutting off the server other test runs share. PostgreSQL refuses to run as
 * root, so under root it runs as the `postgres` user.
 */
export class PrivatePostgres {
  private readonly bin = binDirectory();

  private constructor(
    private readonly dataDirectory: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const home = mkdtempSync(join(tmpdir(), 'fushata-pg-'));
    chmodSync(home, 0o777);
    const postgres = new PrivatePostgres(join(home, 'data'), await freePort());
    await postgres.run('initdb', [
      '-D',
      postgres.dataDirectory,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
    ]);
    await postgres.up();
    return postgres;
  }

  /** A URL for a database of this cluster (which TestApp or the app creates). */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server and waits until it accepts connections. */
  async up(): Promise<void> {
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dataDirectory} -c fsync=off`;
    await this.run('pg_ctl', [
      '-D',
      this.dataDirectory,
      '-o',
      options,
      '-l',
      `${this.dataDirectory}.log`,
      '-w',
      'start',
    ]);
  }

  /** Stops the server the way a crash would (immediate: no checkpoint, every connection cut). */
  async down(): Promise<void> {
    await this.run('pg_ctl', ['-D', this.dataDirectory, '-m', 'immediate', '-w', 'stop']);
  }

  async stop(): Promise<void> {
    await this.run('pg_ctl', ['-D', this.dataDirectory, '-m', 'fast', '-w', 'stop']);
    rmSync(join(this.dataDirectory, '..'), { recursive: true, force: true });
  }

  /** Asynchronously, so that servers in the test's own process (the SMTP sink) go on meanwhile. */
  private async run(program: string, args: string[]): Promise<void> {
    const path = join(this.bin, program);
    const asRoot = process.getuid?.() === 0;
    await promisify(execFile)(
      asRoot ? 'runuser' : path,
      asRoot ? ['-u', 'postgres', '--', path, ...args] : args,
      { timeout: 60_000 },
    );
  }
}
