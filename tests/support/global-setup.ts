/**
 * Runs once before the API tests: prepares the database every test file starts from.
 * Embedded: a dumped PGlite data dir. Postgres (TEST_DATABASE_URL): migrate and seed it once.
 */
import { createDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedFromDir } from '../../server/seed/seed.service.ts';
import { SAMPLE_DIR } from './datasets.ts';
import { ensureSnapshot } from './snapshot.ts';

export default async function setup({ provide }: { provide: (k: string, v: unknown) => void }) {
  const url = process.env.TEST_BACKEND === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
  if (url) {
    const database = await createDatabase({ databaseUrl: url, dbDir: null });
    await migrateToLatest(database.db);
    await seedFromDir(database.db, SAMPLE_DIR);
    await database.close();
    provide('snapshot', '');
  } else {
    provide('snapshot', await ensureSnapshot(SAMPLE_DIR));
  }
}
