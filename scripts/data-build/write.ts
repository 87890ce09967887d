/** Writing data/sample/ and the build summary printed to the console. */
import path from 'node:path';
import type { Feature } from 'geojson';
import type { Sample } from './build.ts';
import { round7 } from './geo.ts';
import { writeCsv, writeGeoJson, writeJson } from './io.ts';
import { GRID_BAND, UNIT_BAND } from './rules.ts';

export const ATTRIBUTION = '© OpenStreetMap contributors, ODbL 1.0';

export function counts(s: Sample): Record<string, number> {
  const level = (l: string) => s.areas.filter((a) => a.level === l).length;
  return {
    streets: level('street'), communities: level('community'), grids: level('grid'), units: level('unit'),
    households: s.households.length, persons: s.members.length, people: s.people.length,
    buildings: s.buildings.length, residentialBuildings: s.buildings.filter((b) => b.households > 0).length,
    syntheticBuildings: s.buildings.filter((b) => b.osmId === null).length,
    roadEdges: s.roads.length, roadNodes: s.roadNodes, places: s.places.length, pois: s.pois.length,
    spaces: s.spaces.length, hazards: s.hazards.length, entrances: s.entrances.length, basemap: s.basemap.length,
  };
}

export function meta(s: Sample): Record<string, unknown> {
  const countyCodes = [...new Set(s.areas.filter((a) => a.level === 'street').map((a) => a.code.slice(0, 6)))].sort();
  return {
    name: '上海外滩—陆家嘴（OSM 示例）',
    countyCode: countyCodes.includes('310101') ? '310101' : countyCodes[0],
    countyCodes,
    bbox: s.bbox.map(round7),
    center: [round7((s.bbox[0] + s.bbox[2]) / 2), round7((s.bbox[1] + s.bbox[3]) / 2)],
    attribution: ATTRIBUTION,
    generatedBy: 'scripts/data-build/main.ts (npm run data:build)',
    counts: counts(s),
  };
}

const feature = (properties: Record<string, unknown>, geometry: any): Feature => ({ type: 'Feature', properties, geometry });

/** Write every file; returns bytes per file name. */
export function writeSample(dir: string, s: Sample): Record<string, number> {
  const p = (f: string) => path.join(dir, f);
  const sizes: Record<string, number> = {};
  sizes['areas.geojson'] = writeGeoJson(p('areas.geojson'), s.areas.map((a) => feature({ code: a.code, level: a.level, name: a.name, parentCode: a.parentCode }, a.geometry)));
  sizes['buildings.geojson'] = writeGeoJson(p('buildings.geojson'), s.buildings.map((b) => feature({
    ref: b.ref, osmId: b.osmId, name: b.name, use: b.use, floors: b.floors, heightM: b.heightM, households: b.households,
    address: b.address, unitCode: b.unitCode,
  }, b.geometry)));
  sizes['households.csv'] = writeCsv(p('households.csv'), ['code', 'unit_code', 'building_ref', 'room', 'size'],
    s.households.map((h) => [h.code, h.unitCode, h.buildingRef, h.room, h.size]));
  sizes['members.csv'] = writeCsv(p('members.csv'), ['household_code', 'name', 'relation', 'birth_year', 'phone', 'groups'],
    s.members.map((m) => [m.householdCode, m.name, m.relation, m.birthYear, m.phone, m.groups.join(';')]));
  sizes['people.csv'] = writeCsv(p('people.csv'), ['area_code', 'role', 'name', 'phone', 'household_code', 'linked_households'],
    s.people.map((x) => [x.areaCode, x.role, x.name, x.phone, x.householdCode, x.linked.join(';')]));
  sizes['roads.geojson'] = writeGeoJson(p('roads.geojson'), s.roads);
  sizes['places.geojson'] = writeGeoJson(p('places.geojson'), s.places);
  sizes['pois.geojson'] = writeGeoJson(p('pois.geojson'), s.pois);
  sizes['spaces.geojson'] = writeGeoJson(p('spaces.geojson'), s.spaces);
  sizes['hazards.geojson'] = writeGeoJson(p('hazards.geojson'), s.hazards);
  sizes['entrances.geojson'] = writeGeoJson(p('entrances.geojson'), s.entrances);
  sizes['basemap.geojson'] = writeGeoJson(p('basemap.geojson'), s.basemap);
  sizes['meta.json'] = writeJson(p('meta.json'), meta(s));
  return sizes;
}

/** Band statistics: how many areas of a level fall under, in and over a household band. */
function bands(s: Sample, level: string, band: [number, number]): string {
  const hs = s.areas.filter((a) => a.level === level).map((a) => a.households);
  const under = hs.filter((h) => h < band[0]).length;
  const over = hs.filter((h) => h > band[1]).length;
  return `${level}s ${hs.length}: ${hs.length - under - over} in ${band[0]}–${band[1]}, ${under} under, ${over} over (min ${Math.min(...hs)}, max ${Math.max(...hs)})`;
}

export function summary(s: Sample, sizes: Record<string, number>, dir: string, ms: number): string {
  const c = counts(s);
  const files = Object.entries(sizes).map(([f, b]) => `  ${f.padEnd(18)} ${(b / 1024).toFixed(0).padStart(6)} KiB`);
  return [
    `data:build wrote ${dir} in ${(ms / 1000).toFixed(1)} s`,
    ...files,
    `counts ${JSON.stringify(c)}`,
    `  ${bands(s, 'unit', UNIT_BAND)}`,
    `  ${bands(s, 'grid', GRID_BAND)}`,
    ...(s.droppedStreets.length ? [`  streets left out (under one grid of households): ${s.droppedStreets.join(', ')}`] : []),
  ].join('\n');
}
