/**
 * Loads a dataset folder into the database in one transaction: all or nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { unprocessable } from '../errors.ts';
import { deriveCompounds } from '../audits/compounds.derive.ts';
import { readDataset, type Dataset, type Feature } from './dataset.ts';
import { checkDataset } from './dataset-check.ts';
import * as repo from './seed.repository.ts';
import { placesChanged } from '../places/places.cache.ts';

export type Progress = (step: string, done: number, total: number) => void;

const geo = (f: Feature) => JSON.stringify(f.geometry);
const flat = (fs: Feature[]) => fs.map((f) => ({ ...f.properties, geometry: geo(f) }));

export async function seedFromDir(db: Kysely<DB>, dir: string, onProgress?: Progress): Promise<Record<string, number>> {
  return seedDataset(db, readDataset(dir), onProgress);
}

export async function seedDataset(db: Kysely<DB>, ds: Dataset, onProgress?: Progress): Promise<Record<string, number>> {
  const problems = checkDataset(ds);
  if (problems.length) {
    const first = problems[0];
    throw unprocessable('DATASET_INVALID', `${first.file} row ${first.row}: ${first.reason}`, problems);
  }
  // Role grants name areas and households by id, which a reload renumbers: they are kept by code
  // (clearing truncates them with the areas) and put back where the code still exists.
  let grants: repo.SavedGrant[] = [];
  let grantsDropped = 0;
  const steps: [string, (trx: Kysely<DB>) => Promise<void>][] = [
    ['clear', async (t) => {
      grants = await repo.saveGrants(t);
      await repo.clearAll(t);
    }],
    ['areas', (t) => repo.insertAreas(t, ds.areas.map((f) => ({ ...(f.properties as any), geometry: geo(f) })))],
    ['buildings', (t) => repo.insertBuildings(t, flat(ds.buildings))],
    ['households', (t) => repo.insertHouseholds(t, ds.households)],
    ['members', (t) => repo.insertMembers(t, ds.members)],
    ['people', (t) => repo.insertPeople(t, ds.people)],
    ['roads', (t) => repo.insertRoads(t, flat(ds.roads))],
    ['places', (t) => repo.insertPlaces(t, ds.places.map((f) => ({ ...f.properties, services: f.properties.services ?? [], geometry: geo(f) })))],
    ['pois', (t) => repo.insertPois(t, flat(ds.pois))],
    ['spaces', (t) => repo.insertSpaces(t, flat(ds.spaces))],
    ['hazards', (t) => repo.insertHazards(t, flat(ds.hazards))],
    ['entrances', (t) => repo.insertEntrances(t, flat(ds.entrances))],
    ['basemap', (t) => repo.insertBasemap(t, flat(ds.basemap))],
    // 两房一共 (issue 5): compounds from grids + residential landuse; spaces attached to them.
    ['compounds', async (t) => void (await deriveCompounds(t))],
    ['grants', async (t) => void (grantsDropped = grants.length - (await repo.restoreGrants(t, grants)))],
  ];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < steps.length; i++) {
      onProgress?.(steps[i][0], i, steps.length);
      await steps[i][1](trx);
    }
    onProgress?.('integrity checks', steps.length, steps.length);
  });
  placesChanged();
  const counts: Record<string, number> = {};
  for (const t of ['areas', 'buildings', 'households', 'household_members', 'responsible_people', 'road_edges', 'places'] as const)
    counts[t] = await repo.countRows(db, t);
  counts.grants_kept = grants.length - grantsDropped;
  counts.grants_dropped = grantsDropped;
  return counts;
}
