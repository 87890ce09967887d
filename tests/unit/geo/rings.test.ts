import { describe, expect, it } from 'vitest';
import type { Position } from '../../../server/geo/geojson.ts';
import {
  findRingSelfIntersection, findRingsCrossing, isRingClosed, pointInRing, ringSignedArea2, segmentIntersection,
} from '../../../server/geo/rings.ts';

const square: Position[] = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];

describe('segmentIntersection', () => {
  it('finds a proper crossing', () => {
    expect(segmentIntersection([0, 0], [4, 4], [0, 4], [4, 0])).toEqual([2, 2]);
  });
  it('finds a touch at an endpoint', () => {
    expect(segmentIntersection([0, 0], [4, 0], [2, 0], [2, 3])).toEqual([2, 0]);
  });
  it('returns null for parallel or disjoint segments', () => {
    expect(segmentIntersection([0, 0], [4, 0], [0, 1], [4, 1])).toBeNull();
    expect(segmentIntersection([0, 0], [1, 1], [2, 2.5], [3, 4])).toBeNull();
  });
  it('sees collinear overlaps', () => {
    expect(segmentIntersection([0, 0], [4, 0], [2, 0], [6, 0])).not.toBeNull();
  });
});

describe('findRingSelfIntersection', () => {
  it('accepts simple rings, including repeated consecutive points', () => {
    expect(findRingSelfIntersection(square)).toBeNull();
    expect(findRingSelfIntersection([[0, 0], [4, 0], [4, 0], [4, 4], [0, 4], [0, 0]])).toBeNull();
    expect(findRingSelfIntersection([[0, 0], [1, 0], [0, 1], [0, 0]])).toBeNull();
  });

  it('finds the crossing of a bow-tie', () => {
    expect(findRingSelfIntersection([[0, 0], [4, 3], [4, 0], [0, 3], [0, 0]])).toEqual([2, 1.5]);
  });

  it('finds a ring touching itself at a vertex', () => {
    // figure-of-eight through (2, 2)
    const ring: Position[] = [[0, 0], [2, 2], [4, 0], [4, 4], [2, 2], [0, 4], [0, 0]];
    expect(findRingSelfIntersection(ring)).toEqual([2, 2]);
  });

  it('finds a spike that folds back on itself', () => {
    const ring: Position[] = [[0, 0], [4, 0], [6, 0], [5, 0], [4, 4], [0, 4], [0, 0]];
    expect(findRingSelfIntersection(ring)).not.toBeNull();
  });

  it('handles a large simple ring quickly (sweep, not all pairs)', () => {
    const n = 20_000;
    const ring: Position[] = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return [121.49 + 0.01 * Math.cos(a), 31.23 + 0.01 * Math.sin(a)];
    });
    ring.push(ring[0]);
    const t = performance.now();
    expect(findRingSelfIntersection(ring)).toBeNull();
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('findRingsCrossing', () => {
  it('accepts a hole inside its shell, even touching it', () => {
    expect(findRingsCrossing([square, [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]])).toBeNull();
    expect(findRingsCrossing([square, [[0, 2], [2, 3], [2, 1], [0, 2]]])).toBeNull();
  });
  it('finds a hole crossing its shell', () => {
    expect(findRingsCrossing([square, [[3, 1], [5, 1], [5, 2], [3, 2], [3, 1]]])).toEqual([4, 1]);
  });
});

describe('ring helpers', () => {
  it('isRingClosed, signed area, point in ring', () => {
    expect(isRingClosed(square)).toBe(true);
    expect(isRingClosed(square.slice(0, 4))).toBe(false);
    expect(ringSignedArea2(square)).toBe(32);
    expect(pointInRing([1, 1], square)).toBe(true);
    expect(pointInRing([5, 1], square)).toBe(false);
  });
});
