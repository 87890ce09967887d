/**
 * Builders for circle tests: networks authored in local metres around a point in 莱州, converted
 * to [lon, lat]; seeded random grid cities.
 */
import { lineLengthM } from '../../../server/geo/distance.ts';
import type { Position } from '../../../server/geo/geojson.ts';
import type { BuildingInput } from '../../../server/circle/coverage.ts';
import type { RoadEdgeInput } from '../../../server/circle/walk-graph.ts';
import type { TimeWindow } from '../../../server/circle/time-windows.ts';

export const ORIGIN: Position = [120.05, 37.13];
const M_PER_DEG_Y = (6_371_008.8 * Math.PI) / 180;
const M_PER_DEG_X = M_PER_DEG_Y * Math.cos((ORIGIN[1] * Math.PI) / 180);

/** Local metres (east, north of ORIGIN) → [lon, lat] (7 decimals, as in the datasets). */
export function ll(x: number, y: number): Position {
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(ORIGIN[0] + x / M_PER_DEG_X), r(ORIGIN[1] + y / M_PER_DEG_Y)];
}

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface EdgeExtra {
  highway?: string;
  walkable?: boolean;
  lengthM?: number;
  closedWindows?: TimeWindow[];
}

/** An edge through local points (metres); lengthM is the haversine length unless given. */
export function edge(id: number, source: number, target: number, pts: [number, number][], extra: EdgeExtra = {}): RoadEdgeInput {
  const coordinates = pts.map(([x, y]) => ll(x, y));
  return {
    id, source, target, coordinates, highway: extra.highway ?? 'residential', walkable: extra.walkable ?? true,
    lengthM: extra.lengthM ?? lineLengthM(coordinates), closedWindows: extra.closedWindows ?? null,
  };
}

export interface GridCity {
  edges: RoadEdgeInput[];
  buildings: BuildingInput[];
  /** Node positions (metres) by node id. */
  nodes: Map<number, [number, number]>;
  width: number;
  height: number;
}

/**
 * A jittered grid of streets (`cols` × `rows` nodes, `spacingM` apart), some links dropped
 * (`dropShare`), some made steps or footways with a bend, and `buildings` random buildings.
 */
export function gridCity(seed: number, cols: number, rows: number, spacingM: number, buildings: number, dropShare = 0.1): GridCity {
  const rand = rng(seed);
  const nodes = new Map<number, [number, number]>();
  const id = (c: number, r: number) => r * cols + c + 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) nodes.set(id(c, r), [c * spacingM + (rand() - 0.5) * spacingM * 0.3, r * spacingM + (rand() - 0.5) * spacingM * 0.3]);
  }
  const edges: RoadEdgeInput[] = [];
  const link = (a: number, b: number) => {
    if (rand() < dropShare) return;
    const pa = nodes.get(a) as [number, number];
    const pb = nodes.get(b) as [number, number];
    const kind = rand();
    const bend: [number, number] = [(pa[0] + pb[0]) / 2 + (rand() - 0.5) * 20, (pa[1] + pb[1]) / 2 + (rand() - 0.5) * 20];
    const pts: [number, number][] = kind < 0.3 ? [pa, bend, pb] : [pa, pb];
    const highway = kind < 0.05 ? 'steps' : kind < 0.3 ? 'footway' : kind < 0.4 ? 'primary' : 'residential';
    edges.push(edge(edges.length + 1, a, b, pts, { highway }));
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols) link(id(c, r), id(c + 1, r));
      if (r + 1 < rows) link(id(c, r), id(c, r + 1));
    }
  }
  const width = (cols - 1) * spacingM;
  const height = (rows - 1) * spacingM;
  const bs: BuildingInput[] = [];
  for (let i = 0; i < buildings; i++) {
    const households = Math.floor(rand() * 40);
    bs.push({ ref: `b${i}`, point: ll(rand() * width, rand() * height), households, population: Math.round(households * 2.6) });
  }
  return { edges, buildings: bs, nodes, width, height };
}

/** A FeatureCollection as text: foreign members first, then one feature per line (diff-friendly). */
export function formatCollection(fc: { type: 'FeatureCollection'; features: readonly unknown[]; [member: string]: unknown }): string {
  const { type, features, ...members } = fc;
  const head = [`"type":${JSON.stringify(type)}`, ...Object.entries(members).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)];
  return `{${head.join(',\n')},\n"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
