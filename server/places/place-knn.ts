/**
 * The finder's straight-line cut over places held in memory: the same answer as `knnSql` (the
 * filters, the box of ± radiusM, the order of PostGIS `<->` on 4326 geometry, i.e. planar
 * degrees), ties by id. Pure; checked against the SQL on the database in tests/api/places-cache.
 * The box test is PostGIS's `&&`: boxes are kept as float4 rounded outwards, so a point a hair
 * outside the double-precision box still passes; done here the same way.
 */
import { EARTH_RADIUS_M } from '../geo/distance.ts';
import type { KnnFilter, PlaceBrief } from './places.repository.ts';

const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
/** The largest float4 ≤ x (PostGIS next_float_down). */
function floatDown(x: number): number {
  f32[0] = x;
  if (f32[0] > x) i32[0] += f32[0] > 0 ? -1 : f32[0] < 0 ? 1 : -(2 ** 31) + 1;
  return f32[0];
}
/** The smallest float4 ≥ x (PostGIS next_float_up). */
function floatUp(x: number): number {
  f32[0] = x;
  if (f32[0] < x) i32[0] += f32[0] > 0 ? 1 : f32[0] < 0 ? -1 : 1;
  return f32[0];
}

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
  const w = floatDown(q.lon - dx), s = floatDown(q.lat - dy), e = floatUp(q.lon + dx), n = floatUp(q.lat + dy);
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
