/** `npm run seed [-- --dir DIR]`: (re)load a dataset into the configured database, one transaction. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { seedFromDir } from '../server/seed/seed.service.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const config = loadConfig();
const dir = values.dir ? path.resolve(values.dir) : config.sampleDir;
const database = await openDatabase(config);
const t = performance.now();
try {
  const counts = await seedFromDir(database.db, dir, (step, i, n) => process.stdout.write(`\r[${'#'.repeat(i)}${'.'.repeat(n - i)}] ${step}          `));
  console.log(`\nloaded ${dir} in ${((performance.now() - t) / 1000).toFixed(1)} s`, counts);
} catch (e) {
  console.error(`\nseed failed, nothing was written: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
