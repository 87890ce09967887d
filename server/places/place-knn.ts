/**
 * The finder's straight-line cut over places held in memory: the same answer as `knnSql` (the
 * filters, the box of ± radiusM, the order of PostGIS `<->` on 4326 geometry, i.e. planar
 * degrees), ties by id. Pure; checked against the SQL on the database in tests/api/places-cache.
 * The box test is PostGIS's `&&` on float4 boxes (geo/float4-box.ts).
 */
import { EARTH_RADIUS_M } from '../geo/distance.ts';
import { float4Box, floatDown, floatUp } from '../geo/float4-box.ts';
import type { KnnFilter, PlaceBrief } from './places.repository.ts';

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Places prepared for the cut: each point's float4 box, as PostGIS keeps it, computed once. */
export interface PlaceIndex {
  places: readonly PlaceBrief[];
  xDown: Float64Array;
  xUp: Float64Array;
  yDown: Float64Array;
  yUp: Float64Array;
}

export function indexPlaces(places: readonly PlaceBrief[]): PlaceIndex {
  return {
    places,
    xDown: Float64Array.from(places, (p) => floatDown(p.x)),
    xUp: Float64Array.from(places, (p) => floatUp(p.x)),
    yDown: Float64Array.from(places, (p) => floatDown(p.y)),
    yUp: Float64Array.from(places, (p) => floatUp(p.y)),
  };
}

function hasAll(have: readonly string[], want: readonly string[]): boolean {
  for (const w of want) if (!have.includes(w)) return false;
  return true;
}

export function knnInMemory(index: PlaceIndex, q: KnnFilter): PlaceBrief[] {
  const { places, xDown, xUp, yDown, yUp } = index;
  const dy = q.radiusM / M_PER_DEG;
  const dx = dy / Math.cos((q.lat * Math.PI) / 180);
  const [w, s, e, n] = float4Box([q.lon - dx, q.lat - dy, q.lon + dx, q.lat + dy]);
  const services = q.services?.length ? q.services : null;
  const kinds = q.kinds?.length ? q.kinds : null;
  const except = q.exceptIds?.length ? new Set(q.exceptIds) : null;
  const hit: number[] = [];
  const d2 = new Float64Array(places.length);
  for (let i = 0; i < places.length; i++) {
    if (xUp[i] < w || xDown[i] > e || yUp[i] < s || yDown[i] > n) continue;
    const p = places[i];
    if (kinds && !kinds.includes(p.kind)) continue;
    if (q.stepFree && !(p.step_free && (p.floor === 1 || p.lift))) continue;
    if (services && !hasAll(p.services, services)) continue;
    if (except?.has(p.id)) continue;
    d2[i] = (p.x - q.lon) ** 2 + (p.y - q.lat) ** 2;
    hit.push(i);
  }
  hit.sort((a, b) => d2[a] - d2[b] || places[a].id - places[b].id);
  const out: PlaceBrief[] = new Array(Math.min(q.limit, hit.length));
  for (let i = 0; i < out.length; i++) out[i] = places[hit[i]];
  return out;
}
