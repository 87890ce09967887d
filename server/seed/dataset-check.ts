/**
 * Pure cross-file checks of a dataset before anything is written: every reference resolves,
 * codes are unique and well-formed. The database re-checks geometry at commit.
 */
import type { Dataset } from './dataset.ts';

export interface DatasetProblem {
  file: string;
  row: number;
  reason: string;
}

const LEVEL_PARENT: Record<string, string | null> = { street: null, community: 'street', grid: 'community', unit: 'grid' };
const CODE_LEN: Record<string, number> = { street: 9, community: 12, grid: 14, unit: 17 };

export function checkDataset(ds: Dataset, max = 20): DatasetProblem[] {
  const out: DatasetProblem[] = [];
  const add = (file: string, row: number, reason: string) => {
    if (out.length < max) out.push({ file, row, reason });
  };
  const areaLevel = new Map<string, string>();
  ds.areas.forEach((f, i) => {
    const p = f.properties ?? {};
    const row = i + 1;
    if (!(p.level in LEVEL_PARENT)) return add('areas.geojson', row, `unknown level ${JSON.stringify(p.level)}`);
    if (typeof p.code !== 'string' || !/^\d+$/.test(p.code) || p.code.length !== CODE_LEN[p.level])
      return add('areas.geojson', row, `${p.level} code ${JSON.stringify(p.code)} must be ${CODE_LEN[p.level]} digits`);
    if (areaLevel.has(p.code)) return add('areas.geojson', row, `duplicate code ${p.code}`);
    const want = LEVEL_PARENT[p.level];
    if (want) {
      if (areaLevel.get(p.parentCode) !== want)
        return add('areas.geojson', row, `${p.level} ${p.code}: parent ${p.parentCode} is not a ${want} listed before it`);
      if (!p.code.startsWith(p.parentCode)) add('areas.geojson', row, `code ${p.code} does not extend its parent code ${p.parentCode}`);
    }
    if (!f.geometry || !/Polygon$/.test(f.geometry.type)) add('areas.geojson', row, `${p.code}: geometry must be a Polygon or MultiPolygon`);
    areaLevel.set(p.code, p.level);
  });
  const buildingRefs = new Set<string>();
  ds.buildings.forEach((f, i) => {
    const r = f.properties?.ref;
    if (typeof r !== 'string' || buildingRefs.has(r)) add('buildings.geojson', i + 1, `missing or duplicate ref ${JSON.stringify(r)}`);
    buildingRefs.add(r);
  });
  const hh = new Set<string>();
  ds.households.forEach((h, i) => {
    const row = i + 2; // header is row 1
    if (hh.has(h.code)) add('households.csv', row, `duplicate household code ${h.code}`);
    hh.add(h.code);
    if (areaLevel.get(h.unit_code) !== 'unit') add('households.csv', row, `household ${h.code}: unit ${h.unit_code} does not exist`);
    if (h.building_ref && !buildingRefs.has(h.building_ref)) add('households.csv', row, `household ${h.code}: building ${h.building_ref} does not exist`);
    const size = Number(h.size);
    if (!Number.isInteger(size) || size < 1 || size > 30) add('households.csv', row, `household ${h.code}: size ${h.size} is not 1–30`);
  });
  ds.members.forEach((m, i) => {
    if (!hh.has(m.household_code)) add('members.csv', i + 2, `member of unknown household ${m.household_code}`);
  });
  ds.people.forEach((p, i) => {
    if (!areaLevel.has(p.area_code)) add('people.csv', i + 2, `person ${p.name}: area ${p.area_code} does not exist`);
    for (const c of (p.linked_households || '').split(';').filter(Boolean))
      if (!hh.has(c)) add('people.csv', i + 2, `person ${p.name}: linked household ${c} does not exist`);
  });
  return out;
}
