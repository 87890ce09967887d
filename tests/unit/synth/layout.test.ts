import { describe, expect, it } from 'vitest';
import { communityShape, evenSplit, planCity, streetShape, STREET_MAX, STREET_MIN } from '../../../scripts/synth/plan.ts';
import { layoutCity } from '../../../scripts/synth/layout.ts';
import { buildHierarchy } from '../../../scripts/synth/hierarchy.ts';
import { bandGroupings, blockFrame, chooseGrids, gridCells, layoutBlock, type SlotKind } from '../../../scripts/synth/block.ts';
import { Rng, rngFor } from '../../../scripts/synth/rng.ts';
import { GRID_MAX, GRID_MIN, UNIT_MAX, UNIT_MIN } from '../../../scripts/synth/slab.ts';

const STREETS = Array.from({ length: 17 }, (_, i) => ({ code: `370683${String(i + 1).padStart(3, '0')}`, name: `街道${i + 1}` }));

function city(households: number, seed = 1) {
  const plan = planCity(households, STREETS, rngFor(seed, 'plan'));
  return buildHierarchy(layoutCity(plan, seed));
}
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const rectArea = (r: { x0: number; x1: number; y0: number; y1: number }) => (r.x1 - r.x0) * (r.y1 - r.y0);

describe('plan', () => {
  it('keeps the community grid near square with about 2,500 households each', () => {
    for (const n of [1000, 5000, 37_000, 200_000, 500_000]) {
      const [cols, rows] = communityShape(n);
      expect(cols).toBeGreaterThanOrEqual(rows);
      expect(cols / rows).toBeLessThanOrEqual(2);
      if (n >= 5000) expect(n / (cols * rows)).toBeGreaterThan(1800);
      if (n >= 5000) expect(n / (cols * rows)).toBeLessThan(3300);
    }
  });
  it('splits communities evenly into streets of 20,000–60,000 households', () => {
    expect(evenSplit(9, 4)).toEqual([0, 3, 5, 7, 9]);
    for (const n of [40_000, 200_000, 500_000, 600_000]) {
      const [cols, rows] = communityShape(n);
      const [sc, sr] = streetShape(cols, rows, n, 17);
      expect(sc * sr).toBeLessThanOrEqual(17);
      const cs = evenSplit(cols, sc);
      const rs = evenSplit(rows, sr);
      for (let i = 0; i < sc; i++)
        for (let j = 0; j < sr; j++) {
          const hh = ((cs[i + 1] - cs[i]) * (rs[j + 1] - rs[j]) * n) / (cols * rows);
          expect(hh).toBeGreaterThanOrEqual(STREET_MIN * 0.95);
          expect(hh).toBeLessThanOrEqual(STREET_MAX);
        }
    }
  });
});

describe('block', () => {
  it('enumerates the 8 ways to cut 4 bands into runs', () => {
    expect(bandGroupings(4)).toHaveLength(8);
    expect(bandGroupings(4)).toContainEqual([[0], [1, 2], [3]]);
  });
  it('never makes a grid of bands that cannot hold 230 households', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) {
      const { groups, targets } = chooseGrids([0, 2, 1, 2], 150, rng.range(250, 1200), rng);
      for (const g of groups) expect(g.reduce((s, k) => s + [0, 2, 1, 2][k], 0)).toBeGreaterThanOrEqual(2);
      for (const t of targets) expect(t).toBeGreaterThanOrEqual(230 - 1e-9);
    }
  });
  it('tiles the block with grids and each grid with units', () => {
    const frame = blockFrame({ x0: 0, y0: 0, x1: 210, y1: 200 });
    const slots: SlotKind[] = ['commercial', 'res', 'res', 'res', 'school', 'playground', 'res', 'public'];
    const layout = layoutBlock({ frame, slots, compound: 'commodity', targetHouseholds: 600, jitter: 0.2 }, new Rng(5));
    expect(layout).not.toBeNull();
    const grids = gridCells(frame, layout!.buildings, [[0, 1], [2, 3]]);
    expect(sum(grids.map((g) => rectArea(g.rect)))).toBeCloseTo(210 * 200, 6);
    for (const g of grids) expect(sum(g.units.map((u) => rectArea(u.rect)))).toBeCloseTo(rectArea(g.rect), 6);
    for (const b of layout!.buildings) {
      expect(b.rect.x0).toBeGreaterThanOrEqual(15);
      expect(b.rect.x1).toBeLessThanOrEqual(195);
      expect(b.rect.y0).toBeGreaterThanOrEqual(15);
      expect(b.rect.y1).toBeLessThanOrEqual(185);
    }
  });
});

describe('city sizes', () => {
  it.each([1000, 2500, 5000, 12_345, 50_000, 200_000, 500_000])('%i households: total within 3 percent, units 20–30, grids 200–400', (n) => {
    const h = city(n);
    const total = sum(h.units.map((u) => u.households));
    expect(Math.abs(total / n - 1)).toBeLessThan(0.03);
    for (const u of h.units) {
      expect(u.households).toBeGreaterThanOrEqual(UNIT_MIN);
      expect(u.households).toBeLessThanOrEqual(UNIT_MAX);
    }
    for (const g of h.grids) {
      const hh = sum(g.units.map((u) => u.households));
      expect(hh).toBeGreaterThanOrEqual(GRID_MIN);
      expect(hh).toBeLessThanOrEqual(GRID_MAX);
    }
    if (n >= 5000) {
      for (const c of h.communities) {
        const hh = sum(c.grids.flatMap((g) => g.units.map((u) => u.households)));
        expect(hh).toBeGreaterThanOrEqual(1500);
        expect(hh).toBeLessThanOrEqual(4000);
      }
    }
    if (n >= 40_000) {
      const byStreet = new Map<string, number>();
      for (const u of h.units) byStreet.set(u.code.slice(0, 9), (byStreet.get(u.code.slice(0, 9)) ?? 0) + u.households);
      for (const hh of byStreet.values()) {
        expect(hh).toBeGreaterThanOrEqual(STREET_MIN);
        expect(hh).toBeLessThanOrEqual(STREET_MAX);
      }
    }
  });

  it('numbers grids west→east, north→south within each community', () => {
    const h = city(20_000);
    for (const c of h.communities) {
      const codes = c.grids.map((g) => g.code);
      expect(codes).toEqual([...codes].sort());
      for (let i = 1; i < c.grids.length; i++) {
        const [a, b] = [c.grids[i - 1].rect, c.grids[i].rect];
        expect(a.y1 > b.y1 || (a.y1 === b.y1 && a.x0 < b.x0)).toBe(true);
      }
    }
  });

  it('puts each building section inside its unit', () => {
    const h = city(5000);
    for (const u of h.units) {
      const b = u.building.plan.rect;
      const n = u.building.plan.units.length;
      const x0 = b.x0 + ((b.x1 - b.x0) * u.section) / n;
      const x1 = b.x0 + ((b.x1 - b.x0) * (u.section + 1)) / n;
      expect(x0).toBeGreaterThanOrEqual(u.rect.x0 - 1e-9);
      expect(x1).toBeLessThanOrEqual(u.rect.x1 + 1e-9);
      expect(b.y0).toBeGreaterThanOrEqual(u.rect.y0);
      expect(b.y1).toBeLessThanOrEqual(u.rect.y1);
    }
  });
});
