/**
 * The finder and the place page over the sample: ranked by network walking distance (checked
 * against circle's single-pair route for every place), a place nearer in a straight line but
 * farther on foot ranks lower (the Huangpu has no walkable crossing in the sample), opening hours
 * at the asked time (past midnight, PH, off), the Amap link lands on the place (and the finder's
 * `links=true` gives the same links the web client builds), bad input is a
 * clear 4xx, and concurrent edits with a stale version get 409 while history keeps every row.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkGraph } from '../../server/circle/circle.network.ts';
import { route, snapPoint } from '../../server/circle/index.ts';
import { gcj02ToWgs84 } from '../../server/geo/crs.ts';
import { haversineM } from '../../server/geo/distance.ts';
import { navLinks } from '../../server/places/nav-links.ts';
import { createTestUser, loginAs, places } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';

const NOW = new Date('2026-11-18T10:00:00+08:00'); // a Wednesday
let api: ApiContext;
let staff: string;
let gridPoint: [number, number];
let bbox: number[];

beforeAll(async () => {
  api = await startApi({ now: () => NOW });
  const at = await places(api.database.db);
  staff = await loginAs(api, await createTestUser(api.database.db, [{ role: 'community_staff', areaId: at.communityA }], 'placestaff'));
  const [p] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where id = ${at.gridA}`.execute(api.database.db)).rows;
  gridPoint = [p.x, p.y];
  bbox = (await api.get('/api/meta')).body.bbox;
});
afterAll(async () => {
  await api?.close();
});

/** Every place ranked by circle's own single-pair route (≤ 3 km), the independent answer. */
async function byWalking(lon: number, lat: number) {
  const g = await walkGraph(api.database.db);
  const rows = (await sql<{ id: number; x: number; y: number }>`select id, ST_X(geom) x, ST_Y(geom) y from places order by id`.execute(api.database.db)).rows;
  const from = snapPoint(g, [lon, lat])!;
  return rows.map((r) => {
    const to = snapPoint(g, [r.x, r.y]);
    const walk = to && route(g, from, to, { maxM: 3000 });
    return { id: r.id, costM: walk ? walk.costM : Infinity, straightM: haversineM([lon, lat], [r.x, r.y]) };
  });
}

const ranked = (xs: Awaited<ReturnType<typeof byWalking>>) => xs.filter((x) => x.costM < Infinity).sort((a, b) => a.costM - b.costM || a.id - b.id);

describe(`places finder (${backendName()})`, () => {
  it('orders by network walking distance, equal to the single-pair route for every place', async () => {
    let checked = 0;
    for (let i = 0; i < 6; i++) {
      const lon = bbox[0] + ((i * 0.37 + 0.13) % 1) * (bbox[2] - bbox[0]);
      const lat = bbox[1] + ((i * 0.61 + 0.29) % 1) * (bbox[3] - bbox[1]);
      const r = await api.get(`/api/places/nearest?lon=${lon}&lat=${lat}&limit=10`);
      if (r.status === 422) continue; // in the river
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const want = ranked(await byWalking(lon, lat)).slice(0, 10);
      expect(r.body.results.map((x: any) => x.place.id)).toEqual(want.map((w) => w.id));
      r.body.results.forEach((x: any, k: number) => {
        expect(Math.abs(x.walkM - want[k].costM)).toBeLessThanOrEqual(0.5);
        expect(x.walkM).toBeGreaterThanOrEqual(x.straightM - 1);
        expect(Math.abs(x.walkMin - x.walkM / 75)).toBeLessThanOrEqual(0.06); // 4.5 km/h = 75 m/min
      });
      const first = r.body.results[0];
      expect(first.route.type).toBe('LineString');
      expect(first.route.coordinates[0]).toEqual([lon, lat]);
      expect(first.route.coordinates.at(-1)).toEqual(first.place.point);
      expect(r.body.results[3].route).toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('ranks a place nearer in a straight line but farther on foot lower, and leaves out what the river cuts off', async () => {
    let lower: { lon: number; lat: number; straight: number; walk: number } | null = null;
    let cutOff: { lon: number; lat: number; id: number } | null = null;
    const g = await walkGraph(api.database.db);
    for (let i = 1; i < 12 && !(lower && cutOff); i++) for (let j = 1; j < 12 && !(lower && cutOff); j++) {
      const lon = bbox[0] + (i / 12) * (bbox[2] - bbox[0]);
      const lat = bbox[1] + (j / 12) * (bbox[3] - bbox[1]);
      if (!snapPoint(g, [lon, lat])) continue;
      const all = await byWalking(lon, lat);
      const straight = [...all].sort((a, b) => a.straightM - b.straightM)[0];
      const walk = ranked(all)[0];
      if (!walk || walk.id === straight.id) continue;
      if (straight.costM === Infinity) cutOff ??= { lon, lat, id: straight.id };
      else lower ??= { lon, lat, straight: straight.id, walk: walk.id };
    }
    expect(lower, 'a point whose straight-line nearest is not the nearest on foot').not.toBeNull();
    const a = (await api.get(`/api/places/nearest?lon=${lower!.lon}&lat=${lower!.lat}&limit=20`)).body;
    expect(a.results[0].place.id).toBe(lower!.walk);
    const k = a.results.findIndex((x: any) => x.place.id === lower!.straight);
    expect(k).toBeGreaterThan(0);
    expect(a.results[k].straightM).toBeLessThan(a.results[0].straightM);
    expect(a.results[k].walkM).toBeGreaterThan(a.results[0].walkM);

    expect(cutOff, 'a point whose straight-line nearest is across the river').not.toBeNull();
    const b = (await api.get(`/api/places/nearest?lon=${cutOff!.lon}&lat=${cutOff!.lat}&limit=20`)).body;
    expect(b.results.map((x: any) => x.place.id)).not.toContain(cutOff!.id);
    expect(b.results.length).toBeGreaterThan(0);
  });

  it('filters by service, kind and step-free access; every result has them', async () => {
    const r = await api.get(`/api/places/nearest?lon=${gridPoint[0]}&lat=${gridPoint[1]}&service=toilet,drinking_water&kind=grid_station,community_center&step_free=true&limit=20`);
    expect(r.status).toBe(200);
    expect(r.body.results.length).toBeGreaterThan(0);
    for (const x of r.body.results) {
      expect(x.place.services).toEqual(expect.arrayContaining(['toilet', 'drinking_water']));
      expect(['grid_station', 'community_center']).toContain(x.place.kind);
      expect(x.place.stepFree && (x.place.floor === 1 || x.place.lift)).toBe(true);
    }
  });

  it('honours opening hours at the asked time: past midnight, PH and off', async () => {
    const mk = async (name: string, openingHours: string) => {
      const r = await api.send('POST', '/api/places', { kind: 'neighbourhood_post', name, lon: gridPoint[0], lat: gridPoint[1], openingHours, services: ['psychological_support', 'job_info'] }, { cookie: staff });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as number;
    };
    const night = await mk('夜间驿站', 'Fr 18:00-02:00');
    const ph = await mk('节假日休息驿站', 'Mo-Su 08:00-20:00; PH off');
    const off = await mk('周三休息驿站', 'Mo-Su 09:00-17:00; We off');
    const openIds = async (at: string) => {
      const r = await api.get(`/api/places/nearest?lon=${gridPoint[0]}&lat=${gridPoint[1]}&service=psychological_support,job_info&open_at=${encodeURIComponent(at)}&limit=20`);
      expect(r.status).toBe(200);
      for (const x of r.body.results) expect(x.openAt).toBe(true);
      return r.body.results.map((x: any) => x.place.id).filter((id: number) => [night, ph, off].includes(id)).sort();
    };
    expect(await openIds('2026-11-21T01:30:00+08:00')).toEqual([night]); // Friday night, past midnight
    expect(await openIds('2026-11-21T02:00:00+08:00')).toEqual([]); // 02:00 sharp: closed (spans are half-open)
    expect(await openIds('2026-10-01T10:00:00+08:00')).toEqual([off]); // National Day (Thu): PH off
    expect(await openIds('2026-11-18T10:00:00+08:00')).toEqual([ph]); // Wednesday: We off
    expect(await openIds('2026-11-20T10:00:00+08:00')).toEqual([ph, off].sort());
    const all = (await api.get(`/api/places/nearest?lon=${gridPoint[0]}&lat=${gridPoint[1]}&service=psychological_support&limit=20`)).body;
    const now = Object.fromEntries(all.results.map((x: any) => [x.place.id, x]));
    expect([now[night].openNow, now[ph].openNow, now[off].openNow]).toEqual([false, true, false]);
    expect(now[off].todayHours).toEqual([]);
    expect(now[ph].nextChange).toEqual({ at: new Date('2026-11-18T20:00:00+08:00').toISOString(), open: false });
  });

  it('answers bad coordinates, unknown services and kinds, bad times with a 4xx naming the problem', async () => {
    const bad = async (qs: string, status: number, text: RegExp) => {
      const r = await api.get(`/api/places/nearest?${qs}`);
      expect(r.status, qs).toBe(status);
      expect(r.body.error.message).toMatch(text);
    };
    await bad('lon=abc&lat=31.2', 400, /lon/);
    await bad('lon=121.5&lat=95', 400, /lat must be within -90…90/);
    await bad('lat=31.2', 400, /lon/);
    await bad(`lon=${gridPoint[0]}&lat=${gridPoint[1]}&service=rest,sauna`, 400, /unknown service "sauna"/);
    await bad(`lon=${gridPoint[0]}&lat=${gridPoint[1]}&kind=spa`, 400, /unknown kind "spa"/);
    await bad(`lon=${gridPoint[0]}&lat=${gridPoint[1]}&open_at=tomorrow`, 400, /open_at/);
    await bad(`lon=${gridPoint[0]}&lat=${gridPoint[1]}&limit=500`, 400, /limit must be at most 20/);
    await bad('lon=0&lat=0', 422, /more than 500 m from any walkable way/);
  });
});

describe(`place page and edits (${backendName()})`, () => {
  it('shows services, hours, next opening and a navigation link that lands on the place', async () => {
    const found = (await api.get(`/api/places/nearest?lon=${gridPoint[0]}&lat=${gridPoint[1]}&limit=1`)).body.results[0];
    const id = found.place.id;
    expect(found.navLinks).toBeUndefined(); // only with links=true: the web client builds them (nav-links.ts)
    const r = await api.get(`/api/places/${id}?at=${encodeURIComponent('2026-11-18T03:00:00+08:00')}`);
    expect(r.status).toBe(200);
    const p = r.body;
    expect(p.services[0]).toEqual({ key: expect.any(String), zh: expect.any(String), en: expect.any(String) });
    expect(p).toMatchObject({ id, rooms: expect.any(Array), activities: expect.any(Array), photos: expect.any(Array), area: { id: expect.any(Number) } });
    if (p.open === false) expect(new Date(p.nextOpening).getTime()).toBeGreaterThan(new Date('2026-11-18T03:00:00+08:00').getTime());
    const amap = new URL(p.navLinks.amap).searchParams.get('position')!.split(',').map(Number) as [number, number];
    expect(haversineM(gcj02ToWgs84(amap), p.point)).toBeLessThan(1);
    const withLinks = (await api.get(`/api/places/nearest?lon=${gridPoint[0]}&lat=${gridPoint[1]}&limit=1&links=true`)).body.results[0];
    expect(withLinks.navLinks).toEqual(p.navLinks);
    expect(withLinks.navLinks).toEqual(navLinks({ lon: found.place.point[0], lat: found.place.point[1], name: found.place.name }));
    expect((await api.get('/api/places/99999999')).status).toBe(404);
  });

  it('refuses unknown services, malformed hours, unknown kinds and anonymous writes', async () => {
    const base = { kind: 'grid_station', name: '测试站', lon: gridPoint[0], lat: gridPoint[1] };
    const post = (b: unknown, cookie: string | undefined = staff) => api.send('POST', '/api/places', b, { cookie });
    let r = await post({ ...base, services: ['rest', 'sauna'] });
    expect([r.status, r.body.error.message]).toEqual([400, expect.stringMatching(/services: unknown service "sauna"/)]);
    r = await post({ ...base, openingHours: 'Mo-Fr 25:00-18:00' });
    expect([r.status, r.body.error.message]).toEqual([400, expect.stringMatching(/openingHours: "Mo-Fr 25:00-18:00" is not valid opening_hours: .+ at \d+/)]);
    r = await post({ ...base, kind: 'spa' });
    expect([r.status, r.body.error.message]).toEqual([400, expect.stringMatching(/kind must be one of/)]);
    r = await post(base, '');
    expect(r.status).toBe(401);
  });

  it('converts a point picked on Amap (GCJ-02) and keeps every replaced row; a stale version gets 409', async () => {
    const { fromWgs84 } = await import('../../server/geo/crs.ts');
    const gcj = fromWgs84(gridPoint, 'gcj02');
    const created = await api.send('POST', '/api/places', { kind: 'rider_shop', name: '骑手补给点', lon: gcj[0], lat: gcj[1], crs: 'gcj02', services: ['ebike_charging', 'rest'], openingHours: '24/7', contact: '021-12345678', capacity: 6 }, { cookie: staff });
    expect(created.status).toBe(201);
    expect(haversineM(created.body.point, gridPoint)).toBeLessThan(1);
    const { id, version } = created.body;
    const edits = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => api.send('PATCH', `/api/places/${id}`, { version, name: `骑手补给点 ${n}` }, { cookie: staff })));
    const statuses = edits.map((e) => e.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    const stale = edits.find((e) => e.status === 409)!;
    expect(stale.body.error.message).toMatch(new RegExp(`you edited version ${version}, it is now at version ${version + 1}`));
    expect(stale.body.error.details.currentVersion).toBe(version + 1);
    const again = await api.send('PATCH', `/api/places/${id}`, { version: version + 1, openingHours: 'Mo-Su 06:00-23:00', services: ['ebike_charging'] }, { cookie: staff });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(version + 2);
    const h = await api.get(`/api/places/${id}/history`, { cookie: staff });
    expect(h.body.versions.map((v: any) => v.version)).toEqual([version + 1, version]);
    expect(h.body.versions[1].row).toMatchObject({ name: '骑手补给点', opening_hours: '24/7', services: ['ebike_charging', 'rest'] });
    expect((await api.send('PATCH', `/api/places/${id}`, { name: 'x' }, { cookie: staff })).body.error.message).toMatch(/version is required/);
    await expect(sql`delete from place_history where place_id = ${id}`.execute(api.database.db)).rejects.toThrow(/append-only/);
  });
});
