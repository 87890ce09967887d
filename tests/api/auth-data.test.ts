/**
 * Personal data by jurisdiction: staff of the area see members and phones (and every read is in
 * the audit log); another community's grid worker gets nothing of it by id, area list, search or
 * stats — not even a count; the public sees aggregates with small counts as "<5".
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, places, type Places } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';

let api: ApiContext;
let at: Places;
let workerA: string;
let workerB: string;
let staffA: string;
let staffB: string;
let streetStaff: string;
let workerAId: number;

beforeAll(async () => {
  api = await startApi();
  at = await places(api.database.db);
  const db = api.database.db;
  const wA = await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridA }], 'wa');
  workerAId = wA.id;
  workerA = await loginAs(api, wA);
  workerB = await loginAs(api, await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridB }], 'wb'));
  staffA = await loginAs(api, await createTestUser(db, [{ role: 'community_staff', areaId: at.communityA }], 'ca'));
  staffB = await loginAs(api, await createTestUser(db, [{ role: 'community_staff', areaId: at.communityB }], 'cb'));
  streetStaff = await loginAs(api, await createTestUser(db, [{ role: 'street_staff', areaId: at.street }], 'st'));
});
afterAll(async () => {
  await api?.close();
});

const personal = (body: unknown) => {
  const text = JSON.stringify(body);
  return text.includes(at.memberA.name) || text.includes(at.memberA.phone);
};

describe(`personal data for the area's staff (${backendName()})`, () => {
  it('lists the households of a grid with members, phones and groups, paged', async () => {
    const r = await api.get(`/api/areas/${at.gridA}/households?limit=500`, { cookie: workerA });
    expect(r.status).toBe(400); // limit above 200
    const page = await api.get(`/api/areas/${at.gridA}/households?limit=200`, { cookie: workerA });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const grid = (await api.get(`/api/areas/${at.gridA}`)).body;
    expect(page.body.total).toBe(grid.households);
    expect(page.body.households.length).toBe(Math.min(200, grid.households));
    const h = page.body.households.find((x: any) => x.id === at.householdA) ?? (await api.get(`/api/households/${at.householdA}`, { cookie: workerA })).body;
    expect(h.members.some((m: any) => m.name === at.memberA.name && m.phone === at.memberA.phone)).toBe(true);
    expect(h.members[0]).toHaveProperty('groups');
    const second = await api.get(`/api/areas/${at.gridA}/households?limit=2&offset=2`, { cookie: workerA });
    expect(second.body.households.map((x: any) => x.id)).toEqual(page.body.households.slice(2, 4).map((x: any) => x.id));
  });

  it('shows one household to the staff of its grid, community and street', async () => {
    for (const cookie of [workerA, staffA, streetStaff]) {
      const r = await api.get(`/api/households/${at.householdA}`, { cookie });
      expect(r.status).toBe(200);
      expect(personal(r.body)).toBe(true);
    }
  });
});

describe(`another community's grid worker gets nothing (${backendName()})`, () => {
  it('by id: 404, exactly like a household that does not exist', async () => {
    const r = await api.get(`/api/households/${at.householdA}`, { cookie: workerB });
    const none = await api.get(`/api/households/2147483647`, { cookie: workerB });
    expect(r.status).toBe(404);
    expect(r.body.error.message.replace(String(at.householdA), 'N')).toBe(none.body.error.message.replace('2147483647', 'N'));
    expect(personal(r.body)).toBe(false);
  });

  it('by area list: 403 for the grid, its community and the street above, with no count', async () => {
    for (const area of [at.gridA, at.unitA, at.communityA, at.street]) {
      const r = await api.get(`/api/areas/${area}/households`, { cookie: workerB });
      expect(r.status).toBe(403);
      expect(Object.keys(r.body)).toEqual(['error']);
      expect(JSON.stringify(r.body)).not.toMatch(/total|households"/);
    }
    expect((await api.get(`/api/areas/${at.gridB}/households?limit=1`, { cookie: workerB })).status).toBe(200);
  });

  it('by search and by bbox: no household rows for anyone', async () => {
    for (const q of [at.memberA.name, at.memberA.phone]) {
      const pub = await api.get(`/api/search?q=${encodeURIComponent(q)}`);
      const b = await api.get(`/api/search?q=${encodeURIComponent(q)}`, { cookie: workerB });
      expect(b.body).toEqual(pub.body);
      expect(personal(b.body)).toBe(false);
      expect(b.body.results.every((x: any) => ['area', 'building', 'place'].includes(x.type))).toBe(true);
    }
    const meta = (await api.get('/api/meta')).body;
    for (const layer of ['buildings', 'places']) expect(personal((await api.get(`/api/map/${layer}?bbox=${meta.bbox.join(',')}`, { cookie: workerB })).body)).toBe(false);
  });

  it('by stats: what the public gets (small counts hidden), exact only in its own area', async () => {
    const pub = await api.get(`/api/areas/${at.unitA}/stats`);
    const b = await api.get(`/api/areas/${at.unitA}/stats`, { cookie: workerB });
    expect(b.status).toBe(200);
    expect(b.body).toEqual(pub.body);
    expect(pub.body.exact).toBe(false);
    const own = await api.get(`/api/areas/${at.gridB}/stats`, { cookie: workerB });
    expect(own.body.exact).toBe(true);
    expect(own.body.specialGroups.every((g: any) => typeof g.count === 'number')).toBe(true);
  });

  it('by audit log: another community cannot read it', async () => {
    expect((await api.get(`/api/audit?area=${at.communityA}`, { cookie: staffB })).status).toBe(403);
    expect((await api.get(`/api/audit?area=${at.gridA}`, { cookie: staffB })).status).toBe(403);
    expect((await api.get(`/api/audit`, { cookie: staffB })).status).toBe(403); // no area: only for roles without a limit
    expect((await api.get(`/api/audit?area=${at.communityA}`, { cookie: workerA })).status).toBe(403); // grid workers have no audit right
  });
});

describe(`aggregates for the public (${backendName()})`, () => {
  it('shows totals, and special-group counts below 5 as "<5"', async () => {
    const r = await api.get(`/api/areas/${at.communityA}/stats`);
    expect(r.status).toBe(200);
    const area = (await api.get(`/api/areas/${at.communityA}`)).body;
    expect(r.body).toMatchObject({ households: area.households, population: area.population, exact: false });
    expect(r.body.specialGroups.map((g: any) => g.name)).toEqual(['低保', '独居老人', '残疾人', '留守儿童']);
    const exact = (await api.get(`/api/areas/${at.communityA}/stats`, { cookie: staffA })).body;
    const truth = await sql<{ g: string; n: number }>`
      select g, count(*)::int n from household_members m join households h on h.id = m.household_id
        join areas u on u.id = h.unit_id join areas gr on gr.id = u.parent_id, unnest(m.groups) g
      where gr.parent_id = ${at.communityA} group by g`.execute(api.database.db);
    for (const g of exact.specialGroups) {
      const n = truth.rows.find((x) => x.g === g.name)?.n ?? 0;
      expect(g.count).toBe(n);
      expect(r.body.specialGroups.find((x: any) => x.key === g.key).count).toBe(n < 5 ? '<5' : n);
    }
    const unit = (await api.get(`/api/areas/${at.unitA}/stats`)).body;
    expect(unit.specialGroups.some((g: any) => g.count === '<5')).toBe(true);
    expect((await api.get('/api/areas/2147483647/stats')).status).toBe(404);
  });
});

describe(`the audit log shows the reads (${backendName()})`, () => {
  it('records who read which households, when and from where; staff above see it', async () => {
    await api.get(`/api/households/${at.householdA}`, { cookie: workerA });
    await api.get(`/api/areas/${at.gridA}/households?limit=5`, { cookie: workerA });
    await api.get(`/api/households/${at.householdA}`, { cookie: workerB }); // refused: no data, no read entry
    for (const [cookie, area] of [[staffA, at.communityA], [streetStaff, at.street], [staffA, at.gridA]] as const) {
      const r = await api.get(`/api/audit?area=${area}&limit=500`, { cookie });
      expect(r.status).toBe(200);
      const mine = r.body.entries.filter((e: any) => e.actor?.id === workerAId);
      const one = mine.find((e: any) => e.action === 'households.read' && e.targetId === String(at.householdA));
      expect(one).toMatchObject({ targetType: 'household', areaId: at.unitA, ip: api.ip });
      expect(Date.now() - Date.parse(one.at)).toBeLessThan(10 * 60_000);
      const list = mine.find((e: any) => e.action === 'households.list' && e.areaId === at.gridA);
      expect(list.details.householdIds).toHaveLength(5);
      const inside = await sql<{ id: number }>`
        with recursive d(id) as (select ${area}::int union all select a.id from areas a join d on a.parent_id = d.id) select id from d`.execute(api.database.db);
      const ids = new Set(inside.rows.map((x) => x.id));
      expect(r.body.entries.filter((e: any) => !ids.has(e.areaId))).toEqual([]);
    }
    const rows = await api.database.db.selectFrom('audit_log').select(['action', 'actor_username']).where('action', '=', 'audit.read').execute();
    expect(rows.length).toBeGreaterThan(0); // reading the log is logged too
  });
});
