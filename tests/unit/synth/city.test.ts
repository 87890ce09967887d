/**
 * A whole 5,000-household city written to disk and read back as the loader reads it:
 * the DATA-FORMAT.md invariants, checked with turf, and byte-identical output per seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { generateCity } from '../../../scripts/synth/generate.ts';
import { readDataset, type Dataset, type Feature } from '../../../server/seed/dataset.ts';
import { checkDataset } from '../../../server/seed/dataset-check.ts';

const N = 5000;
const FILES = ['meta.json', 'areas.geojson', 'buildings.geojson', 'households.csv', 'members.csv', 'people.csv', 'roads.geojson', 'places.geojson', 'pois.geojson', 'spaces.geojson', 'hazards.geojson', 'entrances.geojson', 'basemap.geojson'];
let tmp: string;
let ds: Dataset;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
  await generateCity({ households: N, seed: 1, outDir: path.join(tmp, 'a') });
  ds = readDataset(path.join(tmp, 'a'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const digest = (dir: string) => Object.fromEntries(FILES.map((f) => [f, createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')]));
const overlapM2 = (a: Feature, b: Feature) => {
  const x = turf.intersect(turf.featureCollection([a as any, b as any]));
  return x ? turf.area(x) : 0;
};
const outsideM2 = (child: Feature, parent: Feature) => {
  const x = turf.difference(turf.featureCollection([child as any, parent as any]));
  return x ? turf.area(x) : 0;
};

describe('synthetic city of 5,000 households', () => {
  it('writes every file of the format and passes the loader checks', () => {
    for (const f of FILES) expect(fs.existsSync(path.join(tmp, 'a', f)), f).toBe(true);
    expect(checkDataset(ds)).toEqual([]);
    expect(ds.meta.countyCode).toBe('370683');
    expect(ds.meta.counts.households).toBe(ds.households.length);
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    await generateCity({ households: N, seed: 1, outDir: path.join(tmp, 'b') });
    await generateCity({ households: N, seed: 2, outDir: path.join(tmp, 'c') });
    expect(digest(path.join(tmp, 'b'))).toEqual(digest(path.join(tmp, 'a')));
    expect(digest(path.join(tmp, 'c'))['households.csv']).not.toBe(digest(path.join(tmp, 'a'))['households.csv']);
  });

  it('has about N households, units of 20–30 and grids of 200–400', () => {
    expect(Math.abs(ds.households.length / N - 1)).toBeLessThan(0.03);
    const perUnit = new Map<string, number>();
    for (const h of ds.households) perUnit.set(h.unit_code, (perUnit.get(h.unit_code) ?? 0) + 1);
    const units = ds.areas.filter((a) => a.properties.level === 'unit');
    expect(perUnit.size).toBe(units.length);
    const perGrid = new Map<string, number>();
    for (const [code, n] of perUnit) {
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThanOrEqual(30);
      perGrid.set(code.slice(0, 14), (perGrid.get(code.slice(0, 14)) ?? 0) + n);
    }
    for (const n of perGrid.values()) {
      expect(n).toBeGreaterThanOrEqual(200);
      expect(n).toBeLessThanOrEqual(400);
    }
  });

  it('places every area inside its parent, siblings without overlap, children tiling the parent', () => {
    const byCode = new Map(ds.areas.map((a) => [a.properties.code as string, a]));
    const children = new Map<string | null, Feature[]>();
    for (const a of ds.areas) children.set(a.properties.parentCode, [...(children.get(a.properties.parentCode) ?? []), a]);
    for (const [parent, kids] of children) {
      for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) expect(overlapM2(kids[i], kids[j])).toBeLessThan(1);
      if (parent === null) continue;
      const p = byCode.get(parent)!;
      for (const k of kids) expect(outsideM2(k, p)).toBeLessThan(1);
      const sum = kids.reduce((s, k) => s + turf.area(k as any), 0);
      expect(Math.abs(turf.area(p as any) - sum)).toBeLessThan(1);
      expect(turf.booleanValid(p as any)).toBe(true);
    }
  });

  it('sizes buildings by the sample rule and puts them inside their unit or grid', () => {
    const units = new Map(ds.areas.filter((a) => a.properties.level === 'unit').map((a) => [a.properties.code as string, a]));
    const perBuilding = new Map<string, number>();
    for (const h of ds.households) perBuilding.set(h.building_ref, (perBuilding.get(h.building_ref) ?? 0) + 1);
    for (const b of ds.buildings) {
      const p = b.properties;
      expect(p.households).toBe(Math.floor((turf.area(b as any) * p.floors * 0.75) / 90) * (p.use === 'residential' ? 1 : 0));
      expect(perBuilding.get(p.ref) ?? 0).toBe(p.households);
      if (p.use === 'residential') {
        expect(p.floors).toBeGreaterThanOrEqual(6);
        expect(p.floors).toBeLessThanOrEqual(18);
      }
      if (p.unitCode) expect(outsideM2(b, units.get(p.unitCode)!)).toBeLessThan(1);
    }
    expect(ds.buildings.filter((b) => b.properties.households === 0).length).toBeGreaterThan(0);
  });

  it('has one connected, noded road network with geodesic lengths', () => {
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      while (parent.get(x) !== x) x = parent.get(x)!;
      return x;
    };
    const nodeAt = new Map<number, string>();
    for (const r of ds.roads) {
      const { source, target, lengthM } = r.properties;
      const coords = r.geometry.coordinates as number[][];
      for (const [id, c] of [[source, coords[0]], [target, coords.at(-1)!]] as const) {
        if (!parent.has(id)) parent.set(id, id);
        const key = c.join(',');
        expect(nodeAt.get(id) ?? key).toBe(key); // a node id is one place
        nodeAt.set(id, key);
      }
      parent.set(find(source), find(target));
      expect(Math.abs(lengthM - turf.length(r as any, { units: 'meters' }))).toBeLessThan(0.005 * lengthM + 0.01);
    }
    expect(new Set(nodeAt.values()).size).toBe(nodeAt.size); // a place is one node id
    const roots = new Set([...parent.keys()].map(find));
    expect(roots.size).toBe(1);
    // The riverside walk passes under the road bridges: crossing lines, no shared node.
    const [west, , east] = ds.meta.bbox;
    const onEdge = (r: Feature) => [west, east].includes((r.geometry.coordinates as number[][])[0][0]);
    const bridges = ds.roads.filter((r) => r.properties.bridge && r.properties.highway !== 'footway' && !onEdge(r));
    const walk = ds.roads.filter((r) => r.properties.name === '滨河步道');
    expect(bridges.length).toBeGreaterThan(0);
    for (const b of bridges) {
      const under = walk.filter((w) => turf.lineIntersect(w as any, b as any).features.length > 0);
      expect(under).toHaveLength(1);
      const ends = [b.properties.source, b.properties.target];
      expect(ends).not.toContain(under[0].properties.source);
      expect(ends).not.toContain(under[0].properties.target);
    }
    expect(new Set(ds.roads.map((r) => r.properties.highway))).toEqual(new Set(['primary', 'secondary', 'residential', 'footway']));
  });

  it('staffs every grid and unit and links central households to 5–10 neighbours', () => {
    const grids = ds.areas.filter((a) => a.properties.level === 'grid').map((a) => a.properties.code);
    const units = ds.areas.filter((a) => a.properties.level === 'unit').map((a) => a.properties.code);
    const roles = (code: string) => ds.people.filter((p) => p.area_code === code).map((p) => p.role);
    for (const g of grids) expect(roles(g).sort()).toEqual(['grid_leader', 'grid_worker', 'party_secretary']);
    for (const u of units) expect(roles(u).filter((r) => r === 'building_leader')).toHaveLength(1);
    const central = ds.people.filter((p) => p.role === 'central_household');
    for (const c of central) {
      const linked = c.linked_households.split(';');
      expect(linked.length).toBeGreaterThanOrEqual(5);
      expect(linked.length).toBeLessThanOrEqual(10);
      expect(linked.every((h) => h.startsWith(c.area_code))).toBe(true);
    }
    expect(ds.households.length / central.length).toBeGreaterThan(7);
    expect(ds.households.length / central.length).toBeLessThan(9);
    const sizes = new Map(ds.households.map((h) => [h.code, Number(h.size)]));
    const members = new Map<string, number>();
    for (const m of ds.members) members.set(m.household_code, (members.get(m.household_code) ?? 0) + 1);
    for (const [code, size] of sizes) expect(members.get(code)).toBe(size);
  });

  it('has a community centre per community, stations in about half the grids, all inside the city', () => {
    const kinds = (k: string) => ds.places.filter((p) => p.properties.kind === k).length;
    const communities = ds.areas.filter((a) => a.properties.level === 'community').length;
    const grids = ds.areas.filter((a) => a.properties.level === 'grid').length;
    expect(kinds('community_center')).toBe(communities);
    expect(kinds('grid_station')).toBeGreaterThan(grids * 0.25);
    expect(kinds('grid_station')).toBeLessThan(grids * 0.75);
    const [w, s, e, n] = ds.meta.bbox;
    expect(w).toBeGreaterThan(73);
    expect(e).toBeLessThan(135);
    expect(s).toBeGreaterThan(18);
    expect(n).toBeLessThan(54);
    for (const f of [...ds.places, ...ds.spaces, ...ds.hazards, ...ds.entrances, ...ds.pois]) {
      const [lon, lat] = f.geometry.coordinates;
      expect(lon >= w && lon <= e && lat >= s && lat <= n).toBe(true);
    }
    for (const p of ds.places) expect(p.properties.openingHours === null || /^(Mo|24\/7)/.test(p.properties.openingHours)).toBe(true);
  });
});
