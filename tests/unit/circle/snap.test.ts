import { describe, expect, it } from 'vitest';
import { prepareAccess } from '../../../server/circle/coverage.ts';
import { edgeVertices } from '../../../server/circle/edge-geometry.ts';
import { snapIndexBytes, snapPoint, snapPoints } from '../../../server/circle/snap.ts';
import { buildWalkGraph, edgeIndexOf, toLocal } from '../../../server/circle/walk-graph.ts';
import { edge, gridCity, ll, rng } from './helpers.ts';

describe('snapPoints', () => {
  const city = gridCity(11, 12, 12, 90, 0, 0.2);
  const g = buildWalkGraph(city.edges);

  /** Brute force over every segment of every edge. */
  const nearestM = (x: number, y: number) => {
    let best = Infinity;
    for (let e = 0; e < g.edgeCount; e++) {
      const v = edgeVertices(g, e);
      for (let k = 1; k < v.length; k++) {
        const [ax, ay] = v[k - 1], [bx, by] = v[k];
        const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
        const u = l2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / l2)) : 0;
        best = Math.min(best, Math.hypot(ax + u * (bx - ax) - x, ay + u * (by - ay) - y));
      }
    }
    return best;
  };

  it('finds the nearest point of the nearest edge (grid index = brute force)', () => {
    const rand = rng(5);
    for (let i = 0; i < 300; i++) {
      const p = ll(rand() * city.width * 1.2 - 50, rand() * city.height * 1.2 - 50);
      const s = snapPoint(g, p, { maxSnapM: 1000 });
      const [x, y] = toLocal(g, p);
      expect(s?.connectorM).toBeCloseTo(nearestM(x, y), 3);
      expect(s?.t).toBeGreaterThanOrEqual(0);
      expect(s?.t).toBeLessThanOrEqual(1);
    }
    expect(snapIndexBytes(g)).toBeGreaterThan(0);
  });

  it('returns null beyond maxSnapM', () => {
    const [far] = snapPoints(g, [ll(-2000, -2000)], { maxSnapM: 500 });
    expect(far).toBeNull();
  });

  it('reports the fraction along the geometry and the point on the edge', () => {
    const h = buildWalkGraph([edge(1, 1, 2, [[0, 0], [100, 0], [100, 100]], { lengthM: 200 })]);
    const s = snapPoint(h, ll(110, 50));
    expect(s?.t).toBeCloseTo(0.75, 4);
    expect(s?.connectorM).toBeCloseTo(10, 2);
    expect(s?.point[0]).toBeCloseTo(ll(100, 50)[0], 7);
    expect(s?.point[1]).toBeCloseTo(ll(100, 50)[1], 7);
  });

  it('never snaps to a gate edge', () => {
    const h = buildWalkGraph([
      edge(1, 1, 2, [[0, 0], [100, 0]]),
      edge(2, 2, 3, [[100, 0], [100, 50]], { closedWindows: [{ from: '22:00', to: '06:00' }] }),
    ]);
    expect(snapPoint(h, ll(105, 40))?.edge).toBe(edgeIndexOf(h, 1));
  });

  it('uses entrances instead of the centroid', () => {
    const h = buildWalkGraph([edge(1, 1, 2, [[0, 0], [100, 0]]), edge(2, 3, 4, [[0, 100], [100, 100]])]);
    const access = prepareAccess(h, [
      { ref: 'a', point: ll(50, 30), households: 10, population: 25 },
      { ref: 'b', point: ll(50, 30), entrances: [ll(50, 90), ll(20, 95)], households: 10, population: 25 },
    ]);
    expect([...access.offset]).toEqual([0, 1, 3]);
    expect(access.edge[0]).toBe(edgeIndexOf(h, 1));
    expect(access.connectorM[0]).toBeCloseTo(30, 2);
    expect([access.edge[1], access.edge[2]]).toEqual([edgeIndexOf(h, 2), edgeIndexOf(h, 2)]);
    expect(access.connectorM[2]).toBeCloseTo(5, 1); // 7-decimal coordinates: ±1 cm
  });
});
