/** Boot: config → database (migrated, sample on first start) → HTTP. */
import { autoSeed, openDatabase } from './boot.ts';
import { loadConfig } from './config.ts';

const t0 = performance.now();
const config = loadConfig();
// Opening PGlite takes seconds; load the app's modules meanwhile.
const opening = openDatabase(config);
const { createApp } = await import('./app.ts');
const database = await opening;
await autoSeed(config, database);
const app = createApp({ config, db: database.db, backend: database.backend });
const server = app.listen(config.port, config.host, () => {
  const ms = (performance.now() - t0).toFixed(0);
  console.log(`幸福家园 serving on http://localhost:${config.port} (${database.backend}, ready in ${ms} ms)`);
  process.send?.({ ready: true, ms: Number(ms) });
});

async function shutdown() {
  server.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
