/**
 * From dataset GeoJSON (docs/DATA-FORMAT.md) to the circle's inputs: road features → edges,
 * building features (+ entrances) → buildings. Household and population counts come from the
 * caller (households.csv or the database), keyed by building ref.
 */
import type { Geometry, Position } from '../geo/geojson.ts';
import type { BuildingInput } from './coverage.ts';
import type { TimeWindow } from './time-windows.ts';
import type { RoadEdgeInput } from './walk-graph.ts';

export interface FeatureLike<P = Record<string, unknown>> {
  type: 'Feature';
  geometry: Geometry | null;
  properties: P;
}

/** Road edge features (LineString) → edge inputs; `closedWindows` is read when present. */
export function roadEdgesFromFeatures(features: readonly FeatureLike[]): RoadEdgeInput[] {
  return features.map((f) => {
    const p = f.properties;
    if (f.geometry?.type !== 'LineString') throw new Error(`road edge ${String(p.id)} is not a LineString`);
    return {
      id: Number(p.id), source: Number(p.source), target: Number(p.target), lengthM: Number(p.lengthM),
      highway: String(p.highway), walkable: p.walkable === true, bridge: p.bridge === true, tunnel: p.tunnel === true,
      coordinates: f.geometry.coordinates, closedWindows: (p.closedWindows as TimeWindow[] | undefined) ?? null,
    };
  });
}

/** Area-weighted centroid of a ring in degrees (fine at building scale); vertex mean if degenerate. */
function ringCentroid(ring: readonly Position[]): { c: Position; area: number } {
  let a = 0, cx = 0, cy = 0;
  const [ox, oy] = ring[0];
  for (let i = 0; i + 1 < ring.length; i++) {
    const x0 = ring[i][0] - ox, y0 = ring[i][1] - oy, x1 = ring[i + 1][0] - ox, y1 = ring[i + 1][1] - oy;
    const cross = x0 * y1 - x1 * y0;
    a += cross; cx += (x0 + x1) * cross; cy += (y0 + y1) * cross;
  }
  if (Math.abs(a) < 1e-18) {
    const n = ring.length;
    return { c: [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n], area: 0 };
  }
  return { c: [ox + cx / (3 * a), oy + cy / (3 * a)], area: Math.abs(a) / 2 };
}

/** Representative point of a building: its point, or the centroid of its (largest) outer ring. */
export function buildingPoint(g: Geometry): Position {
  switch (g.type) {
    case 'Point': return g.coordinates;
    case 'Polygon': return ringCentroid(g.coordinates[0]).c;
    case 'MultiPolygon': {
      const parts = g.coordinates.map((poly) => ringCentroid(poly[0]));
      return parts.reduce((best, x) => (x.area > best.area ? x : best)).c;
    }
    default: throw new Error(`building geometry ${g.type} is not a Point or (Multi)Polygon`);
  }
}

/**
 * Building features + entrance features → buildings. `counts(ref)` gives households and population
 * (default: the feature's `households`, and `population` or 0).
 */
export function buildingsFromFeatures(
  buildings: readonly FeatureLike[], entrances: readonly FeatureLike[] = [],
  counts?: (ref: string) => { households: number; population: number },
): BuildingInput[] {
  const byRef = new Map<string, Position[]>();
  for (const e of entrances) {
    const ref = e.properties.buildingRef;
    if (typeof ref === 'string' && e.geometry?.type === 'Point') byRef.set(ref, [...(byRef.get(ref) ?? []), e.geometry.coordinates]);
  }
  return buildings.map((f) => {
    const ref = String(f.properties.ref);
    if (!f.geometry) throw new Error(`building ${ref} has no geometry`);
    const c = counts?.(ref) ?? { households: Number(f.properties.households ?? 0), population: Number(f.properties.population ?? 0) };
    return { ref, point: buildingPoint(f.geometry), entrances: byRef.get(ref) ?? null, ...c };
  });
}
