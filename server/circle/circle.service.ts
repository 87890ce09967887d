/**
 * The 10-minute service circle over the database: coverage per area (network and straight line),
 * isochrones, walking routes and siting. The algorithms are the pure modules beside this file.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound, unprocessable } from '../errors.ts';
import { aggregateByArea, type AreaCoverage } from './aggregate.ts';
import { loadDemand, loadStations } from './circle.demand.ts';
import { graphAt, graphForArea, walkGraph } from './circle.network.ts';
import * as repo from './circle.repository.ts';
import { STATION_KINDS } from './circle.schema.ts';
import { GB50180_PRESETS_M, metresPerMinute, networkCoverage, prepareAccess, searchLimitM, straightLineCoverage } from './coverage.ts';
import { haversineM } from '../geo/distance.ts';
import { isochrones as isoBands } from './isochrone.ts';
import { route } from './route.ts';
import { coverSets } from './siting.ts';
import { site } from './siting.ts';
import { snapPoint } from './snap.ts';
import { closedAt, type WalkGraph } from './walk-graph.ts';

const round = (x: number, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

/** A walking route between two points on one graph; throws when either is off the network. */
function walkOn(graph: WalkGraph, from: [number, number], to: [number, number], station: number, at: Date | undefined) {
  const a = snapPoint(graph, from);
  if (!a) throw unprocessable('NOT_ON_NETWORK', `from ${from.join(',')} is more than 500 m from any walkable way`);
  const b = snapPoint(graph, to);
  if (!b) throw unprocessable('NOT_ON_NETWORK', `station ${station} is more than 500 m from any walkable way`);
  return route(graph, a, b, { closed: closedAt(graph, at ?? null) });
}

function summary(c: AreaCoverage | undefined, meta: { id: number; code: string; name: string; level: string }) {
  return {
    ...meta,
    households: c?.households ?? 0,
    householdsCovered: c?.householdsCovered ?? 0,
    population: c?.population ?? 0,
    populationCovered: c?.populationCovered ?? 0,
    shareHouseholds: c?.shareHouseholds ?? null,
    sharePopulation: c?.sharePopulation ?? null,
  };
}

export interface CoverageParams {
  area: number;
  minutes: number;
  speed: number;
  preset?: '5min' | '10min' | '15min';
  kinds?: string[];
  at?: Date;
  accessible: boolean;
  add?: [number, number][];
  remove?: number[];
}

/** Which stations count, after the what-if edits: the same selection for coverage and siting. */
interface StationSelection {
  kinds?: string[];
  at?: Date;
  accessible: boolean;
  add?: [number, number][];
  remove?: number[];
}

async function selectStations(db: Kysely<DB>, q: StationSelection) {
  const removed = new Set(q.remove ?? []);
  return [
    ...(await loadStations(db, { kinds: q.kinds ?? STATION_KINDS, at: q.at, accessible: q.accessible })).map((s) =>
      removed.has(s.id) ? { ...s, counts: false, reason: 'removed' as const } : s),
    ...(q.add ?? []).map(([x, y], i) => ({ id: -(i + 1), kind: 'hypothetical', name: `假设站点 ${i + 1}`, opening_hours: null, floor: 1, lift: false, step_free: true, x, y, counts: true, reason: 'open' as const })),
  ];
}

export async function coverage(db: Kysely<DB>, q: CoverageParams) {
  const area = await repo.areaExists(db, q.area);
  if (!area) throw notFound(`area ${q.area} does not exist`);
  const presetM = q.preset ? GB50180_PRESETS_M[q.preset] : undefined;
  const { graph } = await graphForArea(db, area.id, searchLimitM(presetM ?? q.minutes * metresPerMinute(q.speed)));
  const [demand, children] = [await loadDemand(db, q.area), await repo.childAreas(db, q.area)];
  const removed = new Set(q.remove ?? []);
  const stations = await selectStations(db, q);
  const sources = stations.map((s) => (s.counts ? snapPoint(graph, [s.x, s.y]) : null));
  const access = prepareAccess(graph, demand);
  const net = networkCoverage(graph, access, sources, { minutes: q.minutes, speedKmh: q.speed, presetM, at: q.at ?? null });
  const line = straightLineCoverage(graph, demand, stations.filter((s) => s.counts).map((s) => [s.x, s.y]), net.thresholdM, q.speed);
  const byNet = new Map(aggregateByArea(demand, net, (b) => (b as (typeof demand)[number]).areaIds, 10).map((a) => [a.area, a]));
  const byLine = new Map(aggregateByArea(demand, line, (b) => (b as (typeof demand)[number]).areaIds, 0).map((a) => [a.area, a]));
  const key = String(area.id);
  const self = byNet.get(key);
  return {
    params: { area: q.area, minutes: q.preset ? null : q.minutes, preset: q.preset ?? null, thresholdM: round(net.thresholdM), speedKmh: q.speed, at: q.at?.toISOString() ?? null, accessible: q.accessible, kinds: q.kinds ?? [...STATION_KINDS] },
    stations: { total: stations.length, counting: stations.filter((s) => s.counts).length, closedAtTime: stations.filter((s) => s.reason === 'closed_at_time').length, notAccessible: stations.filter((s) => s.reason === 'not_accessible').length, removed: removed.size, added: q.add?.length ?? 0,
      excluded: stations.filter((s) => !s.counts).map((s) => ({ id: s.id, reason: s.reason })) },
    area: summary(self, area),
    straightLine: summary(byLine.get(key), area),
    children: children.map((c) => ({ ...summary(byNet.get(String(c.id)), c), straightLineShare: byLine.get(String(c.id))?.shareHouseholds ?? null })),
    worst: (self?.worst ?? []).map((w) => {
      const d = demand.find((x) => x.ref === w.ref)!;
      return { buildingId: d.buildingId, unitId: d.unitId, name: d.name, households: w.households, distM: round(w.distM), timeMin: round(w.timeMin) };
    }),
    buildings: demand.map((d, i) => ({
      buildingId: d.buildingId,
      unitId: d.unitId,
      households: d.households,
      distM: round(net.distM[i]),
      timeMin: round(net.timeMin[i]),
      covered: net.covered[i] === 1,
      straightCovered: line.covered[i] === 1,
      station: net.nearest[i] >= 0 ? stations[net.nearest[i]].id : null,
    })),
  };
}

export async function isochrones(db: Kysely<DB>, q: { station: number; minutes: number[]; speed: number; at?: Date }) {
  const st = await repo.station(db, q.station);
  if (!st) throw notFound(`station ${q.station} does not exist`);
  const { graph } = await graphAt(db, [st.x, st.y], Math.max(...q.minutes) * metresPerMinute(q.speed));
  const snap = snapPoint(graph, [st.x, st.y]);
  if (!snap) throw unprocessable('NOT_ON_NETWORK', `station ${q.station} is more than 500 m from any walkable way`);
  const bands = isoBands(graph, snap, { minutes: q.minutes, speedKmh: q.speed, at: q.at ?? null });
  return { type: 'FeatureCollection', features: bands.map((b) => ({ ...b, properties: { ...b.properties, station: st.id } })) };
}

export async function walk(db: Kysely<DB>, q: { from: [number, number]; to: number; speed: number; at?: Date }) {
  const st = await repo.station(db, q.to);
  if (!st) throw notFound(`station ${q.to} does not exist`);
  // The from-point's street graph, grown enough for a walk of twice the straight line; a longer
  // walk is only certain on the whole network, so it is asked again there.
  const near = await graphAt(db, q.from, Math.max(1000, 2 * haversineM(q.from, [st.x, st.y])));
  let r = walkOn(near.graph, q.from, [st.x, st.y], q.to, q.at);
  if (near.reachM < Infinity && (!r || r.costM > near.reachM)) r = walkOn(await walkGraph(db), q.from, [st.x, st.y], q.to, q.at);
  if (!r) throw unprocessable('NO_ROUTE', `no walking route from ${q.from.join(',')} to station ${q.to}${q.at ? ' at that time (gates closed)' : ''}`);
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: r.coordinates },
    properties: { station: st.id, name: st.name, lengthM: round(r.lengthM), costM: round(r.costM), timeMin: round(r.costM / metresPerMinute(q.speed)) },
  };
}

/**
 * Siting starts from the coverage the planner is looking at: the same station kinds, moment
 * (closed stations and gates), accessibility and what-if edits as the coverage request.
 */
export async function siting(db: Kysely<DB>, q: StationSelection & { area: number; k: number; minutes: number; speed: number; candidates?: { lon: number; lat: number; name?: string }[]; inventory: boolean; pois?: number[] }) {
  const area = await repo.areaExists(db, q.area);
  if (!area) throw notFound(`area ${q.area} does not exist`);
  const { graph } = await graphForArea(db, area.id, searchLimitM(q.minutes * metresPerMinute(q.speed)));
  const demand = await loadDemand(db, q.area);
  const stations = await selectStations(db, q);
  const access = prepareAccess(graph, demand);
  const at = q.at ?? null;
  const now = networkCoverage(graph, access, stations.map((s) => (s.counts ? snapPoint(graph, [s.x, s.y]) : null)), { minutes: q.minutes, speedKmh: q.speed, at });
  const pois = q.pois?.length ? await repo.poisIn(db, q.area, q.pois) : [];
  const missing = (q.pois ?? []).filter((id) => !pois.some((p) => p.id === id));
  if (missing.length) throw unprocessable('UNKNOWN_POI', `pois ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''} are not premises in area ${area.code} (see GET /api/circle/pois?area=${area.id})`);
  const pool = [
    ...(q.inventory ? (await repo.spaceCandidates(db, q.area)).map((c) => ({ ref: c.ref, name: c.name, lon: c.x, lat: c.y, source: 'inventory' as const })) : []),
    ...pois.map((p) => ({ ref: `poi:${p.id}`, name: p.name, lon: p.x, lat: p.y, source: 'poi' as const })),
    ...(q.candidates ?? []).map((c, i) => ({ ref: `point:${i + 1}`, name: c.name ?? `候选点 ${i + 1}`, lon: c.lon, lat: c.lat, source: 'given' as const })),
  ];
  const snapped = pool.map((c) => ({ c, s: snapPoint(graph, [c.lon, c.lat]) })).filter((x) => x.s !== null);
  if (!snapped.length) throw unprocessable('NO_CANDIDATES', `no siting candidates in area ${area.code}: no idle or reclaimed spaces on the ground floor or with a lift, and no POIs or points given`);
  const sets = coverSets(graph, access, snapped.map((x) => x.s!), now.thresholdM, { alreadyCovered: now.covered, closed: closedAt(graph, at) });
  const weights = Float64Array.from(demand, (d) => d.households);
  const result = site({ sets, weights, k: Math.min(q.k, snapped.length) });
  const total = demand.reduce((s, d) => s + d.households, 0);
  const before = demand.reduce((s, d, i) => s + (now.covered[i] ? d.households : 0), 0);
  return {
    area: { id: area.id, code: area.code, name: area.name },
    households: total,
    coveredBefore: before,
    coveredAfter: before + result.covered,
    candidates: snapped.length,
    optimal: result.optimal,
    picks: result.picks.map((p) => ({ ...snapped[p.candidate].c, gain: p.gain })),
    curve: result.curve.map((gain, j) => ({ k: j + 1, covered: before + gain, share: total ? (before + gain) / total : null })),
  };
}

/** Premises in an area a planner may offer as siting candidates. */
export async function pois(db: Kysely<DB>, areaId: number) {
  const area = await repo.areaExists(db, areaId);
  if (!area) throw notFound(`area ${areaId} does not exist`);
  return { area: areaId, pois: (await repo.poisIn(db, areaId)).map((p) => ({ id: p.id, kind: p.kind, name: p.name, lon: p.x, lat: p.y })) };
}

/**
 * Households and people within a walk of a point on the network (the demand around a room or a
 * candidate site): one bounded search from the point; only units within the same straight-line
 * distance are read, as no walk is shorter than the straight line.
 */
export async function walkDemand(db: Kysely<DB>, point: [number, number], minutes = 10, speedKmh = 4.5) {
  const thresholdM = minutes * metresPerMinute(speedKmh);
  const { graph } = await graphAt(db, point, searchLimitM(thresholdM), 60_000);
  const src = snapPoint(graph, point);
  if (!src) return { minutes, speedKmh, thresholdM, onNetwork: false, households: 0, population: 0 };
  const demand = await loadDemand(db, { lon: point[0], lat: point[1], radiusM: thresholdM + 1 });
  const net = networkCoverage(graph, prepareAccess(graph, demand), [src], { minutes, speedKmh });
  let households = 0, population = 0;
  demand.forEach((d, i) => { if (net.covered[i]) { households += d.households; population += d.population; } });
  return { minutes, speedKmh, thresholdM: round(thresholdM), onNetwork: true, households, population };
}
