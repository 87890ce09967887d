import { describe, expect, it } from 'vitest';
import { localProjection } from '../../../scripts/data-build/geo.ts';
import type { Building } from '../../../scripts/data-build/types.ts';
import { balancedSplit, groupSmall, longAxis, splitBuilding, unitCount } from '../../../scripts/data-build/units.ts';

const proj = localProjection(121.5, 31.24);
/** A rectangular building lengthM × depthM (east–west long axis) centred at (x, y) metres. */
function building(ref: string, households: number, x = 0, y = 0, lengthM = 60, depthM = 12): Building {
  const ring = [[x - lengthM / 2, y - depthM / 2], [x + lengthM / 2, y - depthM / 2], [x + lengthM / 2, y + depthM / 2], [x - lengthM / 2, y + depthM / 2], [x - lengthM / 2, y - depthM / 2]].map((p) => proj.toLonLat(p));
  return {
    ref, osmId: null, name: null, use: 'residential', floors: 6, heightM: null, households, address: null,
    geometry: { type: 'Polygon', coordinates: [ring] }, center: proj.toLonLat([x, y]), footprintM2: lengthM * depthM, rule: 'test', unitCode: null,
  };
}

describe('unitCount', () => {
  it('keeps every unit within 20–30 households when a count allows it', () => {
    for (let h = 40; h <= 2000; h++) {
      const parts = balancedSplit(h, unitCount(h));
      expect(Math.min(...parts)).toBeGreaterThanOrEqual(20);
      expect(Math.max(...parts)).toBeLessThanOrEqual(30);
    }
  });
  it('aims at 25 households per unit', () => {
    expect(unitCount(25)).toBe(1);
    expect(unitCount(50)).toBe(2);
    expect(unitCount(300)).toBe(12);
  });
  it('leaves 31–38 as one unit and splits 39 as 20 + 19 (no count fits the band)', () => {
    expect(unitCount(32)).toBe(1);
    expect(unitCount(38)).toBe(1);
    expect(unitCount(39)).toBe(2);
  });
});

describe('balancedSplit', () => {
  it('splits into shares that sum up and differ by at most one', () => {
    expect(balancedSplit(53, 2)).toEqual([27, 26]);
    const parts = balancedSplit(301, 12);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(301);
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
  });
});

describe('splitBuilding', () => {
  it('spaces unit seeds along the long axis, numbered west to east', () => {
    const units = splitBuilding(building('b', 75), '崂山路1号楼', '310115005', proj);
    expect(units.map((u) => u.households)).toEqual([25, 25, 25]);
    expect(units.map((u) => u.label)).toEqual(['崂山路1号楼1单元', '崂山路1号楼2单元', '崂山路1号楼3单元']);
    const xs = units.map((u) => proj.toXY(u.seed)[0]);
    expect(xs[0]).toBeCloseTo(-20, 0);
    expect(xs[2]).toBeCloseTo(20, 0);
  });
  it('finds the long axis of a north–south slab and numbers it north to south', () => {
    const ring = [[0, 0], [10, 0], [10, 50], [0, 50], [0, 0]];
    const ax = longAxis(ring, [5, 25]);
    expect(Math.abs(ax.dir[1])).toBeCloseTo(1, 5);
    expect(ax.dir[1]).toBeLessThan(0);
    expect(ax.max - ax.min).toBeCloseTo(50, 5);
  });
});

describe('groupSmall', () => {
  it('groups neighbouring small buildings until a unit reaches 20, never across 150 m', () => {
    const small = [building('a', 8, 0, 0), building('b', 7, 0, -30), building('c', 9, 0, -60), building('far', 12, 1000, 0)];
    const labels = new Map(small.map((b) => [b.ref, `路${b.ref}号楼`]));
    const units = groupSmall(small, labels, '310101017', proj);
    const near = units.find((u) => u.parts.some((p) => p.ref === 'a'))!;
    expect(near.households).toBeGreaterThanOrEqual(20);
    expect(near.households).toBeLessThanOrEqual(30);
    expect(near.label).toMatch(/等3栋$/);
    expect(units.find((u) => u.parts.some((p) => p.ref === 'far'))!.parts).toHaveLength(1);
  });
});
