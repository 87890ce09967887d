/**
 * Opening the database for the server and the CLI scripts: connect, migrate, and on an empty
 * embedded database load the sample.
 */
import { sql } from 'kysely';
import type { Config } from './config.ts';
import { createDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedFromDir } from './seed/seed.service.ts';
import { createDemoAccounts, printDemoAccounts } from './users/demo-accounts.ts';

export async function openDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<Database> {
  const database = await createDatabase({ databaseUrl: config.databaseUrl, dbDir: config.dbDir });
  if (opts.migrate !== false) {
    const applied = await migrateToLatest(database.db);
    if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
  }
  return database;
}

export async function isEmpty(database: Database): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*) as n from areas`.execute(database.db);
  return Number(r.rows[0].n) === 0;
}

/**
 * First start of an empty embedded database: load the sample so the map is never blank, and
 * (DEMO_ACCOUNTS, default on) create one demo account per role, printed once.
 */
export async function autoSeed(config: Config, database: Database): Promise<boolean> {
  if (!config.autoSeed || database.backend !== 'pglite' || !(await isEmpty(database))) return false;
  const t = performance.now();
  const counts = await seedFromDir(database.db, config.sampleDir);
  console.log(`sample loaded in ${((performance.now() - t) / 1000).toFixed(1)} s:`, counts);
  if (config.demoAccounts) printDemoAccounts(await createDemoAccounts(database.db));
  return true;
}
