/** Baseline for start-up: bare PGlite + PostGIS, create (empty dir) or open (existing dir), then ready. */
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

const dir = process.env.DB_DIR!;
const pg = await PGlite.create(`file://${dir}`, { extensions: { postgis } });
await pg.exec('create extension if not exists postgis');
await pg.query('select postgis_lib_version()');
process.send?.({ ready: true });
process.on('SIGTERM', async () => {
  await pg.close();
  process.exit(0);
});
