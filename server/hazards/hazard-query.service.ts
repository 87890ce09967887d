/** Reading cases: the map layer / public list, per-area counts, "nearby" duplicates, queues, points. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { toWgs84, type Crs } from '../geo/crs.ts';
import type { FeatureCollection } from '../geo-sql.ts';
import * as cases from './hazard-cases.repository.ts';
import * as log from './hazard-log.repository.ts';
import * as photos from './hazard-photos.repository.ts';
import * as stats from './hazard-stats.repository.ts';
import { caseSummary, redactText } from './hazard.views.ts';
import type { View } from './hazard-access.ts';
import { OPEN_STATES, type State } from './hazard.workflow.ts';
import type { ListQuery } from './hazards.schema.ts';

/** Reports of the same category closer than this are offered as "me too" (issue 7). */
export const DUPLICATE_RADIUS_M = 50;

/**
 * The map layer: a GeoJSON FeatureCollection of points (MapLibre clusters it on the client),
 * coloured by `state`, with `overdue`. Never reporter, contact or details.
 */
export async function layer(db: Kysely<DB>, q: ListQuery, now: Date): Promise<FeatureCollection & { truncated: boolean }> {
  const rows = await cases.listCases(db, { bbox: q.bbox, categories: q.category, states: q.state, from: q.from, to: q.to, overdue: q.overdue, publicOnly: true, limit: q.limit, now });
  const truncated = rows.length > q.limit;
  return {
    type: 'FeatureCollection',
    truncated,
    features: rows.slice(0, q.limit).map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: { id: r.id, category: r.category, state: r.status, priority: r.priority, overdue: r.overdue, meToo: r.me_too, reportedAt: new Date(r.reported_at).toISOString() },
    })),
  };
}

/** Visible cases per street, community or grid: points at each area's label position. */
export async function counts(db: Kysely<DB>, q: Omit<ListQuery, 'limit' | 'overdue'> & { level: 'street' | 'community' | 'grid' }, now: Date): Promise<FeatureCollection> {
  const rows = await stats.countsByArea(db, { level: q.level, bbox: q.bbox, categories: q.category, states: q.state, from: q.from, to: q.to, publicOnly: true, now });
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', id: r.id, geometry: r.geometry, properties: { id: r.id, code: r.code, name: r.name, level: q.level, total: r.total, open: r.open, overdue: r.overdue } })),
  };
}

export async function nearby(db: Kysely<DB>, q: { lon: number; lat: number; crs: string; category: string }) {
  const [lon, lat] = toWgs84([q.lon, q.lat], q.crs as Crs);
  const rows = await cases.nearby(db, { lon, lat, category: q.category, radiusM: DUPLICATE_RADIUS_M, limit: 20 });
  return {
    radiusM: DUPLICATE_RADIUS_M,
    cases: rows.map((r) => ({
      id: r.id, category: r.category, state: r.status, description: redactText(r.description), reportedAt: new Date(r.reported_at).toISOString(),
      meToo: r.me_too, location: { lon: r.lon, lat: r.lat }, distanceM: Math.round(r.distance_m * 10) / 10,
    })),
  };
}

/** Work list: open cases (and resolved ones awaiting review) in these areas, overdue first. */
export async function queue(db: Kysely<DB>, areaIds: number[], q: { state?: State[]; limit: number }, now: Date) {
  const rows = await stats.queue(db, { areaIds, states: q.state ?? [...OPEN_STATES, 'resolved'], limit: q.limit, now });
  return { areas: areaIds, cases: rows.map((r) => ({ ...caseSummary(r, now, false), overdue: r.overdue })) };
}

export async function moderation(db: Kysely<DB>, areaIds: number[] | null, limit: number, now: Date) {
  const rows = await stats.moderationQueue(db, { areaIds, limit });
  return { cases: rows.map((r) => caseSummary(r, now, false)) };
}

export async function mine(db: Kysely<DB>, userId: number, now: Date) {
  return { cases: (await stats.casesOfReporter(db, userId, 200)).map((r) => caseSummary(r, now)) };
}

export async function points(db: Kysely<DB>, userId: number) {
  const [entries, months] = [await log.ledgerOf(db, userId, 500), await log.monthlyPoints(db, userId)];
  return {
    total: months.reduce((s, m) => s + m.points, 0),
    months,
    entries: entries.map((e) => ({ id: e.id, at: new Date(e.at).toISOString(), hazardId: e.hazard_id, category: e.category, points: e.points, reason: e.reason })),
  };
}

/** A photo's bytes, if the caller's view of the case includes it. */
export async function photo(db: Kysely<DB>, caseId: number, photoId: number, view: View) {
  const p = await photos.photoData(db, caseId, photoId);
  if (!p) throw notFound(`case ${caseId} has no photo ${photoId}`);
  return { mime: p.mime, data: Buffer.from(p.data), etag: `"${p.sha256.slice(0, 32)}"`, private: view !== 'public' };
}
