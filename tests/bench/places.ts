/**
 * The finder under load (issue 6): `GET /api/places/nearest` requests/s and p50/p99 latency with
 * autocannon on loopback against the real server (server/main.ts in a child process) on the
 * embedded default and on real PostGIS, next to a bare PostGIS KNN query loop through `pg` with
 * the same number of connections, running the finder's own first-cut SQL (and a bare PGlite
 * loop for reference), in the same run, alternating rounds; medians. The API searches the places
 * it holds in memory (server/places/places.cache.ts, re-checked every second); the same server
 * with FINDER_PLACES_MAX_AGE_MS=0, which runs that SQL for every request, is measured beside it. Goal: API throughput ≥ half
 * of the bare query's. Env: BENCH_PLACES_S seconds per round (default 5), BENCH_PLACES_ROUNDS
 * (default 3), BENCH_PLACES_CONNECTIONS (default 10, also the pg pool size of the baseline).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildWalkGraph, roadEdgesFromFeatures, snapPoint } from '../../server/circle/index.ts';
import { createDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { cutsFor, MAX_WALK_M } from '../../server/places/finder.service.ts';
import { knnSql } from '../../server/places/places.repository.ts';
import { seedFromDir } from '../../server/seed/seed.service.ts';
import { SAMPLE_DIR } from '../support/datasets.ts';
import { ensureSnapshot, openSnapshot } from '../support/snapshot.ts';
import { forkReady, percentile, root } from './util.ts';

export interface LoadResult {
  name: string;
  connections: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Seeded points of the sample that lie within 500 m of a walkable way (not in the river). */
export function samplePoints(n: number): [number, number][] {
  const roads = JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'roads.geojson'), 'utf8'));
  const [w, s, e, nn] = JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, 'meta.json'), 'utf8')).bbox;
  const g = buildWalkGraph(roadEdgesFromFeatures(roads.features));
  let a = 6;
  const rand = () => ((a = (a * 16807) % 2147483647) - 1) / 2147483646;
  const out: [number, number][] = [];
  while (out.length < n) {
    const p: [number, number] = [+(w + rand() * (e - w)).toFixed(6), +(s + rand() * (nn - s)).toFixed(6)];
    const snap = snapPoint(g, p);
    if (snap && snap.connectorM < 150) out.push(p);
  }
  return out;
}

/** The real server (server/main.ts) in a child process; stopped by `stop()`. */
async function startServer(env: Record<string, string>) {
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = await forkReady(path.join(root, 'server/main.ts'), { PORT: String(port), HOST: '127.0.0.1', LOG_REQUESTS: '0', ...env });
  return { base: `http://127.0.0.1:${port}`, stop: async () => { await new Promise((r) => setTimeout(r, 500)); await child.stop(); } };
}

async function load(name: string, base: string, paths: string[], connections: number, seconds: number): Promise<LoadResult> {
  for (const p of paths) {
    const r = await fetch(base + p);
    if (r.status !== 200) throw new Error(`${p}: ${r.status} ${await r.text()}`);
  }
  const res = await autocannon({ url: base, connections, duration: seconds, requests: paths.map((p) => ({ method: 'GET' as const, path: p })) });
  return { name, connections, rps: res.requests.average, p50Ms: res.latency.p50, p99Ms: res.latency.p99, errors: res.errors + res.non2xx + res.timeouts };
}

/** `connections` loops, each running the finder's KNN SQL for the next point, for `seconds`. */
async function loop(name: string, connections: number, seconds: number, run: (i: number) => Promise<unknown>): Promise<LoadResult> {
  for (let i = 0; i < 50; i++) await run(i); // warm-up
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  let errors = 0;
  await Promise.all(Array.from({ length: connections }, async (_, c) => {
    for (let i = c; performance.now() < end; i += connections) {
      const t = performance.now();
      try { await run(i); } catch { errors++; }
      lat.push(performance.now() - t);
    }
  }));
  return { name, connections, rps: lat.length / seconds, p50Ms: percentile(lat, 50), p99Ms: percentile(lat, 99), errors };
}

const knn = (p: [number, number]) => ({ lon: p[0], lat: p[1], radiusM: MAX_WALK_M, limit: cutsFor(5)[0] });

/** Median of each figure over rounds (the machine is shared: rounds alternate API and baseline). */
function median(name: string, rs: LoadResult[]): LoadResult {
  const m = (f: (r: LoadResult) => number) => [...rs].map(f).sort((a, b) => a - b)[Math.floor((rs.length - 1) / 2)];
  return { name, connections: rs[0].connections, rps: m((r) => r.rps), p50Ms: m((r) => r.p50Ms), p99Ms: m((r) => r.p99Ms), errors: rs.reduce((n, r) => n + r.errors, 0) };
}

/**
 * Rounds of API and baseline, alternating; medians. Also the same server's throughput on a static
 * JSON route (`/api/places/vocabulary`): the HTTP + Express + security-middleware floor.
 */
export async function benchPlaces(pgUrl: string | null): Promise<LoadResult[]> {
  const seconds = Number(process.env.BENCH_PLACES_S ?? 5);
  const rounds = Number(process.env.BENCH_PLACES_ROUNDS ?? 3);
  const connections = Number(process.env.BENCH_PLACES_CONNECTIONS ?? 10);
  const points = samplePoints(64);
  const paths = points.map(([x, y]) => `/api/places/nearest?lon=${x}&lat=${y}`);
  const out: LoadResult[] = [];
  const measure = async (names: [string, string], api: () => Promise<LoadResult>, bare: () => Promise<LoadResult>) => {
    const a: LoadResult[] = [];
    const b: LoadResult[] = [];
    for (let r = 0; r < rounds; r++) { a.push(await api()); b.push(await bare()); }
    out.push(median(names[0], a), median(names[1], b));
  };

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-places-bench-'));
  const lite = await startServer({ DB_DIR: tmp, DATABASE_URL: '', DEMO_ACCOUNTS: '0' });
  const snapshot = await openSnapshot(await ensureSnapshot(SAMPLE_DIR));
  try {
    const q = points.map((p) => knnSql(knn(p)).compile(snapshot.db));
    await measure(['API nearest · embedded PGlite', 'bare KNN · PGlite in-process (one session)'],
      () => load('api', lite.base, paths, connections, seconds),
      () => loop('bare', 1, seconds, (i) => snapshot.pglite!.query(q[i % q.length].sql, q[i % q.length].parameters as unknown[])));
    out.push(await load('static JSON route · embedded (HTTP floor)', lite.base, ['/api/places/vocabulary'], connections, seconds));
  } finally {
    await lite.stop();
    await snapshot.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!pgUrl) return out;
  const database = await createDatabase({ databaseUrl: pgUrl, dbDir: null });
  await migrateToLatest(database.db);
  await seedFromDir(database.db, SAMPLE_DIR);
  const q = points.map((p) => knnSql(knn(p)).compile(database.db));
  await database.close();
  const server = await startServer({ DATABASE_URL: pgUrl });
  // The same server with the KNN SQL run on the database for every request (no places held).
  const perRequest = await startServer({ DATABASE_URL: pgUrl, FINDER_PLACES_MAX_AGE_MS: '0' });
  const pool = new pg.Pool({ connectionString: pgUrl, max: connections });
  try {
    await measure(['API nearest · PostGIS', `bare KNN · PostGIS through pg (${connections} connections)`],
      () => load('api', server.base, paths, connections, seconds),
      () => loop('bare', connections, seconds, (i) => pool.query(q[i % q.length].sql, q[i % q.length].parameters as unknown[])));
    const sqlRounds: LoadResult[] = [];
    for (let r = 0; r < rounds; r++) sqlRounds.push(await load('api', perRequest.base, paths, connections, seconds));
    out.push(median('API nearest · PostGIS, KNN SQL per request (FINDER_PLACES_MAX_AGE_MS=0)', sqlRounds));
    out.push(await load('static JSON route · PostGIS server (HTTP floor)', server.base, ['/api/places/vocabulary'], connections, seconds));
  } finally {
    await server.stop();
    await perRequest.stop();
    await pool.end();
  }
  return out;
}

/** The `npm run bench` section: the table and the ratios against the bare PostGIS loop. */
export async function placesSection(pgUrl: string | null) {
  console.log('\n## Finder: GET /api/places/nearest under load (autocannon, loopback) next to the bare KNN (issue 6)');
  if (!pgUrl) console.log('(no BENCH_DATABASE_URL/TEST_DATABASE_URL: PostGIS API and bare pg loop not measured)');
  const rows = await benchPlaces(pgUrl);
  console.log('| target | connections | req/s | p50 | p99 | errors |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.connections} | ${r.rps.toFixed(0)} | ${r.p50Ms.toFixed(1)} ms | ${r.p99Ms.toFixed(1)} ms | ${r.errors} |`);
  const by = (prefix: string) => rows.find((r) => r.name.startsWith(prefix));
  const bare = by('bare KNN · PostGIS');
  const ratio = (a?: LoadResult, b?: LoadResult) => (a && b ? a.rps / b.rps : NaN);
  if (bare) {
    console.log(`API on PostGIS ÷ bare KNN through pg: ${ratio(by('API nearest · PostGIS'), bare).toFixed(2)} (goal ≥ 0.5)`);
    console.log(`API on PostGIS with the KNN SQL per request ÷ bare KNN through pg: ${ratio(by('API nearest · PostGIS, KNN SQL'), bare).toFixed(2)}`);
    console.log(`API on embedded PGlite ÷ bare KNN through pg: ${ratio(by('API nearest · embedded'), bare).toFixed(2)}`);
  }
  console.log(`API on embedded PGlite ÷ bare KNN on PGlite: ${ratio(by('API nearest · embedded'), by('bare KNN · PGlite')).toFixed(2)}`);
  return rows;
}
