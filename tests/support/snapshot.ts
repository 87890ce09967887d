/**
 * A migrated, seeded embedded database is expensive to make (PGlite + PostGIS ≈ 12 s, plus the
 * sample). Make it once per content hash and reuse the dumped data directory in every test file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedFromDir } from '../../server/seed/seed.service.ts';

export const root = path.resolve(import.meta.dirname, '..', '..');
const cacheDir = path.join(root, 'var', 'test-cache');

function hashTree(h: crypto.Hash, p: string) {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) hashTree(h, path.join(p, e));
  else h.update(p).update(fs.readFileSync(p));
}

export function snapshotKey(datasetDir: string): string {
  const h = crypto.createHash('sha256');
  for (const p of ['migrations', 'server/seed', 'server/db']) hashTree(h, path.join(root, p));
  hashTree(h, datasetDir);
  return h.digest('hex').slice(0, 16);
}

/** Path of the dumped data dir for a dataset; builds it when missing. */
export async function ensureSnapshot(datasetDir: string): Promise<string> {
  const file = path.join(cacheDir, `${path.basename(datasetDir)}-${snapshotKey(datasetDir)}.tar.gz`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(cacheDir, { recursive: true });
  const database = await createDatabase({ databaseUrl: null, dbDir: null });
  await migrateToLatest(database.db);
  if (fs.existsSync(path.join(datasetDir, 'areas.geojson'))) await seedFromDir(database.db, datasetDir);
  const blob = await database.pglite!.dumpDataDir('gzip');
  await database.close();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file);
  return file;
}

export async function openSnapshot(file: string): Promise<Database> {
  const buf = fs.readFileSync(file);
  return createDatabase({ databaseUrl: null, dbDir: null, loadDataDir: new Blob([buf]) });
}
