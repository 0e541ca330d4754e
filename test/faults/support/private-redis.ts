import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { waitFor } from '../../support/wait-for';
import { freePort } from './free-port';

/**
 * A Redis server of the test's own (the machine's redis-server binary on a
 * free port, keeping nothing on disk, like ours), so a fault test can stop,
 * restart and FLUSHALL it without touching the Redis other test runs share.
 */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly options: string[],
  ) {}

  /** `options` are redis-server flags such as `['--maxmemory-policy', 'allkeys-lru']`. */
  static async start(options: string[] = []): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), options);
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Stops the server, as a crash or a restart would: what it held in memory is gone. */
  async down(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Starts the server again on the same port, empty. */
  async up(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ].concat(this.options),
      { stdio: 'ignore' },
    );
    await waitFor(`redis-server on port ${this.port}`, () => this.command('ping'), 10_000);
  }

  async restart(): Promise<void> {
    await this.down();
    await this.up();
  }

  /** Runs one command on a connection of its own; undefined when the server does not answer. */
  async command(name: string, ...args: string[]): Promise<unknown> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(name, ...args);
    } catch {
      return undefined;
    } finally {
      client.disconnect();
    }
  }
}
