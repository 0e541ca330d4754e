import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM } from './browser';

/** The part of Jest's global configuration this reads. */
interface RunConfig {
  rootDir: string;
  testPathPattern: string;
}

/**
 * Jest's global set-up: when the run includes a test that drives the browser
 * and there is no browser, stop before any test starts with one message that
 * says what to install, instead of a launch error from each page test.
 */
export default function requireBrowser(globalConfig: RunConfig): void {
  if (existsSync(CHROMIUM) || browserTestsIn(globalConfig).length === 0) return;
  // One line and no stack trace: the machine lacks a program, the code is not at fault.
  console.error(
    `The page tests drive Chromium, and there is none at ${CHROMIUM}. ` +
      'Install it (`apt-get install chromium` on Debian and Ubuntu, which puts it at /usr/bin/chromium), ' +
      'or set CHROMIUM_PATH to the Chromium or Chrome binary you have.',
  );
  process.exit(1);
}

/** The test files of this run (its path pattern, every file without one) that use the browser helper. */
function browserTestsIn(globalConfig: RunConfig): string[] {
  const directory = join(globalConfig.rootDir, 'test');
  const selected = new RegExp(globalConfig.testPathPattern, 'i');
  return readdirSync(directory)
    .filter((name) => name.endsWith('.e2e-spec.ts'))
    .map((name) => join(directory, name))
    .filter((file) => selected.test(file))
    .filter((file) => readFileSync(file, 'utf8').includes("from './support/browser'"));
}
