/** The default area of the circle mode: the street the user is looking at. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { api, type AreaId, type Bbox } from '../lib/api';

/** Degrees around the view's middle that still count as "at" it. */
const NEAR_DEG = 1e-4;
/** The API takes boxes of at most 2°; half a degree either way is plenty for a street. */
const VIEW_CAP_DEG = 0.5;

/**
 * The street under the middle of the view (the server does the geometry), else the first street
 * in view, else null.
 */
export async function streetInView(map: MapLibreMap, signal: AbortSignal): Promise<AreaId | null> {
  const c = map.getCenter();
  const at: Bbox = [c.lng - NEAR_DEG, c.lat - NEAR_DEG, c.lng + NEAR_DEG, c.lat + NEAR_DEG];
  const hit = await api.areas({ level: 'street', bbox: at }, signal);
  if (hit.features[0]) return hit.features[0].properties.id;
  const b = map.getBounds();
  const view: Bbox = [
    Math.max(b.getWest(), c.lng - VIEW_CAP_DEG),
    Math.max(b.getSouth(), c.lat - VIEW_CAP_DEG),
    Math.min(b.getEast(), c.lng + VIEW_CAP_DEG),
    Math.min(b.getNorth(), c.lat + VIEW_CAP_DEG),
  ];
  const near = await api.areas({ level: 'street', bbox: view }, signal);
  return near.features[0]?.properties.id ?? null;
}
