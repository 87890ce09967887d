/**
 * Places: the place page, and staff adding and editing places in their jurisdiction with
 * optimistic concurrency (a stale `version` is a 409; the database keeps every replaced row).
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import type { Actor, Principal } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound } from '../errors.ts';
import { toWgs84 } from '../geo/crs.ts';
import * as activitiesRepo from './activities.repository.ts';
import { activityView } from './activities.view.ts';
import * as bookingsRepo from './bookings.repository.ts';
import { hoursFacts } from './place-hours.ts';
import { placeDetail } from './place-view.ts';
import * as repo from './places.repository.ts';
import type { CreatePlace, PatchPlace } from './places.schema.ts';
import { placesChanged } from './places.cache.ts';

/** Round to 7 decimals (≈ 1 cm), the data format's precision. */
const r7 = (v: number) => Math.round(v * 1e7) / 1e7;

export async function placeOr404(db: Kysely<DB>, id: number): Promise<repo.PlaceRow> {
  const row = await repo.findPlace(db, id);
  if (!row) throw notFound(`place ${id} does not exist`);
  return row;
}

/** Authorises `places.manage` on the area a place serves (everywhere when it serves none). */
export async function authorizeManage(db: Kysely<DB>, p: Principal, areaId: number | null): Promise<void> {
  await authorize(db, p, 'places.manage', areaId === null ? { everywhere: true } : { areaId });
}

export async function getPlace(db: Kysely<DB>, id: number, at: Date) {
  const row = await placeOr404(db, id);
  const [area, rooms, activities] = [
    row.area_id === null ? null : ((await repo.areaBrief(db, row.area_id)) ?? null),
    await bookingsRepo.roomsOf(db, id),
    await activitiesRepo.upcomingAt(db, id, at, 20),
  ];
  return {
    ...placeDetail(row),
    area,
    at: at.toISOString(),
    ...hoursFacts(row.opening_hours, at),
    rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
    activities: activities.map((a) => activityView(a)),
  };
}

export async function createPlace(db: Kysely<DB>, actor: Actor, body: CreatePlace) {
  const [x, y] = toWgs84([body.lon, body.lat], body.crs).map(r7);
  const areaId = body.areaId ?? (await repo.areaAt(db, x, y));
  await authorizeManage(db, actor.principal, areaId);
  const id = await db.transaction().execute(async (trx) => {
    const [newId] = await repo.insertPlaces(trx, [{ ...body, lon: x, lat: y, areaId }], actor.principal.user?.id ?? null);
    await record(trx, actor, { action: 'places.create', targetType: 'place', targetId: newId, areaId, details: { name: body.name, kind: body.kind } });
    return newId;
  });
  placesChanged();
  return getPlace(db, id, actor.at);
}

export async function patchPlace(db: Kysely<DB>, actor: Actor, id: number, body: PatchPlace) {
  const current = await placeOr404(db, id);
  await authorizeManage(db, actor.principal, current.area_id);
  if (body.areaId !== undefined && body.areaId !== current.area_id) await authorizeManage(db, actor.principal, body.areaId);
  const point = body.lon !== undefined && body.lat !== undefined ? toWgs84([body.lon, body.lat], body.crs).map(r7) : null;
  const write: repo.PlaceWrite = { ...body, lon: point?.[0], lat: point?.[1] };
  const changed = Object.keys(body).filter((k) => k !== 'version' && k !== 'crs' && (body as Record<string, unknown>)[k] !== undefined);
  await db.transaction().execute(async (trx) => {
    const version = await repo.updatePlace(trx, id, body.version, write, actor.principal.user?.id ?? null);
    if (version === null) {
      const now = await repo.findPlace(trx, id);
      if (!now) throw notFound(`place ${id} does not exist`);
      throw conflict(`place ${id} was changed by someone else: you edited version ${body.version}, it is now at version ${now.version}; reload it and apply your change again`, { currentVersion: now.version });
    }
    await record(trx, actor, { action: 'places.update', targetType: 'place', targetId: id, areaId: body.areaId ?? current.area_id, details: { fields: changed, version } });
  });
  placesChanged();
  return getPlace(db, id, actor.at);
}

/** Every earlier version of a place, newest first (the rows its edits replaced). */
export async function placeHistory(db: Kysely<DB>, p: Principal, id: number) {
  const row = await placeOr404(db, id);
  await authorizeManage(db, p, row.area_id);
  const versions = await repo.history(db, id);
  return {
    place: { id, name: row.name, version: row.version },
    versions: versions.map((v) => ({ version: v.version, replacedAt: new Date(v.replaced_at).toISOString(), row: v.row })),
  };
}
