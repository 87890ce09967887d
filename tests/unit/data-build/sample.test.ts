/**
 * Properties of the committed sample (data/sample, built by scripts/data-build): the invariants of
 * docs/DATA-FORMAT.md, the household bands, and a noded road network. Geometry is checked with
 * turf directly, independently of the pipeline's own checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { area, bbox, difference, featureCollection, intersect, lineIntersect } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { centroidXY, localProjection } from '../../../scripts/data-build/geo.ts';
import { bandHeight, rowBandOrder } from '../../../scripts/data-build/ordering.ts';

const DIR = path.resolve(__dirname, '../../../data/sample');
const json = (f: string) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));
const csv = (f: string): Record<string, string>[] => parse(fs.readFileSync(path.join(DIR, f)), { columns: true });
const overlaps = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

let areas: any[];
let households: Record<string, string>[];
const perUnit = new Map<string, number>();
const children = new Map<string | null, any[]>();
const byCode = new Map<string, any>();

beforeAll(() => {
  areas = json('areas.geojson').features;
  households = csv('households.csv');
  for (const h of households) perUnit.set(h.unit_code, (perUnit.get(h.unit_code) ?? 0) + 1);
  for (const a of areas) {
    byCode.set(a.properties.code, a);
    children.set(a.properties.parentCode, [...(children.get(a.properties.parentCode) ?? []), a]);
  }
});

const householdsIn = (code: string) => [...perUnit].filter(([u]) => u.startsWith(code)).reduce((s, [, n]) => s + n, 0);
const level = (l: string) => areas.filter((a) => a.properties.level === l);

describe('codes', () => {
  it('are unique, real street codes, and extend their parent by 3 / 2 / 3 digits', () => {
    const real = new Set(fs.readFileSync(path.resolve(DIR, '../street-codes.csv'), 'utf8').split('\n').map((l) => l.split(',')[0]));
    expect(byCode.size).toBe(areas.length);
    const digits: Record<string, number> = { community: 3, grid: 2, unit: 3 };
    for (const a of areas) {
      const { code, level: l, parentCode } = a.properties;
      if (l === 'street') expect(real.has(code)).toBe(true);
      else expect(code).toMatch(new RegExp(`^${parentCode}\\d{${digits[l]}}$`));
    }
  });
  it('number children 1…n west→east in row bands north→south', () => {
    const proj = localProjection(121.5, 31.24);
    for (const [parent, kids] of children) {
      if (!parent) continue;
      const placed = kids.map((k) => ({ code: k.properties.code, ...xy(centroidXY(k.geometry, proj)) }));
      const order = rowBandOrder(placed, bandHeight(area(byCode.get(parent)), kids.length)).map((p) => p.code);
      expect(order).toEqual([...kids.map((k) => k.properties.code)].sort());
      expect(Number(order[order.length - 1].slice(parent.length))).toBe(kids.length);
    }
  });
});
const xy = (p: [number, number]) => ({ x: p[0], y: p[1] });

describe('households per area', () => {
  it('holds 200–400 households in every grid', () => {
    for (const g of level('grid')) {
      const n = householdsIn(g.properties.code);
      expect(n, g.properties.code).toBeGreaterThanOrEqual(200);
      expect(n, g.properties.code).toBeLessThanOrEqual(400);
    }
  });
  it('holds 20–30 households in at least 90 % of units; larger units are whole buildings', () => {
    const units = level('unit').map((u) => u.properties.code);
    const inBand = units.filter((u) => perUnit.get(u)! >= 20 && perUnit.get(u)! <= 30);
    expect(inBand.length / units.length).toBeGreaterThan(0.9);
    expect(Math.max(...units.map((u) => perUnit.get(u)!))).toBeLessThanOrEqual(38);
    const unitsOfBuilding = new Map<string, Set<string>>();
    for (const h of households) unitsOfBuilding.set(h.building_ref, (unitsOfBuilding.get(h.building_ref) ?? new Set()).add(h.unit_code));
    for (const u of units.filter((c) => perUnit.get(c)! > 30)) {
      const refs = new Set(households.filter((h) => h.unit_code === u).map((h) => h.building_ref));
      for (const r of refs) expect(unitsOfBuilding.get(r)!.size, `${u} shares building ${r}`).toBe(1);
    }
  });
  it('gives communities roughly 1,500–4,000 households (a smaller street is one community)', () => {
    for (const c of level('community')) {
      const n = householdsIn(c.properties.code);
      expect(n).toBeLessThanOrEqual(4000);
      if (n < 1500) expect(children.get(c.properties.parentCode)).toHaveLength(1);
    }
  });
});

describe('geometry (tolerance 1 m²)', () => {
  const m2 = (g: any) => (g ? area(g) : 0);
  it('puts every area inside its parent', () => {
    for (const a of areas) {
      if (!a.properties.parentCode) continue;
      const out = m2(difference(featureCollection([a, byCode.get(a.properties.parentCode)])));
      expect(out, a.properties.code).toBeLessThan(1);
    }
  });
  it('keeps siblings apart and lets children cover their parent', () => {
    for (const [parent, kids] of children) {
      const boxes = kids.map((k) => bbox(k));
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          if (!overlaps(boxes[i], boxes[j])) continue;
          expect(m2(intersect(featureCollection([kids[i], kids[j]]))), `${kids[i].properties.code}/${kids[j].properties.code}`).toBeLessThan(1);
        }
      }
      if (parent) expect(Math.abs(area(byCode.get(parent)) - kids.reduce((s, k) => s + area(k), 0)), parent).toBeLessThan(1);
    }
  });
});

describe('people and households', () => {
  it('links households, members and people to existing codes', () => {
    const units = new Set(level('unit').map((u) => u.properties.code));
    const refs = new Set(json('buildings.geojson').features.map((b: any) => b.properties.ref));
    const codes = new Set(households.map((h) => h.code));
    for (const h of households) {
      expect(h.code.slice(0, 17)).toBe(h.unit_code);
      expect(units.has(h.unit_code) && refs.has(h.building_ref)).toBe(true);
    }
    const members = csv('members.csv');
    const count = new Map<string, number>();
    for (const m of members) count.set(m.household_code, (count.get(m.household_code) ?? 0) + 1);
    for (const h of households) expect(count.get(h.code)).toBe(Number(h.size));
    const people = csv('people.csv');
    for (const g of level('grid')) expect(people.filter((p) => p.area_code === g.properties.code && p.role !== 'central_household')).toHaveLength(3);
    for (const p of people.filter((q) => q.role === 'central_household')) {
      const linked = p.linked_households.split(';');
      expect(linked.length).toBeGreaterThanOrEqual(5);
      expect(linked.length).toBeLessThanOrEqual(10);
      expect(linked.every((c) => codes.has(c) && c.startsWith(p.area_code))).toBe(true);
    }
    expect(people.filter((p) => p.role === 'building_leader')).toHaveLength(units.size);
  });
  it('gives each building as many households as households.csv places in it', () => {
    const rows = new Map<string, number>();
    for (const h of households) rows.set(h.building_ref, (rows.get(h.building_ref) ?? 0) + 1);
    for (const b of json('buildings.geojson').features) expect(b.properties.households, b.properties.ref).toBe(rows.get(b.properties.ref) ?? 0);
  });
});

describe('roads', () => {
  const roads = () => json('roads.geojson').features as any[];
  it('numbers edges 1…n and gives edges that meet the same node and the same point', () => {
    const rs = roads();
    expect(rs.map((r) => r.properties.id)).toEqual(rs.map((_, i) => i + 1));
    const at = new Map<number, string>();
    for (const r of rs) {
      const c = r.geometry.coordinates;
      for (const [node, p] of [[r.properties.source, c[0]], [r.properties.target, c[c.length - 1]]]) {
        const key = JSON.stringify(p);
        expect(at.get(node) ?? key).toBe(key);
        at.set(node, key);
      }
    }
  });
  it('joins every crossing of two ordinary roads at a shared node', () => {
    const rs = roads().filter((r) => !r.properties.bridge && !r.properties.tunnel);
    const boxes = rs.map((r) => bbox(r));
    const ends = (r: any) => [r.geometry.coordinates[0], r.geometry.coordinates[r.geometry.coordinates.length - 1]];
    const near = (p: number[], q: number[]) => Math.abs(p[0] - q[0]) < 2e-6 && Math.abs(p[1] - q[1]) < 2e-6;
    let crossings = 0;
    for (let i = 0; i < rs.length; i++) {
      for (let j = i + 1; j < rs.length; j++) {
        if (!overlaps(boxes[i], boxes[j])) continue;
        for (const x of lineIntersect(rs[i], rs[j]).features) {
          const p = x.geometry.coordinates;
          crossings++;
          expect(ends(rs[i]).some((e) => near(e, p)) && ends(rs[j]).some((e) => near(e, p)), `edges ${rs[i].properties.id}/${rs[j].properties.id}`).toBe(true);
        }
      }
    }
    expect(crossings).toBeGreaterThan(1000);
  });
  it('never joins a bridge or tunnel mid-span to an ordinary road', () => {
    const byNode = new Map<number, any[]>();
    for (const r of roads()) for (const n of [r.properties.source, r.properties.target]) byNode.set(n, [...(byNode.get(n) ?? []), r]);
    let structures = 0;
    for (const [node, edges] of byNode) {
      const ways = new Map<number, number>();
      for (const e of edges.filter((x) => x.properties.bridge || x.properties.tunnel)) ways.set(e.properties.osmId, (ways.get(e.properties.osmId) ?? 0) + 1);
      structures += ways.size;
      const passesThrough = [...ways.values()].some((n) => n >= 2);
      const plain = edges.some((x) => !x.properties.bridge && !x.properties.tunnel);
      expect(passesThrough && plain, `node ${node}`).toBe(false);
    }
    expect(structures).toBeGreaterThan(50);
  });
});

describe('meta', () => {
  it('carries the OSM attribution', () => {
    expect(json('meta.json').attribution).toBe('© OpenStreetMap contributors, ODbL 1.0');
  });
});
