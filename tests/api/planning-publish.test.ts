/**
 * Publish (issue 8): refused out of band without a reason and then nothing changes; the happy path
 * replaces the live grids in one transaction (CJ/T 349 codes, old grids kept with valid_to,
 * crosswalk for every household, hazard cases remapped, totals exact); history, diff, rollback.
 * On the shared PostgreSQL database the last test rolls the community back to its original grids.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { badCodes, badTotals, liveFingerprint, planningWorld, q, type PlanningWorld } from './planning-support.ts';

let api: ApiContext;
let w: PlanningWorld;
let original: Awaited<ReturnType<typeof liveFingerprint>>;
let originalCodes: { code: string }[];

beforeAll(async () => {
  api = await startApi();
  w = await planningWorld(api);
  original = await liveFingerprint(api.database.db, w.community.id);
  originalCodes = await q(api.database.db, `select h.code from households h join areas u on u.id = h.unit_id join areas g on g.id = u.parent_id where g.parent_id = ${w.community.id} order by h.id`);
});
afterAll(async () => {
  await api?.close();
});

const get = (path: string, cookie: string) => api.get(path, { cookie });
const send = (method: string, path: string, body: unknown, cookie: string) => api.send(method, path, body, { cookie });
const newDraft = async () => (await send('POST', '/api/planning/drafts', { areaId: w.community.id }, w.planner)).body;

describe(`publish, history, diff, rollback (${backendName()})`, () => {
  it('refuses a plan with a grid above the band without a reason, naming grid and households, and changes nothing', async () => {
    const d = await newDraft();
    const full = (await get(`/api/planning/drafts/${d.id}?geometry=false`, w.planner)).body;
    const [g1, g2] = full.grids.map((g: any) => g.id);
    const merged = Object.fromEntries(Object.entries(full.assignments).map(([u, g]) => [u, g === g2 ? g1 : g]));
    await send('PUT', `/api/planning/drafts/${d.id}`, { baseVersion: 1, assignments: merged }, w.planner);
    const hh = full.grids[0].households + full.grids[1].households;
    const r = await send('POST', `/api/planning/drafts/${d.id}/publish`, { version: 2 }, w.planner);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PLAN_NOT_PUBLISHABLE');
    if (hh > 400) {
      expect(r.body.error.message).toContain(`grid ${g1} has ${hh} households, above the 400 limit`);
      expect(r.body.error.details.issues[0]).toMatchObject({ reason: 'GRID_OUT_OF_BAND', grid: g1, households: hh });
    }
    const stale = await send('POST', `/api/planning/drafts/${d.id}/publish`, { version: 1 }, w.planner);
    expect(stale.status).toBe(409);
    expect(await liveFingerprint(api.database.db, w.community.id)).toEqual(original);
    expect((await get(`/api/planning/communities/${w.community.id}/versions`, w.planner)).body.versions).toEqual([]);
  });

  it('is atomic: a failure halfway (the crosswalk refuses its rows) leaves the old grids live and no version', async () => {
    const db = api.database.db;
    const d = await newDraft();
    const p = await send('POST', `/api/planning/drafts/${d.id}/propose`, { baseVersion: 1, mode: 'fresh' }, w.planner);
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    // The crosswalk is written after the grids were replaced and the units re-parented.
    await sql`create function test_fail_crosswalk() returns trigger language plpgsql as $$ begin raise exception 'simulated failure halfway through a publish'; end $$`.execute(db);
    await sql`create trigger test_fail_crosswalk before insert on plan_crosswalk for each row execute function test_fail_crosswalk()`.execute(db);
    try {
      const r = await send('POST', `/api/planning/drafts/${d.id}/publish`, { version: p.body.version, reasons: {} }, w.planner);
      expect(r.status).toBe(500);
    } finally {
      await sql`drop trigger test_fail_crosswalk on plan_crosswalk`.execute(db);
      await sql`drop function test_fail_crosswalk()`.execute(db);
    }
    expect(await liveFingerprint(db, w.community.id)).toEqual(original);
    expect((await get(`/api/planning/communities/${w.community.id}/versions`, w.planner)).body.versions).toEqual([]);
    expect(await badTotals(db)).toEqual([]);
  });

  it('publishes a proposal: new codes west → east, north → south; old grids kept; crosswalk; hazards; totals exact', async () => {
    const db = api.database.db;
    const d = await newDraft();
    const p = await send('POST', `/api/planning/drafts/${d.id}/propose`, { baseVersion: 1, mode: 'fresh' }, w.planner);
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const diff = await get(`/api/planning/drafts/${d.id}/diff`, w.planner);
    expect(diff.status).toBe(200);
    expect(diff.body.households.list).toBeNull(); // planners see counts, not households
    const staffDiff = await get(`/api/planning/drafts/${d.id}/diff`, w.staff);
    expect(staffDiff.body.households.list.length).toBe(staffDiff.body.households.count);
    expect(diff.body.units.length).toBeGreaterThan(0);
    const hazards = await q<{ id: number }>(db, `select id from hazards where community_id = ${w.community.id} and unit_id is not null`);
    expect(hazards.length).toBeGreaterThan(0);

    const r = await send('POST', `/api/planning/drafts/${d.id}/publish`, { version: 2 }, w.planner);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [c] = r.body.communities;
    expect(c.version).toBe(2);
    expect(c.movedHouseholds).toBe(diff.body.households.count);
    // Codes: community code + 01…NN; 01 lies in the northernmost row.
    const grids = await q<{ code: string; y: number; x: number; area: number }>(db, `select code, ST_Y(ST_Centroid(geom)) y, ST_X(ST_Centroid(geom)) x, ST_Area(geom::geography) area
      from areas where parent_id = ${w.community.id} order by code`);
    expect(grids.map((g) => g.code)).toEqual(grids.map((_, i) => w.community.code + String(i + 1).padStart(2, '0')));
    const halfSideDeg = Math.sqrt([...grids].sort((a, b) => a.area - b.area)[grids.length >> 1].area) / 2 / 111_000;
    expect(grids[0].y).toBeGreaterThan(Math.max(...grids.map((g) => g.y)) - halfSideDeg * 1.5);
    // The old grids are kept with their validity period.
    const versions = (await get(`/api/planning/communities/${w.community.id}/versions`, w.staff)).body.versions;
    expect(versions.map((v: any) => [v.version, v.kind, v.live])).toEqual([[2, 'publish', true], [1, 'baseline', false]]);
    expect(versions[1].validTo).not.toBeNull();
    const v1 = (await get(`/api/planning/communities/${w.community.id}/versions/1`, w.planner)).body;
    expect(v1.features.map((f: any) => f.properties.code).sort()).toEqual(original.map((g: any) => g.code).sort());
    // Crosswalk: every household of the community, moved ones flagged; hazards follow their unit.
    const cw = await q<{ n: number; moved: number }>(db, `select count(*)::int n, count(*) filter (where moved)::int moved from plan_crosswalk x
      join plan_publications p on p.id = x.publication_id where p.community_id = ${w.community.id} and p.version = 2 and x.subject = 'household'`);
    expect(cw[0]).toEqual({ n: originalCodes.length, moved: diff.body.households.count });
    expect(await q(db, `select h.id from hazards h join areas u on u.id = h.unit_id where h.community_id = ${w.community.id} and h.grid_id <> u.parent_id`)).toEqual([]);
    const hzRows = await q<{ n: number }>(db, `select count(*)::int n from plan_crosswalk x join plan_publications p on p.id = x.publication_id
      where p.community_id = ${w.community.id} and p.version = 2 and x.subject = 'hazard'`);
    expect(hzRows[0].n).toBeGreaterThanOrEqual(hazards.length);
    // Integrity: totals exact at every level, codes extend their parents, units inside their grids.
    expect(await badTotals(db)).toEqual([]);
    expect(await badCodes(db)).toEqual([]);
    expect(await q(db, `select u.code from areas u join areas g on g.id = u.parent_id where g.parent_id = ${w.community.id}
      and ST_Area(ST_Difference(u.geom, g.geom)::geography) > 1`)).toEqual([]);
    // The draft is done.
    expect((await send('PATCH', `/api/planning/drafts/${d.id}`, { baseVersion: 2, changes: {} }, w.planner)).status).toBe(409);
  });

  it('diffs two published versions; households listed only for staff with jurisdiction', async () => {
    const r = await get(`/api/planning/communities/${w.community.id}/diff`, w.staff);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: 1, to: 2 });
    expect(r.body.households.count).toBeGreaterThan(0);
    expect(r.body.households.list.length).toBe(r.body.households.count);
    expect(r.body.boundaries.features.some((f: any) => f.properties.side === 'before')).toBe(true);
    expect(r.body.peopleToReassign.length).toBeGreaterThan(0);
    const planner = await get(`/api/planning/communities/${w.community.id}/diff?from=1&to=2`, w.planner);
    expect(planner.body.households.list).toBeNull();
    expect((await get(`/api/planning/communities/${w.community.id}/diff`, w.otherPlanner)).status).toBe(403);
  });

  it('rolls back by publishing version 1 again: the original codes, units and households return', async () => {
    const r = await send('POST', `/api/planning/communities/${w.community.id}/versions/1/rollback`, {}, w.planner);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ rolledBackTo: 1, version: 3 });
    const db = api.database.db;
    const now = await liveFingerprint(db, w.community.id);
    const strip = (x: any[]) => x.map(({ id: _i, geom: _g, ...rest }) => rest).sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(strip(now)).toEqual(strip(original));
    expect(await q(db, `select h.code from households h join areas u on u.id = h.unit_id join areas g on g.id = u.parent_id where g.parent_id = ${w.community.id} order by h.id`)).toEqual(originalCodes);
    expect(await badTotals(db)).toEqual([]);
    const versions = (await get(`/api/planning/communities/${w.community.id}/versions`, w.planner)).body.versions;
    expect(versions.map((v: any) => [v.version, v.kind, v.live])).toEqual([[3, 'rollback', true], [2, 'publish', false], [1, 'baseline', false]]);
    expect((await send('POST', `/api/planning/communities/${w.community.id}/versions/3/rollback`, {}, w.planner)).status).toBe(409);
    expect((await send('POST', `/api/planning/communities/${w.community.id}/versions/1/rollback`, {}, w.staff)).status).toBe(403);
  });
});
