/** Loading a dataset is all or nothing: a bad one is refused with a message and changes nothing. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataset, type Dataset } from '../../server/seed/dataset.ts';
import { seedDataset } from '../../server/seed/seed.service.ts';
import type { Database } from '../../server/db/database.ts';
import { backendName, openTestDatabase } from '../support/api.ts';
import { SAMPLE_DIR } from '../support/datasets.ts';

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
});
