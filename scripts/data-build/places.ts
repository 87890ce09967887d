/**
 * Sample service positions (党群服务阵地), anchored at real POIs where that makes sense: community
 * centres at civic POIs (else the most central building), outdoor stations at subway entrances,
 * outdoor-worker stations at public toilets, rider shops and new-employment stations at
 * convenience stores and eateries; grid stations, corners, posts and canteens in housing.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature } from 'geojson';
import type { Poi } from './basemap.ts';
import { dist, type Projection } from './geo.ts';
import { accessFor, hoursFor, servicesFor, type PlaceKind } from './place-kinds.ts';
import type { Rng } from './prng.ts';
import { weightedCenter } from './names.ts';
import type { RoadIndex } from './road-index.ts';
import type { Area2D, Building, LonLat } from './types.ts';

/** A community or grid as places sees it. */
export interface AreaInfo {
  code: string;
  name: string;
  geometry: Area2D;
  /** Household-weighted centre. */
  center: LonLat;
  households: number;
  /** Residential buildings with households in the area. */
  buildings: Building[];
  /** For grids: the community's name. */
  communityName?: string;
}

export interface PlaceInput {
  streets: AreaInfo[];
  communities: AreaInfo[];
  grids: AreaInfo[];
  pois: Poi[];
  roads: RoadIndex;
  /** Display labels of residential buildings (ref → 福佑路12号). */
  labels: Map<string, string>;
  proj: Projection;
}

/** How many of each kind (the rest follow the areas: one centre per community, …). */
export const PLACE_COUNTS = {
  gridStationShare: 0.5, outdoorStations: 6, outdoorWorkerStations: 8, newEmploymentStations: 4, riderShops: 20,
  elderCanteens: 5, neighbourhoodPosts: 8, buildingCorners: 8,
};
/** POIs a community centre can share a site with, most fitting first. */
const CIVIC = ['community_centre', 'townhall', 'social_facility', 'library', 'government', 'post_office'];
const EATERIES = ['convenience', 'restaurant', 'cafe', 'fast_food', 'supermarket'];

interface Anchor {
  at: LonLat;
  osmId: number | null;
  anchor: string;
  maxFloor: number;
}

const poiAnchor = (p: Poi): Anchor => ({ at: p.at, osmId: p.osmId, anchor: `${p.kind} osm:${p.osmId}`, maxFloor: 1 });
const buildingAnchor = (b: Building): Anchor => ({ at: b.center, osmId: null, anchor: `building ${b.ref}`, maxFloor: b.floors });

/** The building nearest to a point (the area's "most central" building). */
function central(buildings: Building[], at: LonLat, proj: Projection, skip = new Set<string>()): Building | null {
  let best: Building | null = null;
  let bestD = Infinity;
  for (const b of buildings) {
    if (skip.has(b.ref)) continue;
    const d = dist(proj.toXY(b.center), proj.toXY(at));
    if (d < bestD) [best, bestD] = [b, d];
  }
  return best;
}

/** Seeded shuffle, then greedy: keep candidates at least minM from those already kept. */
export function spacedPick<T>(items: T[], at: (t: T) => LonLat, n: number, minM: number, rng: Rng, proj: Projection): T[] {
  const shuffled = items.map((t) => ({ t, r: rng() })).sort((a, b) => a.r - b.r).map((x) => x.t);
  const kept: T[] = [];
  for (const t of shuffled) {
    if (kept.length >= n) break;
    if (kept.every((k) => dist(proj.toXY(at(k)), proj.toXY(at(t))) >= minM)) kept.push(t);
  }
  return kept;
}

/** Collects places in order; refs place:001…; access, hours and services drawn per place. */
class Sink {
  readonly out: Feature[] = [];
  /** Buildings already hosting a place (one place per building). */
  readonly used = new Set<string>();
  constructor(private rng: Rng) {}
  add(kind: PlaceKind, name: string, a: Anchor, upstairs = 0): void {
    const access = accessFor(upstairs, this.rng, a.maxFloor);
    this.out.push({
      type: 'Feature',
      properties: {
        ref: `place:${String(this.out.length + 1).padStart(3, '0')}`, kind, name, osmId: a.osmId, openingHours: hoursFor(kind, this.rng),
        floor: access.floor, lift: access.lift, stepFree: access.stepFree, services: servicesFor(kind, this.rng), anchor: a.anchor,
      },
      geometry: { type: 'Point', coordinates: a.at },
    });
  }
  /** The most central free building of an area, marked used. */
  take(buildings: Building[], at: LonLat, proj: Projection): Building | null {
    const b = central(buildings, at, proj, this.used);
    if (b) this.used.add(b.ref);
    return b;
  }
}

const inArea = (p: Poi, a: AreaInfo) => booleanPointInPolygon(p.at, a.geometry);

/** The most fitting civic POI (CIVIC order), nearest `at` among equals. */
function civicFirst(ps: Poi[], at: LonLat, proj: Projection): Poi | undefined {
  const d = (p: Poi) => dist(proj.toXY(p.at), proj.toXY(at));
  return ps.filter((p) => CIVIC.includes(p.kind)).sort((a, b) => CIVIC.indexOf(a.kind) - CIVIC.indexOf(b.kind) || d(a) - d(b))[0];
}

/** Party centre, regional (片区) centres and one centre per community. */
function civicPlaces(input: PlaceInput, sink: Sink): void {
  const { proj, communities } = input;
  const mid = weightedCenter(communities.map((c) => ({ at: c.center, w: c.households })), proj);
  const hub = civicFirst(input.pois.filter((p) => communities.some((c) => inArea(p, c))), mid, proj);
  if (hub) sink.add('party_center', '城市党建服务中心', { ...poiAnchor(hub), maxFloor: 3 });
  for (const s of input.streets.filter((s) => communities.filter((c) => c.code.startsWith(s.code)).length > 1)) {
    const b = sink.take(s.buildings, s.center, proj);
    if (b) sink.add('regional_center', `${s.name.replace(/街道$/, '')}片区党群服务中心`, buildingAnchor(b), 0.2);
  }
  for (const c of communities) {
    const poi = civicFirst(input.pois.filter((p) => p !== hub && inArea(p, c)), c.center, proj);
    const b = poi ? null : sink.take(c.buildings, c.center, proj);
    const anchor = poi ? { ...poiAnchor(poi), maxFloor: 3 } : b ? buildingAnchor(b) : null;
    if (anchor) sink.add('community_center', `${c.name}党群服务中心`, anchor, 0.25);
  }
}

/** Grid stations (about half the grids), building corners, neighbourhood posts, elder canteens. */
function housingPlaces(input: PlaceInput, sink: Sink, rng: Rng): void {
  const { proj, grids } = input;
  const road = (at: LonLat) => input.roads.nearestName(at) ?? '滨江';
  for (const g of grids) {
    if (rng() >= PLACE_COUNTS.gridStationShare) continue;
    const b = sink.take(g.buildings, g.center, proj);
    if (b) sink.add('grid_station', `${g.communityName}${g.name}党群服务站`, buildingAnchor(b), 0.4);
  }
  for (const g of spacedPick(grids, (g) => g.center, PLACE_COUNTS.buildingCorners, 400, rng, proj)) {
    const b = sink.take(g.buildings, g.center, proj);
    if (b) sink.add('building_corner', `${input.labels.get(b.ref) ?? road(b.center)}楼栋善治角`, { ...buildingAnchor(b), maxFloor: 1 });
  }
  for (const g of spacedPick(grids, (g) => g.center, PLACE_COUNTS.neighbourhoodPosts, 500, rng, proj)) {
    const b = sink.take(g.buildings, g.center, proj);
    if (b) sink.add('neighbourhood_post', `${road(b.center)}邻里驿站`, buildingAnchor(b), 0.3);
  }
  const biggest = [...input.communities].sort((a, b) => b.households - a.households || (a.code < b.code ? -1 : 1));
  for (const c of biggest.slice(0, PLACE_COUNTS.elderCanteens)) {
    const b = sink.take(c.buildings, c.center, proj);
    if (b) sink.add('elder_canteen', `${c.name}长者食堂`, { ...buildingAnchor(b), maxFloor: 1 });
  }
}

/** Stations at real POIs inside the sample's communities: subway entrances, toilets, shops and eateries. */
function poiPlaces(input: PlaceInput, sink: Sink, rng: Rng): void {
  const { proj } = input;
  const road = (at: LonLat) => input.roads.nearestName(at) ?? '滨江';
  const inStudy = input.pois.filter((p) => input.communities.some((c) => inArea(p, c)));
  const of = (kinds: string[]) => inStudy.filter((p) => kinds.includes(p.kind));
  for (const p of spacedPick(of(['subway_entrance']), (p) => p.at, PLACE_COUNTS.outdoorStations, 300, rng, proj)) {
    sink.add('outdoor_station', `${road(p.at)}地铁口户外驿站`, poiAnchor(p));
  }
  for (const p of spacedPick(of(['toilets']), (p) => p.at, PLACE_COUNTS.outdoorWorkerStations, 250, rng, proj)) {
    sink.add('outdoor_worker_station', `${road(p.at)}户外劳动者驿站`, poiAnchor(p));
  }
  const n = PLACE_COUNTS.newEmploymentStations;
  const picked = spacedPick(of(EATERIES), (p) => p.at, n + PLACE_COUNTS.riderShops, 60, rng, proj);
  picked.slice(0, n).forEach((p) => sink.add('new_employment_station', `${road(p.at)}新就业群体驿站`, poiAnchor(p)));
  picked.slice(n).forEach((p) => sink.add('rider_shop', `${p.name ?? road(p.at) + p.kind}（骑手友好店）`, poiAnchor(p)));
}

export function buildPlaces(input: PlaceInput, rng: Rng): Feature[] {
  const sink = new Sink(rng);
  civicPlaces(input, sink);
  housingPlaces(input, sink, rng);
  poiPlaces(input, sink, rng);
  return sink.out;
}
