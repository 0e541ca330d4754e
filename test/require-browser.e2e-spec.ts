import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** `jest <pattern>` as `npm test` runs it, on a machine whose Chromium is not where the tests look. */
function jestWithoutBrowser(pattern: string) {
  const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), pattern], {
    cwd: ROOT,
    env: { ...process.env, CHROMIUM_PATH: join(ROOT, 'no-such-chromium') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('the test command without a browser', () => {
  it('stops before any test with one message naming what to install', () => {
    const run = jestWithoutBrowser('test/rsvp-browser.e2e-spec.ts');
    expect(run.status).toBe(1);
    expect(run.output.trim()).toBe(
      `The page tests drive Chromium, and there is none at ${join(ROOT, 'no-such-chromium')}. ` +
        'Install it (`apt-get install chromium` on Debian and Ubuntu, which puts it at /usr/bin/chromium), ' +
        'or set CHROMIUM_PATH to the Chromium or Chrome binary you have.',
    );
  });

  it('runs the tests that need no browser', () => {
    const run = jestWithoutBrowser('src/common/search-key.spec.ts');
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/Tests:\s+\d+ passed/);
  });
});
