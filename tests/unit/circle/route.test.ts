/** Regression: a walk between two parts of the network that do not connect is no route (was an Infinity-cost jump). */
import { describe, expect, it } from 'vitest';
import { route } from '../../../server/circle/route.ts';
import { snapPoint } from '../../../server/circle/snap.ts';
import { buildWalkGraph } from '../../../server/circle/walk-graph.ts';

describe('route', () => {
  const g = buildWalkGraph([
    { id: 1, source: 1, target: 2, lengthM: 111, highway: 'footway', walkable: true, coordinates: [[121.5, 31.2], [121.501, 31.2]] },
    { id: 2, source: 3, target: 4, lengthM: 111, highway: 'footway', walkable: true, coordinates: [[121.5, 31.21], [121.501, 31.21]] },
  ]);
  it('is null between disconnected components, even without a bound', () => {
    const a = snapPoint(g, [121.5005, 31.2001])!;
    const b = snapPoint(g, [121.5005, 31.2099])!;
    expect(route(g, a, b)).toBeNull();
  });
  it('walks along one edge', () => {
    const a = snapPoint(g, [121.5002, 31.2])!;
    const b = snapPoint(g, [121.5008, 31.2])!;
    const r = route(g, a, b)!;
    expect(r.lengthM).toBeGreaterThan(50);
    expect(r.lengthM).toBeLessThan(70);
  });
});
