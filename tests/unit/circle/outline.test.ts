import { describe, expect, it } from 'vitest';
import { bufferOutline, type LocalPolygons } from '../../../server/circle/outline.ts';
import { findRingSelfIntersection, findRingsCrossing, pointInRing, ringSignedArea2 } from '../../../server/geo/rings.ts';
import { rng } from './helpers.ts';

const area = (polys: LocalPolygons) => polys.reduce((s, p) => s + p.reduce((t, r) => t + ringSignedArea2(r) / 2, 0), 0);
const inside = (polys: LocalPolygons, p: [number, number]) =>
  polys.some(([outer, ...holes]) => pointInRing(p, outer) && !holes.some((h) => pointInRing(p, h)));

describe('bufferOutline', () => {
  it('buffers one segment to a capsule of the right area (2rL + πr²)', () => {
    const polys = bufferOutline([[[0, 0], [100, 0]]], 30, 2);
    expect(polys).toHaveLength(1);
    expect(polys[0]).toHaveLength(1);
    const exact = 2 * 30 * 100 + Math.PI * 900; // 8,827 m²
    expect(Math.abs(area(polys) / exact - 1)).toBeLessThan(0.01);
    expect(inside(polys, [50, 29])).toBe(true);
    expect(inside(polys, [50, 31.5])).toBe(false);
    expect(inside(polys, [128, 0])).toBe(true);
    expect(inside(polys, [131.5, 0])).toBe(false);
  });

  it('leaves the middle of a large loop as a hole, counter-clockwise outside and clockwise inside', () => {
    const loop: [number, number][] = [[0, 0], [200, 0], [200, 200], [0, 200], [0, 0]];
    const polys = bufferOutline([loop], 30, 3);
    expect(polys).toHaveLength(1);
    expect(polys[0]).toHaveLength(2);
    expect(ringSignedArea2(polys[0][0])).toBeGreaterThan(0);
    expect(ringSignedArea2(polys[0][1])).toBeLessThan(0);
    expect(inside(polys, [100, 100])).toBe(false);
    expect(inside(polys, [100, 20])).toBe(true);
    const exact = 260 * 260 - 140 * 140 - (4 - Math.PI) * 900;
    expect(Math.abs(area(polys) / exact - 1)).toBeLessThan(0.01);
  });

  it('keeps separate pieces separate and gives valid rings on random networks', () => {
    expect(bufferOutline([[[0, 0], [10, 0]], [[500, 0], [510, 0]]], 30, 3)).toHaveLength(2);
    const rand = rng(12);
    for (let n = 0; n < 5; n++) {
      const lines = Array.from({ length: 40 }, () => {
        const x = rand() * 800, y = rand() * 800;
        return [[x, y], [x + (rand() - 0.5) * 200, y + (rand() - 0.5) * 200]] as [number, number][];
      });
      const polys = bufferOutline(lines, 30, 3);
      for (const poly of polys) {
        for (const ring of poly) {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(findRingSelfIntersection(ring)).toBeNull();
        }
        expect(findRingsCrossing(poly)).toBeNull();
      }
      // every line point is painted; nothing 2 cells beyond the buffer is
      for (const [[ax, ay], [bx, by]] of lines) {
        for (const t of [0, 0.5, 1]) expect(inside(polys, [ax + t * (bx - ax), ay + t * (by - ay)])).toBe(true);
      }
      for (let k = 0; k < 200; k++) {
        const p: [number, number] = [rand() * 1000 - 100, rand() * 1000 - 100];
        const d = Math.min(...lines.map(([[ax, ay], [bx, by]]) => {
          const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
          const u = Math.max(0, Math.min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / l2));
          return Math.hypot(ax + u * (bx - ax) - p[0], ay + u * (by - ay) - p[1]);
        }));
        if (d > 36) expect(inside(polys, p)).toBe(false);
        if (d < 24) expect(inside(polys, p)).toBe(true);
      }
    }
  });

  it('returns nothing for no lines', () => {
    expect(bufferOutline([], 30, 3)).toEqual([]);
  });
});
