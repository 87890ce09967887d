/**
 * Generates a whole synthetic city into a folder, in the format of docs/DATA-FORMAT.md.
 * Geometry and areas are built in memory (tens of thousands of features at most); households,
 * members and people are streamed unit by unit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rngFor } from './rng.ts';
import { planCity } from './plan.ts';
import { layoutCity } from './layout.ts';
import { allAreas, buildHierarchy, type Hierarchy } from './hierarchy.ts';
import { buildRoads } from './roads.ts';
import { gridStaff, unitResidents, type PersonRow } from './people.ts';
import { geodesicLengthM, makeProjection, type Projection } from './geo.ts';
import { basemapFeatures, entranceFeatures, hazardFeatures, placeFeatures, poiFeatures, rectPolygon, spaceFeatures } from './places.ts';
import { readStreetCodes, DEFAULT_COUNTY, type County } from './streets.ts';
import { CsvWriter, writeFeatures, writeJson, type Feature } from './write.ts';
import type { CityLayout } from './layout.ts';

export const MIN_HOUSEHOLDS = 1_000;
/** Above this the 17 streets of 莱州 cannot all stay within 60,000 households. */
export const MAX_HOUSEHOLDS = 600_000;

export interface SynthOptions {
  households: number;
  seed: number;
  outDir: string;
  /** Defaults to data/street-codes.csv of this repository. */
  streetCodesPath?: string;
  county?: County;
}

export interface SynthResult {
  outDir: string;
  counts: Record<string, number>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

function areaFeatures(h: Hierarchy, proj: Projection): Feature[] {
  return allAreas(h).map((a) => ({
    type: 'Feature',
    geometry: rectPolygon(proj, a.rect),
    properties: { code: a.code, level: a.level, name: a.name, parentCode: a.parentCode },
  }));
}

function buildingFeatures(h: Hierarchy, proj: Projection): Feature[] {
  return h.buildings.map((b) => ({
    type: 'Feature',
    geometry: rectPolygon(proj, b.plan.rect),
    properties: {
      ref: b.ref,
      osmId: null,
      name: b.name,
      use: b.plan.use,
      floors: b.plan.floors,
      heightM: b.plan.heightM,
      households: b.plan.households,
      address: b.address,
      unitCode: b.unitCodes.length === 1 ? b.unitCodes[0] : null,
    },
  }));
}

function roadFeatures(layout: CityLayout, proj: Projection): Feature[] {
  return buildRoads(layout).map((e) => {
    const coords = e.coords.map(([x, y]) => proj.point(x, y));
    return {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: coords },
      properties: {
        id: e.id,
        osmId: null,
        highway: e.highway,
        name: e.name,
        walkable: true,
        bridge: e.bridge,
        tunnel: false,
        lengthM: Math.round(geodesicLengthM(coords) * 100) / 100,
        source: e.source,
        target: e.target,
      },
    };
  });
}

/** Streams households.csv, members.csv and people.csv in code order. */
async function writeResidents(h: Hierarchy, outDir: string, seed: number): Promise<Record<string, number>> {
  const households = new CsvWriter(path.join(outDir, 'households.csv'), ['code', 'unit_code', 'building_ref', 'room', 'size']);
  const members = new CsvWriter(path.join(outDir, 'members.csv'), ['household_code', 'name', 'relation', 'birth_year', 'phone', 'groups']);
  const people = new CsvWriter(path.join(outDir, 'people.csv'), ['area_code', 'role', 'name', 'phone', 'household_code', 'linked_households']);
  const person = (p: PersonRow) => people.row([p.areaCode, p.role, p.name, p.phone, p.householdCode, p.linked.join(';')]);
  for (const grid of h.grids) {
    for (const p of gridStaff(grid.code, rngFor(seed, 'staff', grid.code))) await person(p);
    for (const unit of grid.units) {
      const r = unitResidents(
        { code: unit.code, buildingRef: unit.building.ref, floors: unit.building.plan.floors, section: unit.section, households: unit.households },
        rngFor(seed, 'unit', unit.code),
      );
      for (const x of r.households) await households.row([x.code, x.unitCode, x.buildingRef, x.room, x.size]);
      for (const m of r.members) await members.row([m.householdCode, m.name, m.relation, m.birthYear, m.phone, m.groups.join(';')]);
      for (const p of r.people) await person(p);
    }
  }
  await Promise.all([households.close(), members.close(), people.close()]);
  return { households: households.rows, members: members.rows, people: people.rows };
}

export async function generateCity(opts: SynthOptions): Promise<SynthResult> {
  const { households: n, seed, outDir } = opts;
  if (!Number.isInteger(n) || n < MIN_HOUSEHOLDS || n > MAX_HOUSEHOLDS) {
    throw new Error(`--households ${n} is out of range: give an integer from ${MIN_HOUSEHOLDS} to ${MAX_HOUSEHOLDS}`);
  }
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed ${seed} must be a non-negative integer`);
  const county = opts.county ?? DEFAULT_COUNTY;
  const streets = readStreetCodes(opts.streetCodesPath ?? path.join(REPO_ROOT, 'data/street-codes.csv'), county.code);
  const plan = planCity(n, streets, rngFor(seed, 'plan'));
  const layout = layoutCity(plan, seed);
  const h = buildHierarchy(layout);
  const proj = makeProjection(county.center, plan.widthM, plan.heightM);
  fs.mkdirSync(outDir, { recursive: true });
  const file = (name: string) => path.join(outDir, name);
  const counts: Record<string, number> = {
    streets: h.streets.length,
    communities: h.communities.length,
    grids: h.grids.length,
    units: h.units.length,
    buildings: await writeFeatures(file('buildings.geojson'), buildingFeatures(h, proj)),
  };
  await writeFeatures(file('areas.geojson'), areaFeatures(h, proj));
  Object.assign(counts, await writeResidents(h, outDir, seed));
  counts.roads = await writeFeatures(file('roads.geojson'), roadFeatures(layout, proj));
  counts.places = await writeFeatures(file('places.geojson'), placeFeatures(h, proj, rngFor(seed, 'places')));
  counts.pois = await writeFeatures(file('pois.geojson'), poiFeatures(h, proj, rngFor(seed, 'pois')));
  counts.spaces = await writeFeatures(file('spaces.geojson'), spaceFeatures(h, proj, rngFor(seed, 'spaces')));
  counts.hazards = await writeFeatures(file('hazards.geojson'), hazardFeatures(h, proj, rngFor(seed, 'hazards'), counts.households));
  counts.entrances = await writeFeatures(file('entrances.geojson'), entranceFeatures(h, proj));
  counts.basemap = await writeFeatures(file('basemap.geojson'), basemapFeatures(layout, proj));
  writeJson(file('meta.json'), {
    name: `合成城市 ${n} 户 (${county.name}, seed ${seed})`,
    countyCode: county.code,
    bbox: [proj.lon(0), proj.lat(0), proj.lon(plan.widthM), proj.lat(plan.heightM)],
    center: county.center,
    attribution: 'Synthetic city from scripts/synth: every person, name, phone number, building and road is invented. Street codes and names: data/street-codes.csv (GB/T 2260 county codes).',
    generatedBy: `scripts/synth/main.ts --households ${n} --seed ${seed}`,
    counts,
  });
  return { outDir, counts };
}
