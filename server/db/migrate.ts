/**
 * Runs the frozen migrations in `migrations/` with kysely's Migrator.
 * Files are named `<ISO date>T<seq>-<name>.ts` and sort by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export const migrationsDir = path.resolve(import.meta.dirname, '..', '..', 'migrations');

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    const files = fs.readdirSync(migrationsDir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort();
    for (const f of files) {
      out[f.replace(/\.ts$/, '')] = await import(pathToFileURL(path.join(migrationsDir, f)).href);
    }
    return out;
  }
}

export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FolderProvider() });
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
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
