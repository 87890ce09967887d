/**
 * Plan drafts (issue 8): open from the live grids, read with cells and measures, save versions,
 * 409 with the units that moved since a stale base, validation, proposals, jurisdiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { liveFingerprint, planningWorld, type PlanningWorld } from './planning-support.ts';

let api: ApiContext;
let w: PlanningWorld;
let draft: any;

beforeAll(async () => {
  api = await startApi();
  w = await planningWorld(api);
});
afterAll(async () => {
  await api?.close();
});

const get = (path: string, cookie: string) => api.get(path, { cookie });
const send = (method: string, path: string, body: unknown, cookie: string) => api.send(method, path, body, { cookie });

describe(`plan drafts (${backendName()})`, () => {
  it('opens a draft initialised from the live grids, without touching them', async () => {
    const before = await liveFingerprint(api.database.db, w.community.id);
    const r = await send('POST', '/api/planning/drafts', { areaId: w.community.id, name: '测试草案' }, w.planner);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: '测试草案', status: 'open', headVersion: 1, scope: { id: w.community.id, level: 'community' } });
    draft = r.body;
    const d = await get(`/api/planning/drafts/${draft.id}`, w.planner);
    expect(d.status).toBe(200);
    expect(d.body.band).toEqual([200, 400]);
    const units = d.body.units.features;
    expect(units.length).toBeGreaterThan(20);
    for (const f of units) {
      expect(f.geometry.type).toMatch(/Polygon/);
      expect(f.properties.grid).toBe(f.properties.liveGrid);
    }
    expect(d.body.grids.length).toBe(8);
    expect(d.body.summary.households).toBe(units.reduce((s: number, f: any) => s + f.properties.households, 0));
    for (const g of d.body.grids) expect(g).toHaveProperty('polsbyPopper');
    expect(await liveFingerprint(api.database.db, w.community.id)).toEqual(before);
    const list = await get(`/api/planning/drafts?area=${w.street}`, w.planner);
    expect(list.body.drafts.map((x: any) => x.id)).toContain(draft.id);
  });

  it('saves versions and answers a stale base with 409 naming the units that moved', async () => {
    const d = (await get(`/api/planning/drafts/${draft.id}?geometry=false`, w.planner)).body;
    const units = d.units.features.map((f: any) => f.properties);
    const [a, b] = [units[0], units.find((u: any) => u.grid !== units[0].grid)];
    const moved = { ...d.assignments, [a.id]: b.grid };
    const s1 = await send('PUT', `/api/planning/drafts/${draft.id}`, { baseVersion: 1, assignments: moved }, w.planner);
    expect(s1.status, JSON.stringify(s1.body)).toBe(201);
    expect(s1.body).toMatchObject({ version: 2, changed: 1 });
    const stale = await send('PATCH', `/api/planning/drafts/${draft.id}`, { baseVersion: 1, changes: { [units[1].id]: 'X1' } }, w.planner);
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.headVersion).toBe(2);
    expect(stale.body.error.details.changedUnits).toEqual([{ unit: a.id, code: a.code, from: a.grid, to: b.grid }]);
    const p = await send('PATCH', `/api/planning/drafts/${draft.id}`, { baseVersion: 2, changes: { [units[1].id]: null } }, w.planner);
    expect(p.status).toBe(201);
    expect(p.body.version).toBe(3);
    const v = await get(`/api/planning/drafts/${draft.id}/versions/3/validation`, w.staff);
    expect(v.status).toBe(200);
    expect(v.body.valid).toBe(false);
    expect(v.body.summary.unassignedUnits).toEqual([String(units[1].id)]);
    expect(v.body.issues.map((i: any) => i.reason)).toContain('UNIT_UNASSIGNED');
    const narrow = await get(`/api/planning/drafts/${draft.id}/versions/1/validation?band=10-20`, w.planner);
    expect(narrow.body.grids.every((g: any) => g.band === 'over')).toBe(true);
    const versions = await get(`/api/planning/drafts/${draft.id}/versions`, w.planner);
    expect(versions.body.versions.map((x: any) => x.version)).toEqual([3, 2, 1]);
  });

  it('rejects units outside the draft with a 422 naming them, and bad input with 400', async () => {
    const bad = await send('PATCH', `/api/planning/drafts/${draft.id}`, { baseVersion: 3, changes: { '999999': 'G1' } }, w.planner);
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/unit 999999 is not a unit/);
    expect((await send('PUT', `/api/planning/drafts/${draft.id}`, { baseVersion: 'x', assignments: {} }, w.planner)).status).toBe(400);
    expect((await get('/api/planning/drafts/999999', w.planner)).status).toBe(404);
  });

  it('lands a proposal in a new draft version, and explains an infeasible one with 422', async () => {
    const r = await send('POST', `/api/planning/drafts/${draft.id}/propose`, { baseVersion: 3, mode: 'fresh' }, w.planner);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ version: 4, valid: true });
    const v = await get(`/api/planning/drafts/${draft.id}/versions/4/validation`, w.planner);
    expect(v.body.valid).toBe(true);
    expect(v.body.summary.islands).toBe(0);
    const no = await send('POST', `/api/planning/drafts/${draft.id}/propose`, { baseVersion: 4, band: [5000, 6000] }, w.planner);
    expect(no.status).toBe(422);
    expect(no.body.error.code).toBe('PROPOSAL_INFEASIBLE');
    expect(no.body.error.details.reason).toBe('COMMUNITY_TOO_SMALL');
    expect(no.body.error.message).toMatch(/community has \d+ households: below one grid \(5000\)/);
    expect((await get(`/api/planning/drafts/${draft.id}`, w.planner)).body.draft.headVersion).toBe(4);
  });

  it('least change keeps a grid the planner locked exactly as drawn, island and all, and keeps the locks', async () => {
    const d = (await get(`/api/planning/drafts/${draft.id}?version=4&geometry=false`, w.planner)).body;
    const units = d.units.features.map((f: any) => f.properties);
    const locked = units[0].grid;
    // a unit of another grid painted into the locked grid, far enough to make an island
    let island: any = null;
    let version = 4;
    for (const u of units.filter((x: any) => x.grid !== locked).reverse()) {
      const r = await send('PUT', `/api/planning/drafts/${draft.id}`, { baseVersion: version, assignments: { ...d.assignments, [u.id]: locked }, locked: [locked] }, w.planner);
      expect(r.status).toBe(201);
      version = r.body.version;
      const v = (await get(`/api/planning/drafts/${draft.id}/versions/${version}/validation`, w.planner)).body;
      if (v.grids.find((g: any) => g.id === locked).pieces > 1) { island = u; break; }
    }
    expect(island).not.toBeNull();
    const p = await send('POST', `/api/planning/drafts/${draft.id}/propose`, { baseVersion: version, mode: 'least_change', keepInvalid: true }, w.planner);
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const after = (await get(`/api/planning/drafts/${draft.id}?version=${p.body.version}&geometry=false`, w.planner)).body;
    const members = (a: Record<string, string>) => Object.keys(a).filter((k) => a[k] === locked).sort();
    expect(members(after.assignments)).toEqual(members({ ...d.assignments, [island.id]: locked }));
    expect(after.version.locked).toEqual([locked]);
  });

  it('keeps drafts inside the jurisdiction: another street\'s planner can neither see nor change them', async () => {
    expect((await get(`/api/planning/drafts/${draft.id}`, w.otherPlanner)).status).toBe(403);
    expect((await send('PATCH', `/api/planning/drafts/${draft.id}`, { baseVersion: 99, changes: {} }, w.otherPlanner)).status).toBe(403);
    expect((await send('POST', `/api/planning/drafts/${draft.id}/publish`, { version: 99 }, w.otherPlanner)).status).toBe(403);
    expect((await get(`/api/planning/drafts?area=${w.community.id}`, w.otherPlanner)).status).toBe(403);
    expect((await send('POST', '/api/planning/drafts', { areaId: w.community.id }, w.otherPlanner)).status).toBe(403);
    // Community staff read plans but do not edit them; grid workers do neither.
    expect((await get(`/api/planning/drafts/${draft.id}`, w.staff)).status).toBe(200);
    expect((await send('PATCH', `/api/planning/drafts/${draft.id}`, { baseVersion: 99, changes: {} }, w.staff)).status).toBe(403);
    expect((await get(`/api/planning/drafts/${draft.id}`, w.gridWorker)).status).toBe(403);
    expect((await api.get(`/api/planning/drafts/${draft.id}`)).status).toBe(401);
  });
});
