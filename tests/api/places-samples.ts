/**
 * Sample targets for the places routes in the access matrix (tests/api/access-matrix.test.ts):
 * places, a room, bookings, activities and registrations in grid A, owned by a separate user.
 * Writes consume a fresh target per request (a place at version 1, an active booking, an active
 * registration, a free slot), so every allowed caller gets a 2xx and every denied one a 401/403/404.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/types.ts';
import { createTestUser } from '../support/accounts.ts';

const N = 14;

export interface PlacesSamples {
  point: [number, number];
  gridA: number;
  placeIds: number[];
  roomId: number;
  bookingIds: number[];
  activityIds: number[];
  registrationIds: number[];
  /** An activity with capacity 2 that everyone may sign up for (later ones wait). */
  openActivityId: number;
  /** A stored photo of the first place. */
  photoId: number;
  next: Record<string, number>;
}

export async function setupPlacesSamples(db: Kysely<DB>, gridA: number): Promise<PlacesSamples> {
  const owner = await createTestUser(db, [{ role: 'rider' }], 'matrixowner');
  const [p] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where id = ${gridA}`.execute(db)).rows;
  const ids = (await sql<{ id: number }>`
    insert into places (kind, name, opening_hours, services, area_id, geom)
    select 'grid_station', '矩阵驿站 ' || g, '24/7', '{rest,meeting_room}', ${gridA}, ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), 4326)
    from generate_series(1, ${N}) g returning id`.execute(db)).rows.map((r) => r.id);
  const roomId = (await db.insertInto('rooms').values({ place_id: ids[0], name: '矩阵会议室', capacity: 10 }).returning('id').executeTakeFirstOrThrow()).id;
  const start = Date.now() + 86_400_000;
  const slot = (k: number) => sql`tstzrange(${new Date(start + k * 3_600_000).toISOString()}::timestamptz, ${new Date(start + (k + 1) * 3_600_000).toISOString()}::timestamptz)`;
  const bookingIds: number[] = [];
  const activityIds: number[] = [];
  const registrationIds: number[] = [];
  for (let k = 0; k < N; k++) {
    bookingIds.push((await sql<{ id: number }>`insert into bookings (room_id, user_id, during) values (${roomId}, ${owner.id}, ${slot(k)}) returning id`.execute(db)).rows[0].id);
    const a = (await sql<{ id: number }>`insert into activities (place_id, title, during, capacity) values (${ids[0]}, ${'矩阵活动 ' + k}, ${slot(k)}, 5) returning id`.execute(db)).rows[0].id;
    activityIds.push(a);
    registrationIds.push((await sql<{ id: number }>`insert into registrations (activity_id, user_id, status) values (${a}, ${owner.id}, 'registered') returning id`.execute(db)).rows[0].id);
  }
  const openActivityId = (await sql<{ id: number }>`insert into activities (place_id, title, during, capacity) values (${ids[0]}, '矩阵报名', ${slot(0)}, 2) returning id`.execute(db)).rows[0].id;
  const jpeg = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==', 'base64');
  const photoId = (await sql<{ id: number }>`insert into place_photos (place_id, width, height, bytes, sha256, data)
    values (${ids[0]}, 1, 1, ${jpeg.length}, ${'0'.repeat(64)}, ${jpeg}) returning id`.execute(db)).rows[0].id;
  return { point: [p.x, p.y], gridA, placeIds: ids, roomId, bookingIds, activityIds, registrationIds, openActivityId, photoId, next: {} };
}

/** A fresh index per call of the same kind (index 0 stays for reads). */
const take = (s: PlacesSamples, key: string, list: number[]) => {
  s.next[key] = (s.next[key] ?? 0) + 1;
  if (s.next[key] >= list.length) throw new Error(`places samples: more than ${list.length - 1} ${key} requests; raise N`);
  return String(list[s.next[key]]);
};

/** The path parameter of a places route, or undefined for other routes. */
export function placesPathParam(s: PlacesSamples, method: string, path: string, name: string): string | undefined {
  if (name === 'photoId' && path.startsWith('/api/places/')) return String(s.photoId);
  if (name !== 'id') return undefined;
  if (path === '/api/places/{id}' && method === 'PATCH') return take(s, 'patch', s.placeIds);
  if (path.startsWith('/api/places/')) return String(s.placeIds[0]);
  if (path.startsWith('/api/rooms/')) return String(s.roomId);
  if (path === '/api/bookings/{id}') return take(s, 'booking', s.bookingIds);
  if (path.startsWith('/api/bookings/')) return String(s.bookingIds[0]);
  if (path === '/api/activities/{id}/registrations') return String(s.openActivityId);
  if (path.startsWith('/api/activities/')) return String(s.activityIds[0]);
  if (path === '/api/registrations/{id}') return take(s, 'registration', s.registrationIds);
  return undefined;
}

let n = 0;
/** Request bodies for the places routes (fresh refs, names and slots on every call). */
export function placesBodies(s: PlacesSamples): Record<string, unknown> {
  const k = ++n;
  const at = (hours: number) => new Date(Date.now() + (48 + hours) * 3_600_000).toISOString();
  return {
    'POST /api/places': { kind: 'grid_station', name: `矩阵新站 ${k}`, lon: s.point[0], lat: s.point[1] },
    // a JSON body where a photo belongs: allowed callers get 400 (see the matrix), the others 401/403
    'POST /api/places/{id}/photos': { photo: 'not a photo' },
    'PATCH /api/places/{id}': { version: 1, name: `矩阵改名 ${k}` },
    'POST /api/places/import/preview': { file: { name: 'matrix.csv', text: `ref,name,kind,lon,lat\nmatrix-p-${k},矩阵导入,grid_station,${s.point[0]},${s.point[1]}` }, crs: 'wgs84', areaId: s.gridA },
    'POST /api/places/import': { file: { name: 'matrix.csv', text: `ref,name,kind,lon,lat\nmatrix-${process.pid}-${Date.now()}-${k},矩阵导入,grid_station,${s.point[0]},${s.point[1]}` }, crs: 'wgs84', areaId: s.gridA },
    'POST /api/places/{id}/rooms': { name: `矩阵房间 ${k}`, capacity: 8 },
    'POST /api/places/{id}/activities': { title: `矩阵讲座 ${k}`, start: at(0), end: at(1), capacity: 10 },
    'POST /api/rooms/{id}/bookings': { start: at(k), end: at(k + 1) },
    'POST /api/activities/{id}/registrations': {},
  };
}

/** Query parameters the matrix fills for places routes. */
export const PLACES_KNOWN_QUERY: Record<string, string> = { '/api/places/nearest': 'lon lat' };
export const placesQuery = (s: PlacesSamples) => ({ lon: String(s.point[0]), lat: String(s.point[1]) });
