import { describe, expect, it } from 'vitest';
import type { CodedUnit } from '../../../scripts/data-build/areas.ts';
import { householdMembers, rooms, SIZE_WEIGHTS, unitHouseholds, type HouseholdRow } from '../../../scripts/data-build/households.ts';
import { centralHouseholds, runs } from '../../../scripts/data-build/people.ts';
import { mulberry32 } from '../../../scripts/data-build/prng.ts';

const unit = (households: number, stair = 3): CodedUnit => ({
  code: '31010101300101001', parts: [{ ref: 'osm:1', households }], households, seed: [121.5, 31.24], stair, label: 'x',
  streetCode: '310101013', geometry: { type: 'Polygon', coordinates: [] },
});

describe('rooms', () => {
  it('writes 单元-floor+room and spreads households over the floors', () => {
    expect(rooms(3, 4, 2)).toEqual(['3-101', '3-102', '3-201', '3-202']);
    const tower = rooms(1, 25, 30);
    expect(new Set(tower).size).toBe(25);
    expect(tower[24]).toMatch(/^1-(29|30)01$/);
  });
});

describe('households and members', () => {
  const rng = mulberry32(42);
  const hh: HouseholdRow[] = [];
  for (let i = 0; i < 800; i++) hh.push(...unitHouseholds({ ...unit(25), code: `3101010130010${String(i).padStart(4, '0')}` }, () => 6, rng));
  const members = hh.flatMap((h) => householdMembers(h, rng));

  it('codes households as unit code + 3 digits', () => {
    expect(hh[0].code).toBe(`${hh[0].unitCode}001`);
    expect(hh.every((h) => h.code.length === 20 && h.code.startsWith(h.unitCode))).toBe(true);
  });
  it('draws sizes 1–5 with a mean near 2.6', () => {
    const mean = hh.reduce((s, h) => s + h.size, 0) / hh.length;
    expect(SIZE_WEIGHTS.reduce((s, w, i) => s + w * (i + 1), 0)).toBeCloseTo(2.64, 2);
    expect(mean).toBeGreaterThan(2.55);
    expect(mean).toBeLessThan(2.72);
    expect(hh.every((h) => h.size >= 1 && h.size <= 5)).toBe(true);
  });
  it('gives each household exactly its size in members, one 户主 first', () => {
    const byHh = new Map<string, typeof members>();
    for (const m of members) byHh.set(m.householdCode, [...(byHh.get(m.householdCode) ?? []), m]);
    for (const h of hh.slice(0, 500)) {
      const ms = byHh.get(h.code)!;
      expect(ms).toHaveLength(h.size);
      expect(ms[0].relation).toBe('户主');
      expect(ms.filter((m) => m.relation === '户主')).toHaveLength(1);
    }
  });
  it('hits the special-group rates and keeps phones fictional', () => {
    const share = (g: string, per: 'persons' | 'households') => {
      const hit = members.filter((m) => m.groups.includes(g));
      return per === 'persons' ? hit.length / members.length : new Set(hit.map((m) => m.householdCode)).size / hh.length;
    };
    expect(share('低保', 'households')).toBeGreaterThan(0.012);
    expect(share('低保', 'households')).toBeLessThan(0.03);
    expect(share('独居老人', 'households')).toBeGreaterThan(0.02);
    expect(share('独居老人', 'households')).toBeLessThan(0.04);
    expect(share('残疾人', 'persons')).toBeGreaterThan(0.01);
    expect(share('残疾人', 'persons')).toBeLessThan(0.02);
    expect(share('留守儿童', 'persons')).toBeGreaterThan(0.002);
    expect(share('留守儿童', 'persons')).toBeLessThan(0.009);
    expect(members.every((m) => m.phone === '' || /^1390000\d{4}$/.test(m.phone))).toBe(true);
    expect(members.filter((m) => m.groups.includes('独居老人')).every((m) => 2026 - m.birthYear >= 65)).toBe(true);
  });

  it('links each 党员中心户 to 5–10 households of its grid, about one per 8', () => {
    const grid = hh.slice(0, 300);
    const heads = new Map(members.filter((m) => m.relation === '户主').map((m) => [m.householdCode, m]));
    const central = centralHouseholds('31010101300101', grid, heads, rng);
    expect(central).toHaveLength(Math.round(300 / 8));
    for (const c of central) {
      expect(c.linked.length).toBeGreaterThanOrEqual(5);
      expect(c.linked.length).toBeLessThanOrEqual(10);
      expect(c.linked).not.toContain(c.householdCode);
    }
    expect(new Set(central.flatMap((c) => [c.householdCode, ...c.linked])).size).toBe(300);
    expect(runs([1, 2, 3, 4, 5, 6, 7], 3).map((r) => r.length)).toEqual([3, 2, 2]);
  });
});
