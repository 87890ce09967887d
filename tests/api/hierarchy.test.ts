/**
 * The sample's hierarchy holds its invariants in the database: totals roll up exactly, children
 * lie inside parents, siblings do not overlap, no orphans, codes extend their parents.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, openTestDatabase } from '../support/api.ts';
import type { Database } from '../../server/db/database.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const q = async <T>(text: string) => (await sql.raw<T>(text).execute(database.db)).rows;

describe(`hierarchy invariants (${backendName()})`, () => {
  it('has all four area levels and households', async () => {
    const rows = await q<{ level: string; n: number }>(`select level, count(*)::int n from areas group by level`);
    const by = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(by.street).toBeGreaterThanOrEqual(3);
    expect(by.community).toBeGreaterThan(by.street);
    expect(by.grid).toBeGreaterThan(by.community);
    expect(by.unit).toBeGreaterThan(by.grid);
    const [{ n }] = await q<{ n: number }>(`select count(*)::int n from households`);
    expect(n).toBeGreaterThan(5000);
  });

  it('unit totals equal their households, and every level sums its children exactly', async () => {
    const badUnits = await q(`select a.code from areas a
      left join (select unit_id, count(*)::int hh, sum(size)::int pop from households group by unit_id) h on h.unit_id = a.id
      where a.level = 'unit' and (a.households <> coalesce(h.hh, 0) or a.population <> coalesce(h.pop, 0))`);
    expect(badUnits).toEqual([]);
    const badParents = await q(`select p.code from areas p
      join (select parent_id, sum(households)::int hh, sum(population)::int pop, sum(units)::int un from areas group by parent_id) c on c.parent_id = p.id
      where p.households <> c.hh or p.population <> c.pop or p.units <> c.un`);
    expect(badParents).toEqual([]);
    const [tot] = await q<{ hh: number; pop: number; street_hh: number; street_pop: number }>(
      `select (select count(*)::int from households) hh, (select sum(size)::int from households) pop,
              (select sum(households)::int from areas where level='street') street_hh, (select sum(population)::int from areas where level='street') street_pop`);
    expect(tot.street_hh).toBe(tot.hh);
    expect(tot.street_pop).toBe(tot.pop);
  });

  it('every area lies inside its parent (< 1 m² outside)', async () => {
    const outside = await q(`select c.code, ST_Area(ST_Difference(c.geom, p.geom)::geography) m2
      from areas c join areas p on p.id = c.parent_id
      where not ST_CoveredBy(c.geom, p.geom) and ST_Area(ST_Difference(c.geom, p.geom)::geography) > 1`);
    expect(outside).toEqual([]);
  });

  it('siblings do not overlap (< 1 m² shared)', async () => {
    const overlaps = await q(`select a.code, b.code from areas a join areas b
      on a.parent_id is not distinct from b.parent_id and a.id < b.id and a.level = b.level and a.geom && b.geom
      where ST_Relate(a.geom, b.geom, '2********') and ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1`);
    expect(overlaps).toEqual([]);
  });

  it('children tile their parent (gaps < 1 m²)', async () => {
    const gaps = await q(`select p.code, ST_Area(ST_Difference(p.geom, ST_Union(c.geom))::geography) gap
      from areas p join areas c on c.parent_id = p.id group by p.id, p.code, p.geom
      having ST_Area(ST_Difference(p.geom, ST_Union(c.geom))::geography) > 1`);
    expect(gaps).toEqual([]);
  });

  it('codes extend their parent code in the CJ/T 349 manner', async () => {
    const bad = await q(`select c.code, p.code parent from areas c join areas p on p.id = c.parent_id
      where left(c.code, length(p.code)) <> p.code
         or length(c.code) <> length(p.code) + case c.level when 'community' then 3 when 'grid' then 2 else 3 end`);
    expect(bad).toEqual([]);
    const streets = await q<{ code: string }>(`select code from areas where level = 'street'`);
    for (const s of streets) expect(s.code).toMatch(/^\d{9}$/);
    const hh = await q(`select h.code from households h join areas u on u.id = h.unit_id where left(h.code, 17) <> u.code`);
    expect(hh).toEqual([]);
  });

  it('rejects an orphan household and a household attached to a grid', async () => {
    await expect(sql`insert into households (code, unit_id, size) values ('x1', null, 2)`.execute(database.db)).rejects.toThrow();
    const [grid] = await q<{ id: number }>(`select id from areas where level = 'grid' limit 1`);
    await expect(sql`insert into households (code, unit_id, size) values ('x2', ${grid.id}, 2)`.execute(database.db)).rejects.toThrow(/must belong to a unit/);
  });

  it('rejects, at commit, a unit drawn outside its grid and a grid overlapping its sibling', async () => {
    const [g] = await q<{ id: number; code: string }>(`select id, code from areas where level = 'grid' order by code limit 1`);
    const far = `ST_Multi(ST_MakeEnvelope(120, 30, 120.001, 30.001, 4326))`;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql.raw(`insert into areas (level, code, name, parent_id, geom) values ('unit', '${g.code}999', 'x', ${g.id}, ${far})`).execute(trx);
      }),
    ).rejects.toThrow(/outside its parent/);
    const [a, b] = await q<{ id: number; code: string }>(`select g.id, g.code from areas g where g.level='grid' and g.parent_id = (select parent_id from areas where id = ${g.id}) order by g.code limit 2`);
    if (b) {
      await expect(
        database.db.transaction().execute(async (trx) => {
          await sql.raw(`update areas set geom = ST_Multi(ST_Union(geom, (select geom from areas where id = ${b.id}))) where id = ${a.id}`).execute(trx);
        }),
      ).rejects.toThrow(/overlaps its sibling/);
    }
    const [{ n }] = await q<{ n: number }>(`select count(*)::int n from areas where code = '${g.code}999'`);
    expect(n).toBe(0);
  });

  it('moving a household to another unit keeps every total exact', async () => {
    const [h] = await q<{ id: number; unit_id: number; size: number }>(`select id, unit_id, size from households order by id limit 1`);
    const [other] = await q<{ id: number }>(`select id from areas where level = 'unit' and id <> ${h.unit_id} and parent_id <> (select parent_id from areas where id = ${h.unit_id}) limit 1`);
    const totals = async () => q<{ code: string; households: number }>(`select code, households from areas order by code`);
    const before = new Map((await totals()).map((r) => [r.code, r.households]));
    await database.db.transaction().execute(async (trx) => {
      await sql`update households set unit_id = ${other.id} where id = ${h.id}`.execute(trx);
    });
    const after = new Map((await totals()).map((r) => [r.code, r.households]));
    const sumBefore = [...before.values()].reduce((a, b) => a + b, 0);
    const sumAfter = [...after.values()].reduce((a, b) => a + b, 0);
    expect(sumAfter).toBe(sumBefore);
    const changed = [...after].filter(([c, n]) => before.get(c) !== n);
    expect(changed.length).toBeGreaterThanOrEqual(4); // the two units and at least their two grids
    await sql`update households set unit_id = ${h.unit_id} where id = ${h.id}`.execute(database.db);
    const restored = new Map((await totals()).map((r) => [r.code, r.households]));
    expect([...restored].every(([c, n]) => before.get(c) === n)).toBe(true);
  });
});
