/**
 * One database layer, two backends: real PostgreSQL + PostGIS through a `pg` pool when a URL is
 * given, otherwise embedded PGlite with the PostGIS extension. Both speak the same SQL.
 * Numeric types are normalised here, once: int8 and numeric come back as JS numbers from both.
 */
import fs from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect.ts';
import type { DB } from './types.ts';

export type Backend = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  backend: Backend;
  /** The embedded instance, when the backend is PGlite (for snapshots in tests). */
  pglite: PGlite | null;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (v: string) => (v === null ? null : Number(v));

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** PGlite data directory; null = in memory. */
  dbDir: string | null;
  /** PGlite: start from a dumped data directory (tar.gz blob). */
  loadDataDir?: Blob;
}

export async function openPGlite(dbDir: string | null, loadDataDir?: Blob): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  if (dbDir) fs.mkdirSync(dbDir, { recursive: true });
  return PGlite.create(dbDir ? `file://${dbDir}` : undefined, {
    extensions: { postgis, btree_gist },
    parsers: { [INT8]: toNumber, [NUMERIC]: toNumber },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

export async function createDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const types = {
      getTypeParser(oid: number, format?: any) {
        if (oid === INT8 || oid === NUMERIC) return toNumber;
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, types: types as any });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    return { db, backend: 'postgres', pglite: null, close: () => db.destroy() };
  }
  const pglite = await openPGlite(opts.dbDir, opts.loadDataDir);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, backend: 'pglite', pglite, close: () => db.destroy() };
}
