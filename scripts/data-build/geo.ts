/**
 * Small geometry helpers. Metric work uses a local equirectangular projection: it is affine, so
 * straight edges stay straight and Voronoi cells computed in metres map back exactly.
 */
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type { LonLat } from './types.ts';

const EARTH_R_M = 6371008.8;
const DEG = Math.PI / 180;

export interface Projection {
  toXY(p: Position): [number, number];
  toLonLat(p: Position): LonLat;
}

/** Local projection around (lon0, lat0); x east, y north, metres. Error < 0.1% within 5 km. */
export function localProjection(lon0: number, lat0: number): Projection {
  const ky = EARTH_R_M * DEG;
  const kx = ky * Math.cos(lat0 * DEG);
  return {
    toXY: (p) => [(p[0] - lon0) * kx, (p[1] - lat0) * ky],
    toLonLat: (p) => [p[0] / kx + lon0, p[1] / ky + lat0],
  };
}

/** Round to 7 decimals (about 1 cm), the precision of every file in the dataset. */
export function round7(n: number): number {
  return Math.round(n * 1e7) / 1e7;
}

/** Round a ring or line and drop repeated points created by rounding. */
export function roundLine(line: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const q = [round7(p[0]), round7(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/** Round a geometry's coordinates to 7 decimals; rings that collapse are dropped. */
export function roundGeometry<G extends Geometry>(g: G): G {
  const ring = (r: Position[]) => roundLine(r);
  const poly = (rings: Position[][]) => rings.map(ring).filter((r) => r.length >= 4);
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: [round7(g.coordinates[0]), round7(g.coordinates[1])] } as G;
    case 'LineString':
      return { type: 'LineString', coordinates: roundLine(g.coordinates) } as G;
    case 'Polygon':
      return { type: 'Polygon', coordinates: poly(g.coordinates) } as G;
    case 'MultiPolygon': {
      const polys = g.coordinates.map(poly).filter((p) => p.length > 0 && p[0].length >= 4);
      return (polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys }) as G;
    }
    default:
      throw new Error(`roundGeometry: unsupported ${g.type}`);
  }
}

/** Euclidean distance between two projected points, metres. */
export function dist(a: Position, b: Position): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** [w, s, e, n] of any geometry. */
export function bboxOf(g: Geometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: any): void => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]);
      b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]);
      b[3] = Math.max(b[3], c[1]);
    } else for (const x of c) walk(x);
  };
  if (g.type === 'GeometryCollection') g.geometries.forEach((x) => walk((x as any).coordinates));
  else walk((g as any).coordinates);
  return b;
}

export function bboxesOverlap(a: number[], b: number[]): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** Area centroid (projected metres) of a polygon or multipolygon given in lon/lat; holes subtract. */
export function centroidXY(g: Polygon | MultiPolygon, proj: Projection): [number, number] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let sw = 0, sx = 0, sy = 0;
  for (const rings of polys) {
    rings.forEach((ring, k) => {
      const r = ring.map((c) => proj.toXY(c));
      let a = 0, cx = 0, cy = 0;
      for (let i = 0; i < r.length - 1; i++) {
        const cross = r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
        a += cross;
        cx += (r[i][0] + r[i + 1][0]) * cross;
        cy += (r[i][1] + r[i + 1][1]) * cross;
      }
      if (a === 0) return;
      const w = (k === 0 ? 1 : -1) * Math.abs(a / 2);
      sw += w; sx += w * (cx / (3 * a)); sy += w * (cy / (3 * a));
    });
  }
  return sw === 0 ? proj.toXY(polys[0][0][0]) : [sx / sw, sy / sw];
}
