import { describe, expect, it } from 'vitest';
import { bisect, candidateCounts, partition, stray } from '../../../scripts/data-build/hierarchy.ts';
import { mulberry32 } from '../../../scripts/data-build/prng.ts';
import { rowBandOrder } from '../../../scripts/data-build/ordering.ts';

/** n units of 20–30 households scattered over a 1 km square (seeded). */
function units(n: number, seed = 7) {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({ id: i, x: rng() * 1000, y: rng() * 1000, w: 20 + Math.floor(rng() * 11) }));
}
const sum = (xs: { w: number }[]) => xs.reduce((s, p) => s + p.w, 0);

describe('bisect', () => {
  it('makes k groups that use every unit once, balanced to within one unit per split level', () => {
    const items = units(120);
    const parts = bisect(items, 10);
    expect(parts).toHaveLength(10);
    expect(parts.flat().map((p) => p.id).sort((a, b) => a - b)).toEqual(items.map((p) => p.id));
    const share = sum(items) / 10;
    for (const p of parts) expect(Math.abs(sum(p) - share)).toBeLessThan(4 * 30);
  });
  it('splits across the longer extent at the weighted median', () => {
    const line = [0, 1, 2, 3].map((i) => ({ x: i * 100, y: 0, w: i === 0 ? 60 : 20 }));
    const [west, east] = bisect(line, 2);
    expect(west.map((p) => p.x)).toEqual([0]);
    expect(east.map((p) => p.x)).toEqual([100, 200, 300]);
  });
});

describe('partition', () => {
  it('puts every grid in 200–400 households when the units allow it', () => {
    for (const n of [9, 40, 77, 150]) {
      const parts = partition(units(n, n), [200, 400], 300);
      expect(stray(parts, [200, 400])).toBe(0);
    }
  });
  it('tries counts nearest the target first', () => {
    expect(candidateCounts(3000, [200, 400], 300)[0]).toBe(10);
    expect(candidateCounts(150, [200, 400], 300)).toEqual([1]);
  });
});

describe('rowBandOrder', () => {
  it('numbers a 3 × 3 block west→east within rows, rows north→south', () => {
    const pts = [];
    for (const y of [200, 100, 0]) for (const x of [0, 100, 200]) pts.push({ x: x + (y === 100 ? 20 : 0), y: y + x / 10, id: `${y}/${x}` });
    const shuffled = [...pts].reverse();
    expect(rowBandOrder(shuffled, 50).map((p) => p.id)).toEqual(pts.map((p) => p.id));
  });
});
