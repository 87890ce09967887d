/**
 * roads.geojson: every `road` piece with a `highway` tag (rail, subway and ferries are skipped),
 * noded by noding.ts, with walkability and geodesic length per edge.
 */
import { length, lineString } from '@turf/turf';
import type { Feature, LineString, Position } from 'geojson';
import type { Projection } from './geo.ts';
import { lineParts } from './merge-pieces.ts';
import { nodeNetwork, type PieceIn } from './noding.ts';
import { SNAP_M } from './rules.ts';
import type { OsmFeature } from './types.ts';

const WALKABLE = new Set([
  'footway', 'path', 'steps', 'pedestrian', 'living_street', 'residential', 'service', 'unclassified',
  'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link', 'cycleway', 'pier', 'track',
  'corridor', 'bridleway',
]);
/** Highways a pedestrian may use inside a tunnel (underpasses); road tunnels have no footway here. */
const WALKABLE_IN_TUNNEL = new Set(['footway', 'path', 'steps', 'pedestrian', 'cycleway', 'corridor']);

/**
 * Walkable: footways, paths, steps, pedestrian and living streets, residential, service and
 * unclassified roads, tertiary–primary (and links: they have pavements in Shanghai), cycleways
 * (shared), piers and tracks. Trunk and motorway roads are not (no pavements), nor are road tunnels
 * (延安东路隧道, 外滩隧道 … carry cars only).
 */
export function isWalkable(highway: string, tunnel: boolean): boolean {
  return tunnel ? WALKABLE_IN_TUNNEL.has(highway) : WALKABLE.has(highway);
}

/**
 * For each piece, whether its way continues past its first / last point in another piece of the
 * same way (an end of that piece lies within snapM): Tilezen cuts ways at tile edges and splits
 * them inside tiles too, so such ends are not real ends of the road.
 */
export function continuations(ways: (number | null)[], ends: [Position, Position][], snapM: number): [boolean, boolean][] {
  const byWay = new Map<number, number[]>();
  ways.forEach((w, i) => w !== null && byWay.set(w, [...(byWay.get(w) ?? []), i]));
  return ends.map((pair, i) => pair.map((p) => {
    const w = ways[i];
    if (w === null) return false;
    return byWay.get(w)!.some((j) => j !== i && ends[j].some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) <= snapM));
  }) as [boolean, boolean]);
}

interface PieceMeta {
  osmId: number | null;
  highway: string;
  name: string | null;
  bridge: boolean;
  tunnel: boolean;
}

export interface RoadNetwork {
  features: Feature<LineString>[];
  nodeCount: number;
}

export function buildRoads(osm: OsmFeature[], proj: Projection): RoadNetwork {
  const metas: PieceMeta[] = [];
  const pieces: PieceIn[] = [];
  for (const f of osm) {
    const p = f.properties;
    if (p.layer !== 'road' || !p.highway) continue;
    for (const line of lineParts(f)) {
      if (line.length < 2) continue;
      const meta = { osmId: p.osm_id ?? null, highway: p.highway, name: p['name:zh'] ?? p.name ?? null, bridge: !!p.is_bridge, tunnel: !!p.is_tunnel };
      metas.push(meta);
      const xy = line.map((c) => proj.toXY(c));
      pieces.push({ xy, bridge: meta.bridge, tunnel: meta.tunnel, way: meta.osmId, continues: [false, false] });
    }
  }
  const cont = continuations(pieces.map((p) => p.way), pieces.map((p) => [p.xy[0], p.xy[p.xy.length - 1]]), SNAP_M);
  pieces.forEach((p, i) => (p.continues = cont[i]));
  const { edges } = nodeNetwork(pieces, SNAP_M);
  // Node ids renumbered 1… in order of first use, edge ids 1… in piece order.
  const ids = new Map<number, number>();
  const idOf = (n: number) => ids.get(n) ?? (ids.set(n, ids.size + 1), ids.size);
  const features = edges.map((e, i): Feature<LineString> => {
    const m = metas[e.piece];
    const coords = e.xy.map((p) => proj.toLonLat(p));
    return {
      type: 'Feature',
      properties: {
        id: i + 1, osmId: m.osmId, highway: m.highway, name: m.name, walkable: isWalkable(m.highway, m.tunnel),
        bridge: m.bridge, tunnel: m.tunnel, lengthM: Math.round(length(lineString(coords), { units: 'meters' }) * 10) / 10,
        source: idOf(e.source), target: idOf(e.target),
      },
      geometry: { type: 'LineString', coordinates: coords },
    };
  });
  return { features, nodeCount: ids.size };
}
