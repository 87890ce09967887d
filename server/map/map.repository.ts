/** Base-map and feature layers by bbox. Each layer is one named query. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { asGeoJson, inBBox, type BBox } from '../geo-sql.ts';

export interface LayerQuery {
  bbox?: BBox;
  tolerance: number;
  kinds?: string[];
}

export function buildings(db: Kysely<DB>, q: LayerQuery) {
  return db
    .selectFrom('buildings')
    .select(['id', 'name', 'use', 'floors', 'households', 'height_m', asGeoJson('geom', q.tolerance).as('geometry')])
    .where(inBBox('geom', q.bbox))
    .orderBy('id')
    .execute();
}

export function roads(db: Kysely<DB>, q: LayerQuery) {
  return db
    .selectFrom('road_edges')
    .select(['id', 'highway', 'name', 'walkable', 'bridge', 'tunnel', asGeoJson('geom', q.tolerance).as('geometry')])
    .where(inBBox('geom', q.bbox))
    .orderBy('id')
    .execute();
}

export function basemap(db: Kysely<DB>, q: LayerQuery) {
  return db
    .selectFrom('basemap_features')
    .select(['id', 'layer', 'kind', 'name', asGeoJson('geom', q.tolerance).as('geometry')])
    .where(inBBox('geom', q.bbox))
    .orderBy('id')
    .execute();
}

export function places(db: Kysely<DB>, q: LayerQuery) {
  let query = db
    .selectFrom('places')
    .select(['id', 'kind', 'name', 'opening_hours', asGeoJson('geom').as('geometry')])
    .where(inBBox('geom', q.bbox))
    .orderBy('id');
  if (q.kinds?.length) query = query.where('kind', 'in', q.kinds);
  return query.execute();
}
