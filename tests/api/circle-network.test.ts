/**
 * The walking graphs kept per jurisdiction (server/circle/circle.network.ts): a street's requests
 * use that street's graph; a road change splices only the graphs whose box it meets, and what a
 * splice gives equals a fresh build; a broken log history rebuilds.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetGraphs, graphForArea, heldGraphs, networkStats, walkGraph } from '../../server/circle/circle.network.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';

let api: ApiContext;
let street: { id: number; name: string };
const db = () => api.database.db;

beforeAll(async () => {
  api = await startApi();
  street = (await api.get('/api/areas?level=street')).body.features.map((f: any) => f.properties).find((s: any) => s.name === '豫园街道');
});
afterAll(async () => {
  await api?.close();
});

const coverage = async (qs: string) => {
  const r = await api.get(`/api/circle/coverage?${qs}`);
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  return r.body as { buildings: { buildingId: number | null; unitId: number; distM: number | null; covered: boolean; station: number | null }[] };
};

/** Same buildings, distances within 0.1 m (another local frame rounds differently), same coverage and stations. */
function expectSameCoverage(a: Awaited<ReturnType<typeof coverage>>, b: Awaited<ReturnType<typeof coverage>>) {
  expect(a.buildings.length).toBe(b.buildings.length);
  a.buildings.forEach((x, i) => {
    const y = b.buildings[i];
    expect([x.buildingId, x.unitId, x.covered, x.station]).toEqual([y.buildingId, y.unitId, y.covered, y.station]);
    if (x.distM === null || y.distM === null) expect(x.distM).toBe(y.distM);
    else expect(Math.abs(x.distM - y.distM)).toBeLessThanOrEqual(0.1);
  });
}

interface EdgeCopy { id: number; osm_id: string | null; highway: string; name: string | null; walkable: boolean; bridge: boolean; tunnel: boolean; length_m: number; source: number; target: number; ewkt: string }

describe(`walking graphs per jurisdiction (${backendName()})`, () => {
  it("a street's requests use its own graph: its box grown by 2 km, smaller than the whole network", async () => {
    expect(street).toBeDefined();
    forgetGraphs(db());
    await coverage(`area=${street.id}`);
    expect(heldGraphs(db()).map((h) => h.key)).toEqual([`street:${street.id}:2000`]);
    const [grid] = (await sql<{ id: number }>`select g.id from areas g join areas c on c.id = g.parent_id where g.level = 'grid' and c.parent_id = ${street.id} limit 1`.execute(db())).rows;
    const builds = networkStats.builds;
    await coverage(`area=${grid.id}`);
    expect(networkStats.builds).toBe(builds); // a grid of the street: the same graph
    const part = (await graphForArea(db(), street.id, 1500)).graph;
    expect(part.edgeCount).toBeLessThan((await walkGraph(db())).edgeCount);
  });

  it('a road change splices the graphs it meets (no rebuild), equal to a fresh build; putting the road back restores coverage', async () => {
    const before = await coverage(`area=${street.id}`);
    // The ways within 80 m of the station serving the most buildings (not gated ones).
    const counts = new Map<number, number>();
    for (const b of before.buildings) if (b.station !== null && b.covered) counts.set(b.station, (counts.get(b.station) ?? 0) + 1);
    const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const saved = (await sql<EdgeCopy>`
      select e.id, e.osm_id::text, e.highway, e.name, e.walkable, e.bridge, e.tunnel, e.length_m, e.source, e.target, ST_AsEWKT(e.geom) as ewkt
      from road_edges e, places p where p.id = ${busiest} and e.walkable and ST_DWithin(e.geom::geography, p.geom::geography, 80)
        and not exists (select 1 from gates g where g.road_edge_id = e.id) order by e.id`.execute(db())).rows;
    expect(saved.length).toBeGreaterThan(0);
    const ids = saved.map((e) => e.id);
    const builds = networkStats.builds;
    const splices = networkStats.splices;
    await sql`delete from road_edges where id = any(${ids}::int[])`.execute(db());
    const cut = await coverage(`area=${street.id}`);
    expect(networkStats.builds).toBe(builds);
    expect(networkStats.splices).toBeGreaterThan(splices);
    // The walks change (not always longer: a door whose nearest way is gone snaps to the next one).
    expect(cut.buildings.filter((c, i) => c.distM !== before.buildings[i].distM).length).toBeGreaterThan(0);
    forgetGraphs(db());
    const fresh = await coverage(`area=${street.id}`);
    expect(networkStats.builds).toBe(builds + 1);
    expectSameCoverage(cut, fresh);

    for (const e of saved) {
      await sql`insert into road_edges (id, osm_id, highway, name, walkable, bridge, tunnel, length_m, source, target, geom)
        values (${e.id}, ${e.osm_id}::bigint, ${e.highway}, ${e.name}, ${e.walkable}, ${e.bridge}, ${e.tunnel}, ${e.length_m}, ${e.source}, ${e.target}, ST_GeomFromEWKT(${e.ewkt}))`.execute(db());
    }
    const back = await coverage(`area=${street.id}`);
    expect(networkStats.builds).toBe(builds + 1);
    expectSameCoverage(back, before);
  });

  it("a change far outside a street's grown box leaves its graph as it was; the whole network's is spliced", async () => {
    const mine = (await graphForArea(db(), street.id, 1500)).graph;
    const whole = await walkGraph(db());
    const extent = heldGraphs(db()).find((h) => h.key === `street:${street.id}:2000`)!.extent!;
    const [far] = (await sql<{ id: number; length_m: number }>`select id, length_m from road_edges where walkable and ST_XMin(geom) > ${extent[2]} order by id limit 1`.execute(db())).rows;
    expect(far).toBeDefined();
    await sql`update road_edges set length_m = length_m + 100 where id = ${far.id}`.execute(db());
    try {
      expect((await graphForArea(db(), street.id, 1500)).graph).toBe(mine);
      const spliced = await walkGraph(db());
      expect(spliced).not.toBe(whole);
      const i = spliced.edgeId.indexOf(far.id);
      expect(spliced.edgeLengthM[i]).toBeCloseTo(far.length_m + 100, 3);
    } finally {
      await sql`update road_edges set length_m = ${far.length_m} where id = ${far.id}`.execute(db());
    }
  });

  it('a road writer takes the log lock for the rest of its transaction (revisions in commit order)', async () => {
    const locks = async (db: any) => Number((await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 7310010 and granted and pid = pg_backend_pid()`.execute(db)).rows[0].n);
    await db().transaction().execute(async (trx) => {
      expect(await locks(trx)).toBe(0);
      const [e] = (await sql<{ id: number }>`select id from road_edges where walkable order by id limit 1`.execute(trx)).rows;
      await sql`update road_edges set length_m = length_m where id = ${e.id}`.execute(trx);
      expect(await locks(trx)).toBe(1);
    });
    expect(await locks(db())).toBe(0);
  });

  it('a log that does not continue the one a graph was built from (a truncate, a restored database) rebuilds', async () => {
    const old = (await graphForArea(db(), street.id, 1500)).graph;
    const resets = networkStats.resets;
    const builds = networkStats.builds;
    await sql`insert into road_edge_log (op) values ('truncate')`.execute(db());
    const g = (await graphForArea(db(), street.id, 1500)).graph;
    expect(networkStats.resets).toBe(resets + 1);
    expect(networkStats.builds).toBe(builds + 1);
    expect(g).not.toBe(old);
    expect(Array.from(g.edgeId)).toEqual(Array.from(old.edgeId));
  });
});
