/**
 * Hierarchy queries and map data through the API, next to the raw SQL they wrap, on one backend
 * and one dataset. Ratio = API median ÷ raw SQL median (HTTP + JSON + validation overhead).
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { timeIt } from './util.ts';

export interface QueryResult {
  name: string;
  apiMs: number;
  rawMs: number;
  ratio: number;
  features: number;
}

async function raw(database: Database, text: string): Promise<number> {
  if (database.pglite) return (await database.pglite.query(text)).rows.length;
  const { sql } = await import('kysely');
  return (await sql.raw(text).execute(database.db)).rows.length;
}

export async function benchQueries(database: Database, runs = 15): Promise<QueryResult[]> {
  const config = loadConfig({}, { dbDir: null, autoSeed: false, webDir: '/nonexistent' });
  const app = createApp({ config, db: database.db, backend: database.backend });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (p: string) => {
    const r = await fetch(base + p);
    if (r.status !== 200) throw new Error(`${p}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const meta = await get('/api/meta');
  const [w, s, e, n] = meta.bbox as number[];
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  // A ~1.5 km window in the middle: what a planner sees at zoom 15.
  const win = [cx - 0.008, cy - 0.007, cx + 0.008, cy + 0.007];
  const winStr = win.join(',');
  const env = `ST_MakeEnvelope(${win.join(',')}, 4326)`;
  const community = (await get('/api/areas?level=community')).features[0].properties;
  const tol = 360 / (256 * 2 ** 13) / 2;

  const cases: { name: string; api: string; sql: string }[] = [
    {
      name: 'streets (zoom 13, whole extent)',
      api: `/api/areas?level=street&zoom=13`,
      sql: `select id, code, name, level, parent_id, households, population, units, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ${tol}), 7)::json geometry from areas where level = 'street' order by code`,
    },
    {
      name: 'grids in a 1.5 km window (zoom 15)',
      api: `/api/areas?level=grid&bbox=${winStr}&zoom=15`,
      sql: `select id, code, name, level, parent_id, households, population, units, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ${360 / (256 * 2 ** 15) / 2}), 7)::json geometry from areas where level = 'grid' and geom && ${env} order by code`,
    },
    {
      name: 'units in a 1.5 km window (zoom 17)',
      api: `/api/areas?level=unit&bbox=${winStr}&zoom=17`,
      sql: `select id, code, name, level, parent_id, households, population, units, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ${360 / (256 * 2 ** 17) / 2}), 7)::json geometry from areas where level = 'unit' and geom && ${env} order by code`,
    },
    {
      name: 'buildings in a 1.5 km window',
      api: `/api/map/buildings?bbox=${winStr}&zoom=16`,
      sql: `select id, name, use, floors, households, height_m, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, ${360 / (256 * 2 ** 16) / 2}), 7)::json geometry from buildings where geom && ${env} order by id`,
    },
    {
      name: 'one community: detail panel',
      api: `/api/areas/${community.id}`,
      sql: `select id, code, name, level, parent_id, households, population, units, array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] bbox, ST_AsGeoJSON(ST_PointOnSurface(geom), 7)::json center from areas where id = ${community.id};
            with recursive up(id, parent_id, depth) as (select id, parent_id, 0 from areas where id = ${community.id} union all select p.id, p.parent_id, depth + 1 from areas p join up on p.id = up.parent_id) select * from up;
            select id, code, name, level, parent_id, households, population, units from areas where parent_id = ${community.id} order by code;
            select role, name, phone from responsible_people where area_id = ${community.id}`,
    },
    {
      name: 'search by code prefix',
      api: `/api/search?q=${community.code}`,
      sql: `select * from (
        select 'area' as type, id, name, code, level, null as kind, null as address, ST_AsGeoJSON(ST_PointOnSurface(geom), 7)::json as center,
          array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] as bbox,
          case when name = '${community.code}' or code = '${community.code}' then 0 when name like '${community.code}%' or code like '${community.code}%' then 1 else 2 end
            + case level when 'street' then 0 when 'community' then 0.1 when 'grid' then 0.2 else 0.3 end as rank
        from areas where name like '%${community.code}%' or code like '${community.code}%'
        union all
        select 'building', id, coalesce(name, address), null, null, use, address, ST_AsGeoJSON(ST_PointOnSurface(geom), 7)::json,
          array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)], 2.5
        from buildings where name like '%${community.code}%' or address like '%${community.code}%'
        union all
        select 'place', id, name, null, null, kind, null, ST_AsGeoJSON(geom, 7)::json, null, 2.4 from places where name like '%${community.code}%'
      ) s order by rank, name, id limit 20`,
    },
  ];
  const out: QueryResult[] = [];
  try {
    for (const c of cases) {
      let features = 0;
      const apiMs = await timeIt(runs, async () => {
        const body = await get(c.api);
        features = body.features?.length ?? body.children?.length ?? body.results?.length ?? 0;
      });
      const statements = c.sql.split(/;\s*\n/);
      const rawMs = await timeIt(runs, async () => {
        for (const st of statements) await raw(database, st);
      });
      out.push({ name: c.name, apiMs, rawMs, ratio: apiMs / rawMs, features });
    }
  } finally {
    await new Promise((r) => server.close(r));
  }
  return out;
}
