/**
 * Geometry checks per kind: the allowed types, finite lon/lat, lines with 2+ distinct positions,
 * polygon rings closed, 4+ positions, not self-intersecting, rings not crossing each other.
 * Returns the first problem found (one message per feature keeps reports readable).
 */
import type { Geometry, GeometryType, Position } from '../geo/geojson.ts';
import { positionsOf } from '../geo/geojson.ts';
import { dedupeConsecutive, findRingSelfIntersection, findRingsCrossing, isRingClosed } from '../geo/rings.ts';
import { IMPORT_ERROR_CODES as C, REASONS, type ImportErrorCode } from './errors.ts';
import type { ImportKind } from './types.ts';

/** Geometry types each kind accepts (roads' MultiLineStrings are split into LineStrings first). */
export const KIND_GEOMETRY: Record<ImportKind, GeometryType[] | null> = {
  roads: ['LineString'],
  buildings: ['Polygon', 'MultiPolygon'],
  areas: ['Polygon', 'MultiPolygon'],
  households: null,
  places: ['Point'],
};

export interface GeometryProblem {
  code: ImportErrorCode;
  reason: string;
}

const problem = (code: ImportErrorCode, reason: string): GeometryProblem => ({ code, reason });

function checkCoordinates(g: Geometry): GeometryProblem | null {
  for (const p of positionsOf(g)) {
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return problem(C.GEOMETRY, REASONS.coordNotFinite(p));
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return problem(C.CRS, REASONS.coordOutOfRange(p));
  }
  return null;
}

function ringLabel(polygon: number | null, ring: number): string {
  const poly = polygon === null ? 'polygon' : `polygon ${polygon + 1}`;
  if (ring === 0) return polygon === null ? 'polygon ring' : `${poly} outer ring`;
  return `${poly} hole ${ring}`;
}

function checkPolygon(rings: Position[][], polygon: number | null): GeometryProblem | null {
  if (rings.length === 0) return problem(C.GEOMETRY, REASONS.ringTooShort(ringLabel(polygon, 0), 0));
  for (let r = 0; r < rings.length; r++) {
    const label = ringLabel(polygon, r);
    if (rings[r].length < 4) return problem(C.GEOMETRY, REASONS.ringTooShort(label, rings[r].length));
    if (!isRingClosed(rings[r])) return problem(C.GEOMETRY, REASONS.ringNotClosed(label));
    if (dedupeConsecutive(rings[r]).length < 4) return problem(C.GEOMETRY, REASONS.ringTooShort(label, dedupeConsecutive(rings[r]).length));
    const hit = findRingSelfIntersection(rings[r]);
    if (hit) return problem(C.GEOMETRY, REASONS.ringSelfIntersects(label, hit));
  }
  const cross = findRingsCrossing(rings);
  return cross ? problem(C.GEOMETRY, REASONS.ringsCross(cross)) : null;
}

/** Checks a geometry for `kind`; null when it is fine. */
export function checkGeometry(kind: ImportKind, g: Geometry | null): GeometryProblem | null {
  const allowed = KIND_GEOMETRY[kind];
  if (allowed === null) return null;
  if (g === null) return problem(C.GEOMETRY, REASONS.geometryMissing(kind, allowed.join('/')));
  if (!allowed.includes(g.type)) return problem(C.GEOMETRY, REASONS.geometryType(kind, g.type, allowed.join('/')));
  const coords = checkCoordinates(g);
  if (coords) return coords;
  switch (g.type) {
    case 'LineString':
      return dedupeConsecutive(g.coordinates).length < 2 ? problem(C.GEOMETRY, REASONS.lineTooShort()) : null;
    case 'Polygon':
      return checkPolygon(g.coordinates, null);
    case 'MultiPolygon':
      for (let i = 0; i < g.coordinates.length; i++) {
        const p = checkPolygon(g.coordinates[i], g.coordinates.length === 1 ? null : i);
        if (p) return p;
      }
      return g.coordinates.length === 0 ? problem(C.GEOMETRY, REASONS.geometryMissing(kind, allowed.join('/'))) : null;
    default:
      return null;
  }
}
