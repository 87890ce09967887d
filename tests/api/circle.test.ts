/**
 * The service circle over the sample: totals add up, the network never beats the straight line,
 * closed stations and gates count only at their times, isochrones contain what they reach,
 * siting picks inventory rooms, and bad input is a clear 4xx.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { networkStats } from '../../server/circle/circle.network.ts';

let api: ApiContext;
let street: { id: number };
beforeAll(async () => {
  api = await startApi();
  street = (await api.get('/api/areas?level=street')).body.features.map((f: any) => f.properties).sort((a: any, b: any) => b.households - a.households)[0];
});
afterAll(async () => {
  await api?.close();
});

const coverage = async (qs: string) => {
  const r = await api.get(`/api/circle/coverage?${qs}`);
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  return r.body;
};

describe(`service circle API (${backendName()})`, () => {
  it('coverage of a street: children add up, network ≤ straight line for every building', async () => {
    const c = await coverage(`area=${street.id}`);
    expect(c.area.households).toBeGreaterThan(0);
    expect(c.children.reduce((s: number, x: any) => s + x.households, 0)).toBe(c.area.households);
    expect(c.children.reduce((s: number, x: any) => s + x.householdsCovered, 0)).toBe(c.area.householdsCovered);
    expect(c.buildings.reduce((s: number, b: any) => s + b.households, 0)).toBe(c.area.households);
    expect(c.buildings.filter((b: any) => b.covered).reduce((s: number, b: any) => s + b.households, 0)).toBe(c.area.householdsCovered);
    for (const b of c.buildings) if (b.covered) expect(b.straightCovered).toBe(true);
    expect(c.straightLine.householdsCovered).toBeGreaterThanOrEqual(c.area.householdsCovered);
    expect(c.params.thresholdM).toBe(750); // 10 min × 4.5 km/h
    const [{ n }] = (await sql<{ n: number }>`select count(*)::int n from households h join areas u on u.id = h.unit_id join areas g on g.id = u.parent_id join areas cm on cm.id = g.parent_id where cm.parent_id = ${street.id}`.execute(api.database.db)).rows;
    expect(c.area.households).toBe(n);
  });

  it('a GB 50180 preset and the elders speed change the threshold', async () => {
    expect((await coverage(`area=${street.id}&preset=10min`)).params.thresholdM).toBe(500);
    const slow = await coverage(`area=${street.id}&speed=3.6`);
    expect(slow.params.thresholdM).toBe(600);
    expect(slow.area.householdsCovered).toBeLessThanOrEqual((await coverage(`area=${street.id}`)).area.householdsCovered);
  });

  it('a station closed at that hour does not cover; accessible-only drops upper floors without a lift', async () => {
    const day = await coverage(`area=${street.id}&at=${encodeURIComponent('2026-11-18T10:00:00+08:00')}`);
    const night = await coverage(`area=${street.id}&at=${encodeURIComponent('2026-11-18T03:00:00+08:00')}`);
    expect(night.stations.closedAtTime).toBeGreaterThan(day.stations.closedAtTime);
    expect(night.area.householdsCovered).toBeLessThan(day.area.householdsCovered);
    const closedIds = new Set<number>();
    const rows = (await sql<{ id: number; opening_hours: string | null }>`select id, opening_hours from places`.execute(api.database.db)).rows;
    const { parseOpeningHours, isOpen } = await import('../../server/places/opening-hours.ts');
    for (const p of rows) {
      const r = p.opening_hours ? parseOpeningHours(p.opening_hours) : null;
      if (r?.ok && !isOpen(r.rules, new Date('2026-11-18T03:00:00+08:00'))) closedIds.add(p.id);
    }
    for (const b of night.buildings) if (b.station !== null) expect(closedIds.has(b.station)).toBe(false);
    const excluded = night.stations.excluded.filter((x: any) => x.reason === 'closed_at_time').map((x: any) => x.id);
    expect(excluded.length).toBe(night.stations.closedAtTime);
    for (const id of excluded) expect(closedIds.has(id)).toBe(true);
    const acc = await coverage(`area=${street.id}&accessible=true`);
    expect(acc.stations.notAccessible).toBeGreaterThan(0);
  });

  it('a gate closed 22:00–06:00 changes coverage at 23:00 and not at 12:00', async () => {
    const base = await coverage(`area=${street.id}`);
    const b = base.buildings.find((x: any) => x.covered && x.distM > 200 && x.buildingId);
    const [pt] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from buildings where id = ${b.buildingId}`.execute(api.database.db)).rows;
    const walk = await api.get(`/api/circle/walk?from=${pt.x},${pt.y}&to=${b.station}`);
    expect(walk.status).toBe(200);
    const coords = walk.body.geometry.coordinates;
    const mid = coords[Math.floor(coords.length / 2)];
    const edges = (await sql<{ id: number }>`select id from road_edges where walkable and ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(${mid[0]}, ${mid[1]}), 4326)::geography, 1)`.execute(api.database.db)).rows;
    expect(edges.length).toBeGreaterThan(0);
    const lateBefore = await coverage(`area=${street.id}&at=${encodeURIComponent('2026-11-18T23:00:00+08:00')}`);
    const builds = networkStats.builds;
    const regates = networkStats.regates;
    for (const e of edges) await sql`insert into gates (road_edge_id, name, closed_from, closed_to) values (${e.id}, '测试小区南门', '22:00', '06:00')`.execute(api.database.db);
    try {
      const noon = await coverage(`area=${street.id}&at=${encodeURIComponent('2026-11-18T12:00:00+08:00')}`);
      const late = await coverage(`area=${street.id}&at=${encodeURIComponent('2026-11-18T23:00:00+08:00')}`);
      const key = (x: any) => `${x.buildingId}:${x.unitId}`;
      const noonB = noon.buildings.find((x: any) => key(x) === key(b));
      const lateB = late.buildings.find((x: any) => key(x) === key(b));
      // At noon the gate is open: the walk is what it was (gates only differ in time).
      const dayRef = await coverage(`area=${street.id}&at=${encodeURIComponent('2026-11-18T12:00:00+08:00')}`);
      expect(noonB.distM).toBe(dayRef.buildings.find((x: any) => key(x) === key(b)).distM);
      expect(noonB.distM).toBeCloseTo(b.distM, 0);
      // At 23:00 the gate is locked: the building must walk round (or is no longer covered).
      expect(lateB.distM === null || lateB.distM > noonB.distM).toBe(true);
      // A gate edit re-gates the cached graph; the network is not rebuilt.
      expect(networkStats.builds).toBe(builds);
      expect(networkStats.regates).toBeGreaterThan(regates);
    } finally {
      await sql`delete from gates`.execute(api.database.db);
    }
    // removing the gate re-gates back to the coverage before it
    const lateAfter = await coverage(`area=${street.id}&at=${encodeURIComponent('2026-11-18T23:00:00+08:00')}`);
    expect(lateAfter.buildings).toEqual(lateBefore.buildings);
  });

  it('what if: a hypothetical station covers the worst-served building; removing a station never helps', async () => {
    const base = await coverage(`area=${street.id}`);
    const worst = base.buildings.filter((b: any) => !b.covered && b.buildingId).sort((a: any, b: any) => b.households - a.households)[0];
    expect(worst).toBeDefined();
    const [pt] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from buildings where id = ${worst.buildingId}`.execute(api.database.db)).rows;
    const added = await coverage(`area=${street.id}&add=${pt.x},${pt.y}`);
    expect(added.stations.added).toBe(1);
    const w = added.buildings.find((b: any) => b.buildingId === worst.buildingId && b.unitId === worst.unitId);
    expect(w.covered).toBe(true);
    expect(added.area.householdsCovered).toBeGreaterThanOrEqual(base.area.householdsCovered + worst.households);
    const used = [...new Set(base.buildings.map((b: any) => b.station).filter((x: any) => x !== null))];
    const removed = await coverage(`area=${street.id}&remove=${used.slice(0, 2).join(',')}`);
    expect(removed.area.householdsCovered).toBeLessThanOrEqual(base.area.householdsCovered);
    for (const b of removed.buildings) expect(used.slice(0, 2)).not.toContain(b.station);
  });

  it('gates are marked through the API by staff only, and the walking graph picks them up', async () => {
    const [e] = (await sql<{ x: number; y: number }>`select ST_X(ST_LineInterpolatePoint(geom, 0.5)) x, ST_Y(ST_LineInterpolatePoint(geom, 0.5)) y from road_edges where walkable and highway = 'footway' order by id limit 1`.execute(api.database.db)).rows;
    const body = { lon: e.x, lat: e.y, name: '北门', closedFrom: '22:00', closedTo: '06:00' };
    expect((await api.send('POST', '/api/circle/gates', body)).status).toBe(401);
    const admin = await createTestUser(api.database.db, [{ role: 'admin' }], 'gateadmin');
    const cookie = await loginAs(api, admin);
    const bad = await api.send('POST', '/api/circle/gates', { ...body, closedTo: '25:00' }, { cookie });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/closedTo/);
    const created = await api.send('POST', '/api/circle/gates', body, { cookie });
    expect(created.status).toBe(201);
    expect((await api.get('/api/circle/gates')).body.gates.map((g: any) => g.id)).toContain(created.body.id);
    expect((await api.send('DELETE', `/api/circle/gates/${created.body.id}`, undefined, { cookie })).status).toBe(204);
    expect((await api.get('/api/circle/gates')).body.gates.map((g: any) => g.id)).not.toContain(created.body.id);
  });

  it('isochrones: bands contain the station and grow with time', async () => {
    const st = (await sql<{ id: number; x: number; y: number }>`select id, ST_X(geom) x, ST_Y(geom) y from places where kind = 'community_center' order by id limit 1`.execute(api.database.db)).rows[0];
    const r = await api.get(`/api/circle/isochrones?station=${st.id}&minutes=5,10`);
    expect(r.status).toBe(200);
    expect(r.body.features.map((f: any) => f.properties.minutes)).toEqual([5, 10]);
    const area = async (g: unknown) => (await sql<{ a: number }>`select ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)::geography) a`.execute(api.database.db)).rows[0].a;
    const [a5, a10] = [await area(r.body.features[0].geometry), await area(r.body.features[1].geometry)];
    expect(a10).toBeGreaterThan(a5);
    // No band reaches further than its walking distance (+ the 30 m drawing buffer) in a straight line.
    const far = (await sql<{ d: number }>`select ST_MaxDistance(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(r.body.features[0].geometry)}), 4326)::geography::geometry, ST_SetSRID(ST_MakePoint(${st.x}, ${st.y}), 4326)) * 111000 d`.execute(api.database.db)).rows[0].d;
    expect(far).toBeLessThan((375 + 30 + 500) * 1.3);
  });

  it('siting picks rooms from the audit inventory and reports the coverage curve', async () => {
    const anon = await api.send('POST', '/api/circle/siting', { area: street.id, k: 3 });
    expect(anon.status).toBe(401); // the public may not plan stations
    const planner = await createTestUser(api.database.db, [{ role: 'planner', areaId: street.id }], 'siting');
    const cookie = await loginAs(api, planner);
    const spaces = (await sql<{ n: number }>`select count(*)::int n from spaces s join areas a on a.id = ${street.id} and ST_Intersects(a.geom, s.geom)
      where s.status in ('idle', 'reclaimed') and (s.floor <= 1 or s.lift)`.execute(api.database.db)).rows[0].n;
    expect(spaces).toBeGreaterThan(0);
    const r = await api.send('POST', '/api/circle/siting', { area: street.id, k: 3 }, { cookie });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.candidates).toBe(spaces);
    expect(r.body.picks.length).toBeGreaterThan(0);
    for (const p of r.body.picks) expect(p.ref).toMatch(/^space:\d+$/);
    const gains = r.body.picks.map((p: any) => p.gain);
    expect(r.body.coveredAfter - r.body.coveredBefore).toBe(gains.reduce((a: number, b: number) => a + b, 0));
    const curve = r.body.curve.map((c: any) => c.covered);
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThanOrEqual(curve[i - 1]);
    const now = await coverage(`area=${street.id}`);
    expect(r.body.coveredBefore).toBe(now.area.householdsCovered);
    // Outside the planner's street: refused.
    const other = (await api.get('/api/areas?level=street')).body.features.map((f: any) => f.properties).find((x: any) => x.id !== street.id);
    expect((await api.send('POST', '/api/circle/siting', { area: other.id, k: 1 }, { cookie })).status).toBe(403);
    expect((await api.send('POST', '/api/circle/siting', { area: street.id, k: 0 }, { cookie })).status).toBe(400);
  });

  it('siting starts from the coverage on screen: the moment, accessible-only and the what-if edits', async () => {
    const planner = await createTestUser(api.database.db, [{ role: 'planner', areaId: street.id }], 'sitingwhatif');
    const cookie = await loginAs(api, planner);
    const night = '2026-11-18T03:00:00+08:00';
    const base = await coverage(`area=${street.id}`);
    const used = [...new Set(base.buildings.filter((b: any) => b.covered).map((b: any) => b.station))].slice(0, 3) as number[];
    const [{ x, y }] = (await sql<{ x: number; y: number }>`select ST_X(ST_PointOnSurface(geom)) x, ST_Y(ST_PointOnSurface(geom)) y from areas where id = ${street.id}`.execute(api.database.db)).rows;
    const add: [number, number][] = [[x, y]];
    const cases: [Record<string, unknown>, string][] = [
      [{ at: night }, `at=${encodeURIComponent(night)}`],
      [{ accessible: true }, 'accessible=true'],
      [{ remove: used }, `remove=${used.join(',')}`],
      [{ add, remove: used }, `add=${add.map((p) => p.join(',')).join(';')}&remove=${used.join(',')}`],
    ];
    for (const [body, qs] of cases) {
      const r = await api.send('POST', '/api/circle/siting', { area: street.id, k: 2, ...body }, { cookie });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      const c = await coverage(`area=${street.id}&${qs}`);
      expect(r.body.coveredBefore, qs).toBe(c.area.householdsCovered);
    }
    // removing the stations in use leaves more to gain than the coverage as it is
    const removed = await api.send('POST', '/api/circle/siting', { area: street.id, k: 2, remove: used }, { cookie });
    expect(removed.body.coveredBefore).toBeLessThan(base.area.householdsCovered);
    expect((await api.send('POST', '/api/circle/siting', { area: street.id, k: 1, at: 'tonight' }, { cookie })).body.error.message).toMatch(/ISO 8601/);
  });

  it('siting takes existing POIs the planner chose as candidates, and names ones outside the area', async () => {
    const planner = await createTestUser(api.database.db, [{ role: 'planner', areaId: street.id }], 'sitingpois');
    const cookie = await loginAs(api, planner);
    expect((await api.get(`/api/circle/pois?area=${street.id}`)).status).toBe(401);
    const list = await api.get(`/api/circle/pois?area=${street.id}`, { cookie });
    expect(list.status).toBe(200);
    expect(list.body.pois.length).toBeGreaterThan(2);
    for (const p of list.body.pois) {
      expect(p.name).toBeTruthy();
      expect(['traffic_signals', 'bus_stop', 'crossing']).not.toContain(p.kind);
    }
    const chosen = list.body.pois.slice(0, 3).map((p: any) => p.id);
    const r = await api.send('POST', '/api/circle/siting', { area: street.id, k: 2, inventory: false, pois: chosen }, { cookie });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(r.body.candidates).toBeLessThanOrEqual(3);
    for (const p of r.body.picks) {
      expect(p.source).toBe('poi');
      expect(chosen).toContain(Number(p.ref.replace('poi:', '')));
    }
    const [outside] = (await sql<{ id: number }>`select p.id from pois p, areas a where a.id = ${street.id} and not ST_Intersects(a.geom, p.geom) limit 1`.execute(api.database.db)).rows;
    const bad = await api.send('POST', '/api/circle/siting', { area: street.id, k: 1, pois: [chosen[0], outside.id] }, { cookie });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain(`pois ${outside.id} are not premises in area`);
  });

  it('answers bad input with a 4xx naming it', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/circle/coverage?area=abc', 400, /area/],
      ['/api/circle/coverage?area=999999', 404, /area 999999/],
      [`/api/circle/coverage?area=${street.id}&speed=40`, 400, /speed/],
      [`/api/circle/coverage?area=${street.id}&kinds=castle`, 400, /kinds/],
      [`/api/circle/coverage?area=${street.id}&at=yesterday`, 400, /ISO 8601/],
      ['/api/circle/isochrones?station=999999', 404, /station 999999/],
      ['/api/circle/walk?from=1000,2&to=1', 400, /lon,lat/],
      [`/api/circle/coverage?area=${street.id}&add=121.5`, 400, /add/],
    ];
    for (const [url, status, msg] of cases) {
      const r = await api.get(url);
      expect(r.status, url).toBe(status);
      expect(r.body.error.message, url).toMatch(msg);
    }
  });
});
