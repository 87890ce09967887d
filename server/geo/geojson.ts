/**
 * Minimal GeoJSON (RFC 7946) geometry types and walkers, so pure geo code needs no extra type package.
 * Positions are [lon, lat] in degrees; a third ordinate, when present, is carried but ignored.
 */
export type Position = number[];
export interface Point { type: 'Point'; coordinates: Position }
export interface MultiPoint { type: 'MultiPoint'; coordinates: Position[] }
export interface LineString { type: 'LineString'; coordinates: Position[] }
export interface MultiLineString { type: 'MultiLineString'; coordinates: Position[][] }
export interface Polygon { type: 'Polygon'; coordinates: Position[][] }
export interface MultiPolygon { type: 'MultiPolygon'; coordinates: Position[][][] }
export type Geometry = Point | MultiPoint | LineString | MultiLineString | Polygon | MultiPolygon;
export type GeometryType = Geometry['type'];

/** Bounding box [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/** Nesting depth of `coordinates` for each type: 0 = one position, 1 = array of positions, … */
const DEPTH: Record<GeometryType, number> = {
  Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3,
};

export const GEOMETRY_TYPES = Object.keys(DEPTH) as GeometryType[];

/** Every position of a geometry, in order. */
export function positionsOf(g: Geometry): Position[] {
  const out: Position[] = [];
  const walk = (c: unknown, depth: number): void => {
    if (depth === 0) out.push(c as Position);
    else for (const x of c as unknown[]) walk(x, depth - 1);
  };
  walk(g.coordinates, DEPTH[g.type]);
  return out;
}

/** A copy of the geometry with every position replaced by `fn(position)`. */
export function mapPositions<G extends Geometry>(g: G, fn: (p: Position) => Position): G {
  const walk = (c: unknown, depth: number): unknown =>
    depth === 0 ? fn(c as Position) : (c as unknown[]).map((x) => walk(x, depth - 1));
  return { type: g.type, coordinates: walk(g.coordinates, DEPTH[g.type]) } as G;
}

function isPosition(v: unknown): v is Position {
  return Array.isArray(v) && v.length >= 2 && v.every((n) => typeof n === 'number');
}

function hasShape(c: unknown, depth: number): boolean {
  if (depth === 0) return isPosition(c);
  return Array.isArray(c) && c.every((x) => hasShape(x, depth - 1));
}

/**
 * Checks that an unknown value is a GeoJSON geometry of a supported type with correctly nested
 * numeric coordinates. Returns the reason when it is not (content checks such as ring closure
 * are the validator's job).
 */
export function checkGeometryShape(v: unknown): { geometry: Geometry } | { reason: string } {
  if (typeof v !== 'object' || v === null) return { reason: 'geometry is not an object' };
  const { type, coordinates } = v as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !(type in DEPTH)) {
    return { reason: `unsupported geometry type ${JSON.stringify(type)} (expected one of ${GEOMETRY_TYPES.join(', ')})` };
  }
  const t = type as GeometryType;
  if (!hasShape(coordinates, DEPTH[t])) {
    return { reason: `${t} coordinates are not nested arrays of [lon, lat] numbers` };
  }
  return { geometry: { type: t, coordinates } as Geometry };
}

/** Formats a position for messages: `(121.50012, 31.23991)`. */
export function formatPosition(p: Position, decimals = 5): string {
  const f = (n: number) => (Number.isFinite(n) ? String(Number(n.toFixed(decimals))) : String(n));
  return `(${f(p[0])}, ${f(p[1])})`;
}

export function formatBBox(b: BBox): string {
  return `[${b.join(', ')}]`;
}

export function inBBox(p: Position, b: BBox): boolean {
  return p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
}
