/**
 * Typed client for docs/API.md. Every call takes an optional AbortSignal so that a
 * newer request can cancel a stale one.
 */
import type {
  Account,
  AreaStats,
  AuditPage,
  GrantInput,
  HouseholdPage,
  LoginInput,
  Me,
  NewAccount,
} from './access-types';
import type { Coverage, CoverageQuery, IsochroneCollection, PlaceCollection, SitingInput, SitingPoi, SitingResult, WalkRoute } from './circle-types';
import type { NearestAnswer, NearestQuery, PlacesVocabulary } from './finder-types';
import { getJson, sendJson } from './http';
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
const seg = (id: AreaId | number) => encodeURIComponent(String(id));

export const api = {
  meta: (signal?: AbortSignal) => getJson<Meta>('meta', {}, signal),

  /** Areas of one level (or the children of `parent`) intersecting `bbox`, as GeoJSON. */
  areas: (q: { level?: AreaLevel; parent?: AreaId; bbox?: Bbox; zoom?: number }, signal?: AbortSignal) =>
    getJson<AreaCollection>(
      'areas',
      { level: q.level, parent: q.parent, bbox: bboxParam(q.bbox), zoom: q.zoom },
      signal,
    ),

  area: (id: AreaId, signal?: AbortSignal) => getJson<AreaDetail>(`areas/${seg(id)}`, {}, signal),

  /** @param limit - at most 50 */
  search: (q: string, limit = 20, signal?: AbortSignal) =>
    getJson<{ results: SearchResult[] }>('search', { q, limit: Math.min(limit, 50) }, signal),

  buildings: (bbox: Bbox, signal?: AbortSignal) =>
    getJson<BuildingCollection>('map/buildings', { bbox: bboxParam(bbox) }, signal),

  roads: (bbox: Bbox, signal?: AbortSignal) =>
    getJson<RoadCollection>('map/roads', { bbox: bboxParam(bbox) }, signal),

  basemap: (bbox: Bbox, signal?: AbortSignal) =>
    getJson<BasemapCollection>('map/basemap', { bbox: bboxParam(bbox) }, signal),

  /** Service points (`/api/map/places`), optionally only some kinds. */
  places: (q: { bbox?: Bbox; kinds?: readonly string[] }, signal?: AbortSignal) =>
    getJson<PlaceCollection>('map/places', { bbox: bboxParam(q.bbox), kind: q.kinds?.join(',') }, signal),

  // the 10-minute service circle (issue 4)
  /** Walking coverage of an area and its buildings; `add`/`remove` ask "what if". Public. */
  circleCoverage: (q: CoverageQuery, signal?: AbortSignal) =>
    getJson<Coverage>('circle/coverage', {
      area: q.area,
      minutes: q.preset ? undefined : q.minutes,
      preset: q.preset,
      speed: q.speed,
      kinds: q.kinds?.join(','),
      at: q.at,
      accessible: q.accessible ? 'true' : undefined,
      add: q.add?.map(([lon, lat]) => `${+lon.toFixed(7)},${+lat.toFixed(7)}`).join(';'),
      remove: q.remove?.join(','),
    }, signal),
  /** Walking bands around one station. @param minutes - at most 5 bands */
  circleIsochrones: (q: { station: number; minutes: readonly number[]; speed?: number; at?: string }, signal?: AbortSignal) =>
    getJson<IsochroneCollection>('circle/isochrones', { station: q.station, minutes: q.minutes.join(','), speed: q.speed, at: q.at }, signal),
  circleWalk: (q: { from: [number, number]; to: number; speed?: number; at?: string }, signal?: AbortSignal) =>
    getJson<WalkRoute>('circle/walk', { from: q.from.map((v) => +v.toFixed(7)).join(','), to: q.to, speed: q.speed, at: q.at }, signal),
  /** Planners and street/community staff within their jurisdiction; 401/403 for anyone else. */
  circleSiting: (input: SitingInput, signal?: AbortSignal) => sendJson<SitingResult>('POST', 'circle/siting', input, signal),
  circlePois: (area: number, signal?: AbortSignal) => getJson<{ pois: SitingPoi[] }>('circle/pois', { area }, signal),

  // the public places finder (issue 6)
  placesVocabulary: (signal?: AbortSignal) => getJson<PlacesVocabulary>('places/vocabulary', {}, signal),
  /** Nearest places by walking; 422 `NOT_ON_NETWORK` for a point far from any walkable way. */
  placesNearest: (q: NearestQuery, signal?: AbortSignal) =>
    getJson<NearestAnswer>('places/nearest', {
      lon: +q.lon.toFixed(7),
      lat: +q.lat.toFixed(7),
      service: q.services?.join(','),
      kind: q.kinds?.join(','),
      open_at: q.openAt,
      step_free: q.stepFree ? 'true' : undefined,
      limit: q.limit,
      routes: q.routes,
    }, signal),

  // accounts and sessions
  me: (signal?: AbortSignal) => getJson<Me>('auth/me', {}, signal),
  /** 401 `INVALID_CREDENTIALS` for a wrong login or password alike; 429 with `retryAfterS`. */
  login: (input: LoginInput, signal?: AbortSignal) => sendJson<Me>('POST', 'auth/login', input, signal),
  logout: (signal?: AbortSignal) => sendJson<void>('POST', 'auth/logout', undefined, signal),

  // personal data and aggregates
  /** Public aggregates; exact special-group counts for staff of the area. */
  areaStats: (id: AreaId, signal?: AbortSignal) => getJson<AreaStats>(`areas/${seg(id)}/stats`, {}, signal),
  /** Members, phones and groups: staff whose jurisdiction covers the area (audited). @param limit - at most 200 */
  households: (id: AreaId, page: { limit: number; offset: number }, signal?: AbortSignal) =>
    getJson<HouseholdPage>(`areas/${seg(id)}/households`, { limit: Math.min(page.limit, 200), offset: page.offset }, signal),

  // audit log and administration
  /** Newest first. Without `area` only for roles without a jurisdiction limit. @param limit - at most 500 */
  audit: (q: { area?: number; action?: string; before?: number; limit?: number }, signal?: AbortSignal) =>
    getJson<AuditPage>('audit', q, signal),
  /** Accounts with a grant in `area` and below (required for admins with a jurisdiction). */
  users: (q: { area?: number; limit?: number; offset?: number }, signal?: AbortSignal) =>
    getJson<{ users: Account[]; limit: number; offset: number }>('users', q, signal),
  createUser: (input: NewAccount, signal?: AbortSignal) => sendJson<Account>('POST', 'users', input, signal),
  addGrant: (userId: number, grant: GrantInput, signal?: AbortSignal) =>
    sendJson<Account>('POST', `users/${seg(userId)}/grants`, grant, signal),
  revokeGrant: (userId: number, grantId: number, signal?: AbortSignal) =>
    sendJson<Account>('DELETE', `users/${seg(userId)}/grants/${seg(grantId)}`, undefined, signal),
};
