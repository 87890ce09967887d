/**
 * The resident finder (issue 6): the nearest places by WALKING distance on the network, never by
 * straight line. A straight-line KNN cut gives candidates, over the places held in memory
 * (places.cache.ts, place-knn.ts) or, when that is off, on the GiST index; one bounded Dijkstra from the
 * user's snapped point reads each candidate's walking distance at its own snapped position and
 * stops once the `limit`-th is final (walk-from.ts); the ranking is by that distance. The cut is
 * widened when it could hide a place that walks shorter (a place outside the cut is at least as
 * far in a straight line as the cut's farthest, and no walk is shorter than the straight line);
 * the wider cut looks only inside the box of the k-th walk found so far, for the same reason.
 */
import type { Kysely } from 'kysely';
import { graphAt } from '../circle/circle.network.ts';
import { closedAt, snapPoint, type Snap, type WalkGraph } from '../circle/index.ts';
import type { DB } from '../db/types.ts';
import { unprocessable } from '../errors.ts';
import { EARTH_RADIUS_M, haversineM } from '../geo/distance.ts';
import { hoursFacts, openAt } from './place-hours.ts';
import { links, placeSummary } from './place-view.ts';
import * as repo from './places.repository.ts';
import type { NearestQuery } from './places.schema.ts';
import { knnInMemory } from './place-knn.ts';
import { finderPlaces } from './places.cache.ts';
import { nearestOnFoot, pathTo, type Nearest } from './walk-from.ts';

/** Farthest walk (and straight-line radius of the cut) considered, metres: 40 minutes at 4.5 km/h. */
export const MAX_WALK_M = 3000;
/** KNN cuts: a first one generous against `limit`, then ×4, then 2,000 (exactness does not depend on the first). */
export const FIRST_CUT_MIN = 30;
export const cutsFor = (limit: number) => [Math.max(FIRST_CUT_MIN, 6 * limit), Math.max(FIRST_CUT_MIN, 6 * limit) * 4, 2000];
/** Reuse the walking graph this long before asking whether the roads changed (ms). */
const GRAPH_TTL_MS = 1000;

/**
 * The service circle's walking graph of the street the point is in, grown by at least MAX_WALK_M
 * (so every walk the finder considers is exact), re-validated at most once per GRAPH_TTL_MS.
 */
export const finderGraph = async (db: Kysely<DB>, point: [number, number]): Promise<WalkGraph> => (await graphAt(db, point, MAX_WALK_M, GRAPH_TTL_MS)).graph;

/** Snaps of places per graph, by place id (checked against the place's position, which may move). */
const snaps = new WeakMap<WalkGraph, Map<number, { x: number; y: number; snap: Snap | null }>>();
function snapPlace(g: WalkGraph, id: number, x: number, y: number): Snap | null {
  let m = snaps.get(g);
  if (!m) snaps.set(g, (m = new Map()));
  const c = m.get(id);
  if (c && c.x === x && c.y === y) return c.snap;
  const snap = snapPoint(g, [x, y]);
  m.set(id, { x, y, snap });
  return snap;
}

interface Ranked {
  row: repo.PlaceBrief;
  index: number;
  costM: number;
}

const round = (v: number, d = 0) => Math.round(v * 10 ** d) / 10 ** d;
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/**
 * @param placesMaxAgeMs search the places held in memory, at most this old (places.cache.ts);
 *   0 = run the KNN SQL on the database for each cut
 */
export async function nearest(db: Kysely<DB>, q: NearestQuery, now: Date, placesMaxAgeMs = 0) {
  const at = q.open_at === undefined || q.open_at === 'now' ? now : q.open_at;
  const g = await finderGraph(db, [q.lon, q.lat]);
  const from = snapPoint(g, [q.lon, q.lat]);
  if (!from) throw unprocessable('NOT_ON_NETWORK', `point (${q.lon}, ${q.lat}) is more than 500 m from any walkable way: no walking distance from there`);
  const closed = closedAt(g, at);
  const filter = { lon: q.lon, lat: q.lat, services: q.service, kinds: q.kind, stepFree: q.step_free };

  let ranked: Ranked[] = [];
  let found = null as Nearest | null;
  let considered = 0;
  let closedCount = 0;
  // The box of the next cut: a place farther in a straight line than the k-th walk cannot beat it
  // (1% spare for the box's spherical degrees against the network's metres).
  let radiusM = MAX_WALK_M;
  let rows: repo.PlaceBrief[] = [];
  const held = placesMaxAgeMs > 0 ? await finderPlaces(db, placesMaxAgeMs) : null;
  const cut = (f: repo.KnnFilter) => (held ? knnInMemory(held, f) : repo.nearestByStraightLine(db, f));
  for (const size of cutsFor(q.limit)) {
    // A wider cut reads only the places after those already read (nearer ones were all read).
    const wanted = size - rows.length;
    const more = await cut({ ...filter, radiusM, limit: wanted, exceptIds: rows.map((r) => r.id) });
    rows = rows.length ? rows.concat(more) : more;
    const open = q.open_at === undefined ? rows : rows.filter((r) => openAt(r.opening_hours, at) === true);
    // One search from the user; read synchronously (its scratch state is shared per graph).
    found = nearestOnFoot(g, from, open.map((r) => snapPlace(g, r.id, r.x, r.y)), q.limit, MAX_WALK_M, closed);
    const costs = found.costs;
    ranked = open.map((row, index) => ({ row, index, costM: costs[index] }))
      .filter((c) => c.costM < Infinity)
      .sort((x, y) => x.costM - y.costM || x.row.id - y.row.id);
    considered = rows.length;
    closedCount = rows.length - open.length;
    if (more.length < wanted) break;
    // Planar-degree KNN order: a place outside the cut is at least this far in metres.
    const far = more[more.length - 1];
    const outsideM = Math.hypot(far.x - q.lon, far.y - q.lat) * M_PER_DEG * Math.cos((q.lat * Math.PI) / 180);
    const kth = ranked[q.limit - 1]?.costM ?? Infinity;
    if (kth <= outsideM) break;
    radiusM = Math.min(kth * 1.01, MAX_WALK_M);
  }

  const mPerMin = (q.speed * 1000) / 60;
  const results = ranked.slice(0, q.limit).map((c, i) => {
    const path = i < q.routes ? pathTo(found!, c.index) : null;
    const facts = hoursFacts(c.row.opening_hours, at);
    return {
      place: placeSummary(c.row),
      walkM: round(c.costM),
      walkMin: round(c.costM / mPerMin, 1),
      straightM: round(haversineM([q.lon, q.lat], [c.row.x, c.row.y])),
      openNow: at === now ? facts.open : openAt(c.row.opening_hours, now),
      openAt: q.open_at === undefined ? null : facts.open,
      todayHours: facts.todayHours,
      nextChange: facts.nextChange,
      ...(q.links ? { navLinks: links(c.row) } : {}),
      route: path && { type: 'LineString' as const, coordinates: path.coordinates },
      routeLengthM: path && round(path.lengthM),
    };
  });
  return {
    params: { lon: q.lon, lat: q.lat, at: at.toISOString(), openFilter: q.open_at !== undefined, service: q.service ?? [], kind: q.kind ?? [], stepFree: q.step_free ?? false, limit: q.limit, speedKmh: q.speed, maxWalkM: MAX_WALK_M },
    from: { point: [q.lon, q.lat], snapped: from.point, connectorM: round(from.connectorM, 1) },
    results,
    considered,
    closed: closedCount,
  };
}
