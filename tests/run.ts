/**
 * `npm test`: typecheck, unit tests, API tests on the embedded database, the same API tests on
 * real PostGIS when TEST_DATABASE_URL is set, and browser tests in Chromium.
 * Outside CI a missing PostgreSQL or Chromium skips that part with a printed reason; with
 * CI=true it fails the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv[2]; // optional: check | unit | api | api-pg | e2e
const resultsDir = path.join(root, 'var', 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

let passed = 0;
let failed = 0;
const lines: string[] = [];

function run(name: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  lines.push(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  return ok;
}

function vitest(name: string, config: string, env: Record<string, string> = {}) {
  const out = path.join(resultsDir, `${name}.json`);
  fs.rmSync(out, { force: true });
  const ok = run(name, process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${out}`], env);
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    if (j.numTotalTests === 0) {
      failed += 1;
      lines.push(`FAIL ${name}: no tests ran`);
    }
  } else if (!ok) failed += 1;
  if (!ok && fs.existsSync(out) && JSON.parse(fs.readFileSync(out, 'utf8')).numFailedTests === 0) failed += 1; // crashed suite
}

function skipOrFail(name: string, reason: string) {
  if (ci) {
    console.error(`\n=== ${name}: FAILED, prerequisite missing in CI: ${reason}`);
    lines.push(`FAIL ${name}: ${reason}`);
    failed += 1;
  } else {
    console.log(`\n=== ${name}: skipped (${reason})`);
    lines.push(`skip ${name}: ${reason}`);
  }
}

const want = (k: string) => !only || only === k;

if (want('check')) {
  if (!run('typecheck', 'npm', ['run', '--silent', 'check'])) failed += 1;
}
if (want('unit')) vitest('unit', 'vitest.config.ts');
if (want('api')) vitest('api-pglite', 'vitest.api.config.ts', { TEST_BACKEND: 'pglite' });
if (want('api-pg') || want('api')) {
  if (process.env.TEST_DATABASE_URL) vitest('api-postgres', 'vitest.api.config.ts', { TEST_BACKEND: 'postgres' });
  else skipOrFail('api-postgres', 'TEST_DATABASE_URL is not set (a PostgreSQL with PostGIS)');
}
if (want('e2e')) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) skipOrFail('browser', `no Chromium at ${chromium}`);
  else if (run('build web client', 'npm', ['run', '--silent', 'build'])) vitest('browser', 'vitest.e2e.config.ts', { CHROMIUM_PATH: chromium });
  else failed += 1;
}

console.log('\n' + lines.join('\n'));
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
