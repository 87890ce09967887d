/**
 * County (区) polygons of the study area from the real OSM county boundary lines: the lines and
 * the study bbox are polygonized into faces, and each face is named by the boundaries around it
 * (a line tagged "虹口区 - 黄浦区" has 虹口区 on one side and 黄浦区 on the other).
 */
import { featureCollection, lineString, polygonize } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import type { OsmFeature } from './types.ts';

export type Bbox = [number, number, number, number];

/** Extent of the layers Tilezen clips to tiles: the tile grid, where the data is complete. */
export function studyBbox(osm: OsmFeature[]): Bbox {
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const clipped = new Set(['road', 'water', 'landuse', 'earth', 'boundary', 'transit']);
  const walk = (c: any): void => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    } else c.forEach(walk);
  };
  for (const f of osm) if (clipped.has(f.properties.layer) && f.geometry.type !== 'Point') walk(f.geometry.coordinates);
  return b;
}

const EDGE_EPS = 1e-6; // degrees (~10 cm): a line end this close to the bbox edge lies on it

/** Position of a point on the bbox perimeter, counter-clockwise from the south-west corner. */
function perimeterT(c: Position, b: Bbox): number {
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  if (Math.abs(c[1] - b[1]) < EDGE_EPS) return c[0] - b[0];
  if (Math.abs(c[0] - b[2]) < EDGE_EPS) return w + (c[1] - b[1]);
  if (Math.abs(c[1] - b[3]) < EDGE_EPS) return w + h + (b[2] - c[0]);
  return 2 * w + h + (b[3] - c[1]);
}

function onEdge(c: Position, b: Bbox): boolean {
  return [Math.abs(c[0] - b[0]), Math.abs(c[0] - b[2]), Math.abs(c[1] - b[1]), Math.abs(c[1] - b[3])].some((d) => d < EDGE_EPS);
}

/** The bbox ring cut at every point where a boundary line meets it, as 2-point segments. */
function bboxSegments(b: Bbox, cuts: Position[]): Position[][] {
  const corners: Position[] = [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]];
  const pts = [...corners, ...cuts].map((c) => ({ c, t: perimeterT(c, b) })).sort((x, y) => x.t - y.t);
  return pts.map((p, i) => [p.c, pts[(i + 1) % pts.length].c]);
}

function segDist(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function onRing(p: Position, ring: Position[]): boolean {
  for (let i = 0; i < ring.length - 1; i++) if (segDist(p, ring[i], ring[i + 1]) < 1e-9) return true;
  return false;
}

export interface CountyFace {
  county: string;
  geometry: Polygon;
}

/**
 * Faces of the boundary lines within the bbox, each named by the county that all its adjacent
 * boundary lines share. Line ends within 1e-6° of the bbox are moved onto it.
 */
export function countyFaces(osm: OsmFeature[], b: Bbox): CountyFace[] {
  const snap = (c: Position): Position => [
    Math.abs(c[0] - b[0]) < EDGE_EPS ? b[0] : Math.abs(c[0] - b[2]) < EDGE_EPS ? b[2] : c[0],
    Math.abs(c[1] - b[1]) < EDGE_EPS ? b[1] : Math.abs(c[1] - b[3]) < EDGE_EPS ? b[3] : c[1],
  ];
  const lines = osm
    .filter((f) => f.properties.layer === 'boundary' && f.geometry.type === 'LineString')
    .map((f) => ({ names: String(f.properties.name).split(' - '), coords: (f.geometry.coordinates as Position[]).map(snap) }));
  const cuts = lines.flatMap((l) => [l.coords[0], l.coords[l.coords.length - 1]]).filter((c) => onEdge(c, b));
  const segs = [...lines.map((l) => l.coords), ...bboxSegments(b, cuts)];
  const faces = polygonize(featureCollection(segs.map((s) => lineString(s))));
  const out: CountyFace[] = [];
  for (const face of faces.features) {
    const ring = face.geometry.coordinates[0];
    let names: string[] | null = null;
    for (const l of lines) {
      const mid: Position = [(l.coords[0][0] + l.coords[1][0]) / 2, (l.coords[0][1] + l.coords[1][1]) / 2];
      if (!onRing(mid, ring)) continue;
      names = names ? names.filter((n) => l.names.includes(n)) : l.names;
    }
    if (names && names.length === 1) out.push({ county: names[0], geometry: face.geometry });
  }
  return out;
}
