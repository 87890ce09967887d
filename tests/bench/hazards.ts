/**
 * Hazard cases (issue 7) with 100,000 cases on the sample city, on one backend:
 * - report submission throughput through the API (autocannon, a logged-in reporter so the
 *   anonymous rate limits do not apply; each request = JSON parse, category fields, insert with
 *   the grid trigger, first event, audit entry, answer with the case) next to the bare INSERT of
 *   the same row (trigger included) in a loop;
 * - map-layer and list queries through the API next to the raw SQL they wrap.
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { CompiledQuery, sql } from 'kysely';
import path from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedFromDir } from '../../server/seed/seed.service.ts';
import { createUser } from '../../server/users/users.service.ts';
import { ANONYMOUS } from '../../server/auth/principal.ts';
import { fmt, root, timeIt } from './util.ts';

export interface HazardBench {
  /** Cases in the table while the queries ran (sample + loaded). */
  cases: number;
  loadMs: number;
  submit: { apiPerS: number; apiP50Ms: number; apiP99Ms: number; errors: number; rawPerS: number };
  queries: { name: string; features: number; apiMs: number; rawMs: number; ratio: number }[];
}

const CATS = ['ebike_charging', 'fire_lane_blocked', 'thrown_objects', 'road_damage', 'broken_facility', 'dark_stairwell', 'illegal_construction', 'disorderly_parking', 'other'];

/** n cases spread over every unit of the dataset (a point on it ± 20 m), states and dates mixed. */
async function loadCases(database: Database, n: number): Promise<number> {
  const t = performance.now();
  const chunk = 20_000;
  for (let done = 0; done < n; done += chunk) {
    await sql`
      with u as (select (row_number() over (order by id)) - 1 as i, ST_PointOnSurface(geom) c from areas where level = 'unit'),
      k as (select count(*) as k from u)
      insert into hazards (category, description, status, reported_at, geom, source)
      select (${sql.raw(`array[${CATS.map((c) => `'${c}'`).join(',')}]`)})[1 + g % ${CATS.length}::int], '压测案件 ' || g,
        (array['submitted','verified','in_progress','escalated','resolved','closed','published'])[1 + (g * 7919) % 7],
        now() - ((g % 365) || ' days')::interval - ((g * 37 % 1440) || ' minutes')::interval,
        ST_SetSRID(ST_MakePoint(ST_X(u.c) + (random() - 0.5) * 0.0004, ST_Y(u.c) + (random() - 0.5) * 0.0004), 4326), 'import'
      from generate_series(${done + 1}::int, ${Math.min(n, done + chunk)}::int) g join u on u.i = g % (select k from k)`.execute(database.db);
  }
  await sql`analyze hazards, hazard_events, hazard_photos`.execute(database.db);
  return performance.now() - t;
}

async function raw(database: Database, text: string, params: unknown[] = []): Promise<number> {
  if (database.pglite) return (await database.pglite.query(text, params)).rows.length;
  return (await database.db.executeQuery(CompiledQuery.raw(text, params))).rows.length;
}

export async function benchHazards(database: Database, opts: { cases?: number; submitS?: number; runs?: number } = {}): Promise<HazardBench> {
  const n = opts.cases ?? 100_000;
  const runs = opts.runs ?? 15;
  const loadMs = await loadCases(database, n);
  const config = loadConfig({}, { dbDir: null, autoSeed: false, webDir: '/nonexistent' });
  const app = createApp({ config, db: database.db, backend: database.backend });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const password = crypto.randomBytes(12).toString('base64url');
    const username = `bench${crypto.randomBytes(3).toString('hex')}`;
    await createUser(database.db, { principal: ANONYMOUS, origin: { ip: 'bench', userAgent: null }, at: new Date() }, { username, displayName: '压测居民', password, grants: [{ role: 'rider' }] }, { check: false });
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ login: username, password }) });
    const cookie = /sid=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const meta = await (await fetch(`${base}/api/meta`)).json();
    const [w, s, e, nn] = meta.bbox as number[];
    const cx = (w + e) / 2;
    const cy = (s + nn) / 2;
    const [p] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where level = 'unit' order by ST_Distance(geom, ST_SetSRID(ST_MakePoint(${cx}, ${cy}), 4326)) limit 1`.execute(database.db)).rows;
    const body = JSON.stringify({ category: 'disorderly_parking', description: '压测：共享单车堵住单元门', location: { lon: p.x, lat: p.y }, details: { vehicle: 'shared_bike' } });

    const win = (d: number) => [cx - d, cy - d * 0.85, cx + d, cy + d * 0.85];
    const env = (b: number[]) => `ST_MakeEnvelope(${b.join(',')}, 4326)`;
    const vis = `h.hidden = false and h.status not in ('rejected','duplicate')`;
    const od = `(h.status in ('submitted','verified','in_progress','escalated') and ((h.responded_at is null and h.respond_due_at < now()) or (h.on_site_at is null and h.on_site_due_at < now()) or (h.resolved_at is null and h.resolve_due_at < now())))`;
    const layerSql = (b: number[], extra = '', limit = 5000) =>
      `select h.id, h.category, h.status, h.priority, h.reported_at, h.me_too, ST_X(h.geom) lon, ST_Y(h.geom) lat, ${od} overdue from hazards h where h.geom && ${env(b)} and ${vis} ${extra} order by h.reported_at desc, h.id desc limit ${limit + 1}`;
    const cases: { name: string; api: string; sql: string }[] = [
      { name: 'map layer, 500 m window (zoom 16)', api: `/api/hazards?bbox=${win(0.0027).join(',')}`, sql: layerSql(win(0.0027)) },
      { name: 'map layer, 1.5 km window, cap 5000', api: `/api/hazards?bbox=${win(0.008).join(',')}`, sql: layerSql(win(0.008)) },
      { name: 'map layer, open + overdue, 1.5 km', api: `/api/hazards?bbox=${win(0.008).join(',')}&overdue=true`, sql: layerSql(win(0.008), `and ${od}`) },
      { name: 'public list: published in a month', api: `/api/hazards?state=published&from=2026-10-01&to=2026-10-31`, sql: `select h.id, h.category, h.status, h.priority, h.reported_at, h.me_too, ST_X(h.geom) lon, ST_Y(h.geom) lat from hazards h where ${vis} and h.status = 'published' and h.reported_at >= '2026-10-01T00:00:00+08:00' and h.reported_at < '2026-11-01T00:00:00+08:00' order by h.reported_at desc, h.id desc limit 5001` },
      { name: 'per-grid counts, whole extent', api: `/api/hazards/counts?level=grid`, sql: `select a.id, a.code, a.name, n.total, n.open, n.overdue, ST_AsGeoJSON(ST_PointOnSurface(a.geom), 7)::json from (select h.grid_id area_id, count(*) total, count(*) filter (where h.status in ('submitted','verified','in_progress','escalated')) open, count(*) filter (where ${od}) overdue from hazards h where h.grid_id is not null and ${vis} group by h.grid_id) n join areas a on a.id = n.area_id order by a.code` },
      { name: 'nearby (50 m, same category)', api: `/api/hazards/nearby?lon=${p.x}&lat=${p.y}&category=disorderly_parking`, sql: `select id, ST_Distance(h.geom::geography, ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), 4326)::geography) d from hazards h where h.category = 'disorderly_parking' and h.status in ('submitted','verified','in_progress','escalated') and h.hidden = false and h.geom && ST_Expand(ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), 4326), 0.0006) and ST_DWithin(h.geom::geography, ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), 4326)::geography, 50) order by d limit 20` },
      { name: 'Open311 requests.json (last 90 days, ≤1000)', api: `/open311/v2/requests.json`, sql: `select h.id, h.status, h.category, c.name, h.description, h.priority, h.reported_at, h.resolve_due_at, h.escalation_level, h.agency,
          g.name, cm.name, st.name, ST_X(h.geom), ST_Y(h.geom), h.updated_at,
          (select e.note from hazard_events e where e.hazard_id = h.id and e.note is not null and e.kind in ('resolve','reject','mark_duplicate','escalate','reopen','publish') order by e.id desc limit 1),
          (select min(p.id) from hazard_photos p where p.hazard_id = h.id and p.kind = 'report')
        from hazards h join hazard_categories c on c.code = h.category left join areas g on g.id = h.grid_id left join areas cm on cm.id = h.community_id left join areas st on st.id = h.street_id
        where ${vis} and h.reported_at >= now() - interval '90 days' order by h.reported_at desc, h.id desc limit 1000` },
    ];
    const queries: HazardBench['queries'] = [];
    for (const c of cases) {
      let features = 0;
      const apiMs = await timeIt(runs, async () => {
        const r = await fetch(base + c.api);
        if (r.status !== 200) throw new Error(`${c.api}: ${r.status} ${await r.text()}`);
        const b = await r.json();
        features = Array.isArray(b) ? b.length : (b.features?.length ?? b.cases?.length ?? 0);
      });
      const rawMs = await timeIt(runs, () => raw(database, c.sql));
      queries.push({ name: c.name, features, apiMs, rawMs, ratio: apiMs / rawMs });
    }
    const total = (await sql<{ n: number }>`select count(*)::int n from hazards`.execute(database.db)).rows[0].n;
    const ac = await autocannon({ url: `${base}/api/hazards`, method: 'POST', connections: 8, duration: opts.submitS ?? 10, body, headers: { 'content-type': 'application/json', origin: base, cookie } });
    const insert = `insert into hazards (category, description, status, reported_at, geom, source, details) values ('disorderly_parking', '压测：共享单车堵住单元门', 'submitted', now(), ST_SetSRID(ST_MakePoint($1, $2), 4326), 'web', '{"vehicle":"shared_bike"}')`;
    const t = performance.now();
    let k = 0;
    while (performance.now() - t < 3000) {
      await raw(database, insert, [p.x, p.y]);
      k++;
    }
    const submit = { apiPerS: ac.requests.average, apiP50Ms: ac.latency.p50, apiP99Ms: ac.latency.p99, errors: ac.errors + ac.non2xx, rawPerS: k / ((performance.now() - t) / 1000) };
    return { cases: total, loadMs, submit, queries };
  } finally {
    await new Promise((r) => server.close(r));
  }
}

/** The `npm run bench` section: the sample city + `cases` cases on PGlite, and on PostgreSQL when a URL is given. */
export async function hazardsSection(pgUrl: string, cases: number): Promise<Record<string, unknown>[]> {
  const backends: [string, string | null][] = [['pglite', null], ...(pgUrl ? [['postgres', pgUrl] as [string, string]] : [])];
  const out: Record<string, unknown>[] = [];
  for (const [name, url] of backends) {
    const database = await createDatabase({ databaseUrl: url, dbDir: null });
    await migrateToLatest(database.db);
    await seedFromDir(database.db, path.join(root, 'data', 'sample'));
    const r = await benchHazards(database, { cases });
    console.log(`\n## hazards on ${name}: ${r.cases} cases (${cases} loaded by SQL in ${fmt(r.loadMs)}, triggers included)`);
    const sb = r.submit;
    console.log(`report submission: API ${sb.apiPerS.toFixed(0)}/s (p50 ${sb.apiP50Ms} ms, p99 ${sb.apiP99Ms} ms, ${sb.errors} errors, 8 connections) | bare INSERT ${sb.rawPerS.toFixed(0)}/s | API ÷ raw ${(sb.apiPerS / sb.rawPerS).toFixed(2)}`);
    console.log('| query | features | API | raw SQL | API ÷ raw |\n|---|---|---|---|---|');
    for (const q of r.queries) console.log(`| ${q.name} | ${q.features} | ${fmt(q.apiMs)} | ${fmt(q.rawMs)} | ${q.ratio.toFixed(2)} |`);
    out.push({ backend: name, ...r });
    await database.close();
  }
  return out;
}
