import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { toFeatureCollection, toleranceForZoom, type BBox } from '../geo-sql.ts';
import * as repo from './map.repository.ts';
import type { MapLayer } from './map.schema.ts';

export async function layer(db: Kysely<DB>, name: MapLayer, q: { bbox?: BBox; zoom?: number; kind?: string }) {
  const lq = { bbox: q.bbox, tolerance: toleranceForZoom(q.zoom), kinds: q.kind?.split(',') };
  switch (name) {
    case 'buildings':
      return toFeatureCollection(await repo.buildings(db, lq), (r) => ({
        id: r.id, name: r.name, use: r.use, floors: r.floors, households: r.households, heightM: r.height_m,
      }));
    case 'roads':
      return toFeatureCollection(await repo.roads(db, lq), (r) => ({
        id: r.id, highway: r.highway, name: r.name, walkable: r.walkable, bridge: r.bridge, tunnel: r.tunnel,
      }));
    case 'basemap':
      return toFeatureCollection(await repo.basemap(db, lq), (r) => ({ layer: r.layer, kind: r.kind, name: r.name }));
    case 'places':
      return toFeatureCollection(await repo.places(db, lq), (r) => ({ id: r.id, kind: r.kind, name: r.name, openingHours: r.opening_hours }));
  }
}
