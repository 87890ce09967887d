/**
 * The finder's places held in memory (server/places/places.cache.ts, place-knn.ts): the in-memory
 * cut equals the KNN SQL on the database for every filter; the finder answers the same with the
 * places held as with the SQL per request; a staff edit through this server shows at once, and
 * a write from elsewhere (plain SQL) within the configured age.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPlaces, knnInMemory } from '../../server/places/place-knn.ts';
import { allBriefs, nearestByStraightLine, type KnnFilter, type PlaceBrief } from '../../server/places/places.repository.ts';
import { createTestUser, loginAs, places } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';

const NOW = new Date('2026-11-18T10:00:00+08:00');
const MAX_AGE_MS = 300;
let held: ApiContext; // places held in memory (re-checked every 300 ms)
let perRequest: ApiContext; // the KNN SQL on every request
let staff: string;
let bbox: number[];
let community: number;

beforeAll(async () => {
  held = await startApi({ now: () => NOW, config: { finderPlacesMaxAgeMs: MAX_AGE_MS } });
  perRequest = await startApi({ now: () => NOW, config: { finderPlacesMaxAgeMs: 0 } });
  const at = await places(held.database.db);
  community = at.communityA;
  staff = await loginAs(held, await createTestUser(held.database.db, [{ role: 'community_staff', areaId: at.communityA }], 'cachestaff'));
  bbox = (await held.get('/api/meta')).body.bbox;
});
afterAll(async () => {
  await held?.close();
  await perRequest?.close();
});

function points(n: number): [number, number][] {
  let a = 11;
  const rand = () => ((a = (a * 16807) % 2147483647) - 1) / 2147483646;
  return Array.from({ length: n }, () => [bbox[0] + rand() * (bbox[2] - bbox[0]), bbox[1] + rand() * (bbox[3] - bbox[1])]);
}

const d2 = (p: PlaceBrief, q: KnnFilter) => (p.x - q.lon) ** 2 + (p.y - q.lat) ** 2;

describe(`finder places held in memory (${backendName()})`, () => {
  it('the in-memory cut equals the KNN SQL for every filter (80 points × 6 filters)', async () => {
    const db = held.database.db;
    const all = await allBriefs(db);
    const index = indexPlaces(all);
    const ids = all.map((p) => p.id);
    const filters: Partial<KnnFilter>[] = [
      {}, { services: ['drinking_water'] }, { services: ['ebike_charging', 'rest'] }, { kinds: ['community_center', 'grid_station'] },
      { stepFree: true, limit: 5, radiusM: 1200 }, { exceptIds: ids.filter((_, i) => i % 3 === 0), limit: 12 },
    ];
    let compared = 0;
    for (const [lon, lat] of points(80)) {
      for (const f of filters) {
        const q: KnnFilter = { lon, lat, radiusM: 3000, limit: 30, ...f };
        const want = await nearestByStraightLine(db, q);
        const got = knnInMemory(index, q);
        expect(got.length).toBe(want.length);
        // Same order of distances; the same places except where equal distances meet the limit.
        got.forEach((p, i) => expect(d2(p, q)).toBeCloseTo(d2(want[i], q), 14));
        const last = want.length ? d2(want[want.length - 1], q) : 0;
        const inner = (xs: PlaceBrief[]) => xs.filter((p) => d2(p, q) < last - 1e-15).map((p) => p.id).sort((a, b) => a - b);
        expect(inner(got)).toEqual(inner(want));
        compared += got.length;
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('the finder answers the same with the places held as with the SQL per request', async () => {
    let answered = 0;
    for (const [lon, lat] of points(30)) {
      for (const qs of ['limit=5', 'limit=10&service=toilet', 'limit=3&open_at=2026-11-18T22:30:00%2B08:00&step_free=true']) {
        const path = `/api/places/nearest?lon=${lon}&lat=${lat}&${qs}`;
        const [a, b] = await Promise.all([held.get(path), perRequest.get(path)]);
        expect(a.status).toBe(b.status);
        if (a.status !== 200) continue;
        expect(a.body.results.map((r: any) => [r.place.id, r.walkM, r.openNow, r.route])).toEqual(b.body.results.map((r: any) => [r.place.id, r.walkM, r.openNow, r.route]));
        answered += a.body.results.length;
      }
    }
    expect(answered).toBeGreaterThan(100);
  });

  it("a staff edit through this server shows at once; a write from elsewhere within the configured age", async () => {
    // A place of the staff member's community, open on Wednesday at 10:00, asked from its own door.
    const [mine] = (await sql<{ id: number; x: number; y: number }>`
      select p.id, ST_X(p.geom) x, ST_Y(p.geom) y from places p
      where p.area_id in (select id from areas where id = ${community} or parent_id = ${community})
        and p.opening_hours is not null order by p.id`.execute(held.database.db)).rows;
    expect(mine).toBeDefined();
    const first = async () => (await held.get(`/api/places/nearest?lon=${mine.x}&lat=${mine.y}&limit=1&open_at=2026-11-18T10:00:00%2B08:00`)).body.results[0];
    const page = (await held.get(`/api/places/${mine.id}`)).body;
    await held.send('PATCH', `/api/places/${mine.id}`, { version: page.version, openingHours: 'Mo-Su 00:00-24:00' }, { cookie: staff });
    expect((await first())?.place.id).toBe(mine.id);
    const closed = await held.send('PATCH', `/api/places/${mine.id}`, { version: page.version + 1, openingHours: 'off' }, { cookie: staff });
    expect(closed.status).toBe(200);
    expect((await first())?.place.id).not.toBe(mine.id); // at once, no waiting
    await held.send('PATCH', `/api/places/${mine.id}`, { version: page.version + 2, openingHours: 'Mo-Su 00:00-24:00' }, { cookie: staff });
    expect((await first())?.place.id).toBe(mine.id);
    // Another process writes: visible once the held places are older than the configured age.
    await sql`update places set opening_hours = 'off' where id = ${mine.id}`.execute(held.database.db);
    await new Promise((r) => setTimeout(r, MAX_AGE_MS + 50));
    expect((await first())?.place.id).not.toBe(mine.id);
    await sql`update places set opening_hours = 'Mo-Su 00:00-24:00' where id = ${mine.id}`.execute(held.database.db);
    await new Promise((r) => setTimeout(r, MAX_AGE_MS + 50));
    expect((await first())?.place.id).toBe(mine.id);
  });
});
