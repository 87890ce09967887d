/**
 * Typed client for docs/API.md. Every call takes an optional AbortSignal so that a
 * newer request can cancel a stale one.
 */
import { getJson } from './http';
import type {
  AreaCollection,
  AreaDetail,
  AreaId,
  AreaLevel,
  BasemapCollection,
  Bbox,
  BuildingCollection,
  Meta,
  RoadCollection,
  SearchResult,
} from './types';

const bboxParam = (bbox?: Bbox) => (bbox ? bbox.map((v) => +v.toFixed(6)).join(',') : undefined);

export const api = {
  meta: (signal?: AbortSignal) => getJson<Meta>('meta', {}, signal),

  /** Areas of one level (or the children of `parent`) intersecting `bbox`, as GeoJSON. */
  areas: (q: { level?: AreaLevel; parent?: AreaId; bbox?: Bbox; zoom?: number }, signal?: AbortSignal) =>
    getJson<AreaCollection>(
      'areas',
      { level: q.level, parent: q.parent, bbox: bboxParam(q.bbox), zoom: q.zoom },
      signal,
    ),

  area: (id: AreaId, signal?: AbortSignal) =>
    getJson<AreaDetail>(`areas/${encodeURIComponent(String(id))}`, {}, signal),

  /** @param limit - at most 50 */
  search: (q: string, limit = 20, signal?: AbortSignal) =>
    getJson<{ results: SearchResult[] }>('search', { q, limit: Math.min(limit, 50) }, signal),

  buildings: (bbox: Bbox, signal?: AbortSignal) =>
    getJson<BuildingCollection>('map/buildings', { bbox: bboxParam(bbox) }, signal),

  roads: (bbox: Bbox, signal?: AbortSignal) =>
    getJson<RoadCollection>('map/roads', { bbox: bboxParam(bbox) }, signal),

  basemap: (bbox: Bbox, signal?: AbortSignal) =>
    getJson<BasemapCollection>('map/basemap', { bbox: bboxParam(bbox) }, signal),
};
