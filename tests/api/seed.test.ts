/** Loading a dataset is all or nothing: a bad one is refused with a message and changes nothing. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, type Dataset } from '../../server/seed/dataset.ts';
import { seedDataset } from '../../server/seed/seed.service.ts';
import type { Database } from '../../server/db/database.ts';
import { backendName, openTestDatabase } from '../support/api.ts';
import { SAMPLE_DIR } from '../support/datasets.ts';
import { createTestUser } from '../support/accounts.ts';

let database: Database;
let sample: Dataset;
beforeAll(async () => {
  database = await openTestDatabase();
  sample = readDataset(SAMPLE_DIR);
});
afterAll(async () => {
  await database?.close();
});

const fingerprint = async () =>
  (
    await sql<{ a: number; h: number; m: number; s: string }>`select (select count(*) from areas)::int a, (select count(*) from households)::int h,
      (select count(*) from household_members)::int m, (select string_agg(code || ':' || households, ',' order by code) from areas where level = 'grid') s`.execute(database.db)
  ).rows[0];

const clone = (ds: Dataset): Dataset => structuredClone(ds);

describe(`seed (${backendName()})`, () => {
  it('refuses a household of an unknown unit, naming file and row, and writes nothing', async () => {
    const before = await fingerprint();
    const bad = clone(sample);
    bad.households[10].unit_code = '99999999999999999';
    await expect(seedDataset(database.db, bad)).rejects.toThrow(/households\.csv row 12: .*unit 99999999999999999 does not exist/);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a unit drawn outside its grid (checked by the database) and rolls back the clear', async () => {
    const before = await fingerprint();
    const bad = clone(sample);
    const unit = bad.areas.find((f) => f.properties.level === 'unit')!;
    unit.geometry = { type: 'Polygon', coordinates: [[[120, 30], [120.001, 30], [120.001, 30.001], [120, 30.001], [120, 30]]] };
    await expect(seedDataset(database.db, bad)).rejects.toThrow(/outside its parent/);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses duplicate codes and bad levels', async () => {
    const bad = clone(sample);
    bad.areas.push(structuredClone(bad.areas[0]));
    await expect(seedDataset(database.db, bad)).rejects.toThrow(/duplicate code/);
    const bad2 = clone(sample);
    bad2.areas[0].properties.level = 'province';
    await expect(seedDataset(database.db, bad2)).rejects.toThrow(/unknown level/);
  });

  it('reloading a dataset keeps role grants (active and revoked) by area and household code', async () => {
    const db = database.db;
    const [grid] = (await sql<{ id: number; code: string }>`select id, code from areas where level = 'grid' order by code desc limit 1`.execute(db)).rows;
    // a household linked to a 党员中心户 but not one itself (so it can be left out of a dataset below)
    const heads = new Set(sample.people.map((p) => p.household_code).filter(Boolean));
    const linked = sample.people.flatMap((p) => (p.linked_households ?? '').split(';')).filter((c) => c && !heads.has(c));
    const [hh] = (await sql<{ id: number; code: string }>`select id, code from households where code = ${linked[linked.length - 1]}`.execute(db)).rows;
    const worker = await createTestUser(db, [{ role: 'grid_worker', areaId: grid.id }, { role: 'resident', householdId: hh.id }], 'reseed');
    await sql`update role_grants set revoked_at = now() where user_id = ${worker.id} and role = 'resident'`.execute(db);
    const grantsOf = async () => (await sql<{ role: string; area: string | null; household: string | null; revoked: boolean }>`
      select g.role, a.code as area, h.code as household, g.revoked_at is not null as revoked from role_grants g
      left join areas a on a.id = g.area_id left join households h on h.id = g.household_id where g.user_id = ${worker.id} order by g.role`.execute(db)).rows;
    const before = await grantsOf();
    expect(before).toEqual([
      { role: 'grid_worker', area: grid.code, household: null, revoked: false },
      { role: 'resident', area: null, household: hh.code, revoked: true },
    ]);
    const counts = await seedDataset(db, sample);
    expect(await grantsOf()).toEqual(before);
    expect(counts.grants_dropped).toBe(0);
    // a grant whose household is gone from the new dataset is dropped (and counted), the others stay
    const smaller = clone(sample);
    smaller.households = smaller.households.filter((h) => h.code !== hh.code);
    smaller.members = smaller.members.filter((m) => m.household_code !== hh.code);
    for (const p of smaller.people) if (p.linked_households) p.linked_households = p.linked_households.split(';').filter((c) => c !== hh.code).join(';');
    const fewer = await seedDataset(db, smaller);
    expect(fewer.grants_dropped).toBe(1);
    expect(await grantsOf()).toEqual([before[0]]);
    await seedDataset(db, sample); // the full sample again for the files after this one
  });
});

