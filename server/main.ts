/**
 * Boot: config → database (migrated, sample on first start) → HTTP. On PostgreSQL the server runs
 * `config.workers` processes (node:cluster, one per core by default) sharing the port: the primary
 * migrates once, then forks; every cache a worker holds (walking graphs, the finder's places,
 * planning inputs) is checked against the database, and a worker that writes a place tells its
 * siblings through the primary so the finder drops its copy at once.
 */
import cluster from 'node:cluster';
import { autoSeed, openDatabase } from './boot.ts';
import { loadConfig } from './config.ts';

const PLACES_CHANGED = 'xingfu:places-changed';
const t0 = performance.now();
const config = loadConfig();

if (config.workers > 1 && cluster.isPrimary) await primary();
else await serve();

async function primary() {
  const database = await openDatabase(config); // migrations run once, here
  await database.close();
  let listening = 0;
  let stopping = false;
  const crashes: number[] = [];
  const stopAll = (code: number) => {
    stopping = true;
    let left = Object.keys(cluster.workers ?? {}).length;
    if (left === 0) process.exit(code);
    for (const w of Object.values(cluster.workers ?? {})) {
      w?.once('exit', () => --left === 0 && process.exit(code));
      w?.process.kill('SIGTERM');
    }
  };
  const start = () => {
    const w = cluster.fork();
    let listened = false;
    w.on('listening', () => {
      listened = true;
      if (++listening !== config.workers) return;
      const ms = (performance.now() - t0).toFixed(0);
      console.log(`幸福家园 serving on http://localhost:${config.port} (postgres, ${config.workers} workers, ready in ${ms} ms)`);
      process.send?.({ ready: true, ms: Number(ms) });
    });
    w.on('error', (e) => console.error(`worker ${w.process.pid}: ${e.message}`));
    w.on('message', (m: unknown) => {
      if ((m as { type?: string })?.type !== PLACES_CHANGED) return;
      for (const other of Object.values(cluster.workers ?? {})) {
        if (other && other !== w && other.isConnected()) other.send({ type: PLACES_CHANGED }, () => {});
      }
    });
    w.on('exit', (code) => {
      if (stopping || code === 0) return; // 0: it shut down on a signal, as the primary is about to
      // A worker that never listened (port taken, database gone) or crashes again and again: stop.
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0] < now - 60_000) crashes.shift();
      if (!listened || crashes.length > 5) {
        console.error(`worker ${w.process.pid} exited (${code}) ${listened ? 'for the 6th time in a minute' : 'before it listened'}; stopping`);
        stopAll(1);
        return;
      }
      console.error(`worker ${w.process.pid} exited (${code}); starting another`);
      start();
    });
  };
  for (let i = 0; i < config.workers; i++) start();
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
}

async function serve() {
  // Opening PGlite takes seconds; load the app's modules meanwhile.
  const opening = openDatabase(config, { migrate: !cluster.isWorker });
  const { createApp } = await import('./app.ts');
  const database = await opening;
  await autoSeed(config, database);
  if (cluster.isWorker) {
    const places = await import('./places/places.cache.ts');
    places.relayPlacesChanged(() => process.send?.({ type: PLACES_CHANGED }));
    process.on('message', (m: unknown) => (m as { type?: string })?.type === PLACES_CHANGED && places.placesChangedElsewhere());
  }
  const app = createApp({ config, db: database.db, backend: database.backend });
  // Express 5 hands a listen error (the port taken) to this callback instead of throwing it.
  const server = app.listen(config.port, config.host, (err?: Error) => {
    if (err) {
      console.error(`cannot listen on ${config.host}:${config.port}: ${err.message}`);
      process.exit(1);
    }
    if (cluster.isWorker) return; // the primary reports when every worker listens
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
}
