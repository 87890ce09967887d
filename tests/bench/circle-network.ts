/**
 * The walking graphs kept per jurisdiction (issue 4): each street's graph next to the whole
 * network (edges, memory), and a road change brought in incrementally (the store's splice of the
 * changed edge) next to rebuilding that street's graph from the database, in the same run.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/types.ts';
import { forgetGraphs, graphForArea, heldGraphs, walkGraph } from '../../server/circle/circle.network.ts';
import { spliceWalkGraph } from '../../server/circle/walk-graph-splice.ts';
import { buildWalkGraph, graphBytes, type WalkGraph } from '../../server/circle/walk-graph.ts';
import { roadEdges } from '../../server/circle/circle.repository.ts';
import { median } from './util.ts';

const BOUND_M = 1500; // coverage at 10 min, 4.5 km/h: searches to twice 750 m

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

export async function benchJurisdictions(db: Kysely<DB>) {
  forgetGraphs(db);
  const whole = await walkGraph(db);
  const streets = (await sql<{ id: number; name: string }>`select id, name from areas where level = 'street' order by households desc`.execute(db)).rows;
  const per: { name: string; edges: number; mb: number }[] = [];
  for (const s of streets) {
    const g = (await graphForArea(db, s.id, BOUND_M)).graph;
    per.push({ name: s.name, edges: g.edgeCount, mb: graphBytes(g) / 1e6 });
  }
  const edgesShare = per.map((p) => p.edges / whole.edgeCount);

  // A road change in the busiest street: one edge inside its box, its length up and down by 1 m.
  const street = streets[0].id;
  const extent = heldGraphs(db).find((h) => h.street === street)!.extent!;
  const [cx, cy] = [(extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2];
  const [edge] = (await sql<{ id: number }>`select id from road_edges where walkable order by geom <-> ST_SetSRID(ST_MakePoint(${cx}, ${cy}), 4326) limit 1`.execute(db)).rows;
  const rebuild: number[] = [];
  const incremental: number[] = [];
  const unchanged: number[] = [];
  for (let i = 0; i < 9; i++) {
    forgetGraphs(db);
    const [tb] = await timed(() => graphForArea(db, street, BOUND_M));
    rebuild.push(tb);
    unchanged.push((await timed(() => graphForArea(db, street, BOUND_M)))[0]);
    await sql`update road_edges set length_m = length_m + ${i % 2 ? -1 : 1} where id = ${edge.id}`.execute(db);
    const [ti] = await timed(() => graphForArea(db, street, BOUND_M));
    incremental.push(ti);
  }
  if (rebuild.length % 2 === 1) await sql`update road_edges set length_m = length_m - 1 where id = ${edge.id}`.execute(db);

  // The pure parts, without the database: splice one changed edge into the whole graph vs build it.
  const inputs = await roadEdges(db);
  const changed = { ...inputs.find((e) => e.id === edge.id)!, lengthM: 1 + inputs.find((e) => e.id === edge.id)!.lengthM };
  const pureBuild: number[] = [];
  const pureSplice: number[] = [];
  let g: WalkGraph = buildWalkGraph(inputs);
  for (let i = 0; i < 9; i++) {
    let t = performance.now();
    g = buildWalkGraph(inputs, { origin: whole.origin });
    pureBuild.push(performance.now() - t);
    t = performance.now();
    spliceWalkGraph(g, [edge.id], [changed]);
    pureSplice.push(performance.now() - t);
  }
  return {
    wholeEdges: whole.edgeCount,
    wholeMb: graphBytes(whole) / 1e6,
    streets: per,
    edgesShareMedian: median(edgesShare),
    edgesShareMax: Math.max(...edgesShare),
    rebuildMs: median(rebuild),
    incrementalMs: median(incremental),
    unchangedMs: median(unchanged),
    pureBuildMs: median(pureBuild),
    pureSpliceMs: median(pureSplice),
  };
}
