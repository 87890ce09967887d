/**
 * Named PostGIS fragments shared by repositories (never string-built from client input:
 * only numbers that zod has already parsed reach them).
 */
import { sql, type RawBuilder } from 'kysely';

export type BBox = [number, number, number, number];

/** `geom && envelope`, or true when no bbox. */
export function inBBox(column: string, bbox: BBox | undefined): RawBuilder<boolean> {
  if (!bbox) return sql<boolean>`true`;
  const [w, s, e, n] = bbox;
  return sql<boolean>`${sql.ref(column)} && ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326)`;
}

/** Simplification tolerance in degrees: about half a screen pixel at this zoom (256-px tiles). */
export function toleranceForZoom(zoom: number | undefined): number {
  if (zoom === undefined) return 0;
  return 360 / (256 * 2 ** zoom) / 2;
}

/** GeoJSON of a geometry column, simplified when tolerance > 0, 7 decimals (~1 cm). */
export function asGeoJson(column: string, tolerance = 0): RawBuilder<unknown> {
  return tolerance > 0
    ? sql`ST_AsGeoJSON(ST_SimplifyPreserveTopology(${sql.ref(column)}, ${tolerance}), 7)::json`
    : sql`ST_AsGeoJSON(${sql.ref(column)}, 7)::json`;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: number; geometry: unknown; properties: Record<string, unknown> }[];
}

/** Rows with a `geometry` column become a FeatureCollection; the rest are properties. */
export function toFeatureCollection<R extends { geometry: unknown; id?: number }>(rows: R[], props: (r: R) => Record<string, unknown>): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', ...(r.id !== undefined ? { id: r.id } : {}), geometry: r.geometry, properties: props(r) })),
  };
}
