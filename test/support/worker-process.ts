import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../src/config/app-config';

/** The built entry point, seen from test/support/ under ts-jest or from dist/test/support/ when built. */
const MAIN = join(
  __dirname,
  __filename.endsWith('.ts') ? '../../dist/src/main.js' : '../../src/main.js',
);

/**
 * The built Fushata (dist/src/main.js) as its own operating-system process in
 * one role (PROCESS_ROLE), sharing the test app's PostgreSQL database and
 * Redis prefix: something a test can SIGKILL.
 */
export class AppProcess {
  private output = '';

  protected constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  /** `nodeFlags` go to node itself, before the script: V8 options, `--cpu-prof`. */
  protected static spawn(
    config: AppConfig,
    role: 'api' | 'worker',
    env: Record<string, string>,
    nodeFlags: string[],
  ): ChildProcess {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
    return spawn(process.execPath, [...nodeFlags, MAIN], {
      cwd: mkdtempSync(join(tmpdir(), `fushata-${role}-`)),
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        PROCESS_ROLE: role,
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        REDIS_PREFIX: config.redisPrefix,
        APP_URL: config.appUrl,
        APP_SECRET: config.appSecret,
        SMTP_URL: config.smtpUrl ?? '',
        SEND_RETRY_BASE_MS: String(config.sendRetryBaseMs),
        RECONCILE_EVERY_MS: String(config.reconcileEveryMs),
        JOB_LOCK_MS: String(config.jobLockMs),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** The process has not exited. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get log(): string {
    return this.output;
  }

  /** Resolves when the process has printed `text`; rejects if it exits or takes too long. */
  waitForLog(text: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          done(new Error(`process did not print "${text}" in ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
      const check = () => this.output.includes(text) && done();
      const exited = (code: number | null) =>
        done(new Error(`process exited (${code}) before "${text}":\n${this.output}`));
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.child.stdout?.off('data', check);
        this.child.off('exit', exited);
        if (error) reject(error);
        else resolve();
      };
      this.child.stdout?.on('data', check);
      this.child.once('exit', exited);
      check();
    });
  }

  /** Stops the process with the signal and waits until it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) =>
      this.child.once('exit', (code) => resolve(code)),
    );
    this.child.kill(signal);
    return exited;
  }
}

/** A worker (PROCESS_ROLE=worker): it takes jobs from the queues and serves no HTTP. */
export class WorkerProcess extends AppProcess {
  static async start(
    config: AppConfig,
    env: Record<string, string> = {},
    nodeFlags: string[] = [],
  ): Promise<WorkerProcess> {
    const worker = new WorkerProcess(AppProcess.spawn(config, 'worker', env, nodeFlags));
    await worker.waitForLog('Fushata worker is running', 30_000);
    return worker;
  }
}

/** An API (PROCESS_ROLE=api) on a free port of 127.0.0.1: it serves HTTP and runs no jobs. */
export class ApiProcess extends AppProcess {
  url = '';

  static async start(config: AppConfig, env: Record<string, string> = {}): Promise<ApiProcess> {
    const api = new ApiProcess(
      AppProcess.spawn(config, 'api', { PORT: '0', HOST: '127.0.0.1', ...env }, []),
    );
    await api.waitForLog('is listening on http', 30_000);
    api.url = /is listening on (http:\/\/[^\s;]+)/.exec(api.log)![1];
    return api;
  }
}
