/**
 * Runs the frozen migrations in `migrations/` with kysely's Migrator.
 * Files are named `<ISO date>T<seq>-<name>.ts` and sort by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export const migrationsDir = path.resolve(import.meta.dirname, '..', '..', 'migrations');

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const name of migrationFiles()) {
      out[name] = await import(pathToFileURL(path.join(migrationsDir, `${name}.ts`)).href);
    }
    return out;
  }
}

export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FolderProvider() });
}

const migrationFiles = () =>
  fs.readdirSync(migrationsDir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort().map((f) => f.replace(/\.ts$/, ''));

/**
 * Names of migration files not yet recorded as applied, by a cheap look at kysely's table
 * (no locking, no module loading): a warm start skips the Migrator when this is empty.
 */
export async function quickPending(db: Kysely<any>): Promise<string[]> {
  const files = migrationFiles();
  const exists = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return files;
  const done = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name));
  return files.filter((f) => !done.has(f));
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if ((await quickPending(db)).length === 0) return [];
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function rollbackOne(db: Kysely<any>): Promise<string | null> {
  const { error, results } = await migrator(db).migrateDown();
  if (error) throw error;
  return results?.[0]?.migrationName ?? null;
}

export async function migrationStatus(db: Kysely<any>): Promise<{ applied: string[]; pending: string[] }> {
  const all = await migrator(db).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt).map((m) => m.name),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  };
}
