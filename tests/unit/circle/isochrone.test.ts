import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { networkCoverage, prepareAccess, type BuildingInput } from '../../../server/circle/coverage.ts';
import { ISOCHRONE_BUFFER_M, isochrones, reachedLines } from '../../../server/circle/isochrone.ts';
import { snapPoint, type Snap } from '../../../server/circle/snap.ts';
import { buildWalkGraph, type RoadEdgeInput } from '../../../server/circle/walk-graph.ts';
import type { MultiPolygon, Position } from '../../../server/geo/geojson.ts';
import { edge, gridCity, ll, rng } from './helpers.ts';

const inside = (p: Position, m: MultiPolygon) => booleanPointInPolygon(p, m);

/**
 * Two parallel streets 60 m apart, A (y = 0) and B (y = 60), joined only at their east ends
 * (x = 1,000): a block on B is 60–70 m from a station on A as the crow flies, ~1.8 km on foot.
 */
function detour(): RoadEdgeInput[] {
  const edges: RoadEdgeInput[] = [];
  for (let i = 0; i < 10; i++) {
    edges.push(edge(i + 1, i + 1, i + 2, [[i * 100, 0], [(i + 1) * 100, 0]]));
    edges.push(edge(i + 101, i + 101, i + 102, [[i * 100, 60], [(i + 1) * 100, 60]]));
  }
  edges.push(edge(200, 11, 111, [[1000, 0], [1000, 60]]));
  return edges;
}

describe('isochrones', () => {
  const g = buildWalkGraph(detour());
  const station = snapPoint(g, ll(100, -10)) as Snap;
  const buildings: BuildingInput[] = [
    { ref: 'across-the-block', point: ll(150, 70), households: 30, population: 80 },
    { ref: 'near', point: ll(400, -15), households: 30, population: 80 },
    { ref: 'just-in', point: ll(820, -5), households: 30, population: 80 },
    { ref: 'just-out', point: ll(900, -5), households: 30, population: 80 },
  ];
  const cov = networkCoverage(g, prepareAccess(g, buildings), [station], { limitM: Infinity });
  const [five, ten, fifteen] = isochrones(g, station);

  it('draws one MultiPolygon per band (5, 10, 15 min at 4.5 km/h)', () => {
    expect([five, ten, fifteen].map((b) => b.properties.minutes)).toEqual([5, 10, 15]);
    expect(ten.properties.distM).toBeCloseTo(750, 6);
    expect(ten.geometry.type).toBe('MultiPolygon');
    expect(ten.geometry.coordinates.length).toBeGreaterThan(0);
  });

  it('contains every building reached within the band, at its snapped point and its station', () => {
    for (const [i, b] of buildings.entries()) {
      const snapped = (snapPoint(g, b.point) as Snap).point;
      if (cov.distM[i] <= 750) expect(inside(snapped, ten.geometry), b.ref).toBe(true);
    }
    expect(inside(ll(100, -10), five.geometry)).toBe(true);
    expect(cov.distM[2]).toBeLessThanOrEqual(750);
  });

  it('does not paint a block reachable only by a long detour, nor past the exact cut', () => {
    expect(cov.distM[0]).toBeGreaterThan(1800); // 10 + 900 + 60 + 850 + 10
    expect(inside(buildings[0].point, ten.geometry)).toBe(false);
    expect(inside(ll(150, 60), ten.geometry)).toBe(false); // street B itself
    expect(cov.distM[3] - 750).toBeGreaterThan(ISOCHRONE_BUFFER_M);
    expect(inside((snapPoint(g, buildings[3].point) as Snap).point, ten.geometry)).toBe(false);
    // The reached part of A ends at x = 100 + (750 − 10) = 840 m: painted up to 840 + 30 m at most.
    expect(inside(ll(835, 0), ten.geometry)).toBe(true);
    expect(inside(ll(875, 0), ten.geometry)).toBe(false);
    expect(inside(ll(1000, 30), fifteen.geometry)).toBe(true);
  });

  it('nests the bands', () => {
    expect(inside(ll(300, 0), five.geometry)).toBe(true); // 210 m < 375 m
    expect(inside(ll(500, 0), five.geometry)).toBe(false); // 410 m
    expect(inside(ll(500, 0), ten.geometry)).toBe(true);
  });

  it('on a random city, contains the snapped point of every building reached in 10 minutes', () => {
    const city = gridCity(31, 14, 14, 90, 300, 0.2);
    const cg = buildWalkGraph(city.edges);
    const rand = rng(8);
    const st = snapPoint(cg, ll(city.width * (0.3 + 0.4 * rand()), city.height * (0.3 + 0.4 * rand()))) as Snap;
    const c = networkCoverage(cg, prepareAccess(cg, city.buildings), [st], { minutes: 5, limitM: Infinity });
    const [band] = isochrones(cg, st, { minutes: [5] });
    let n = 0;
    for (const [i, b] of city.buildings.entries()) {
      if (c.distM[i] > 375) continue;
      n++;
      expect(inside((snapPoint(cg, b.point) as Snap).point, band.geometry), b.ref).toBe(true);
    }
    expect(n).toBeGreaterThan(5);
    expect(reachedLines(cg, [st], 0.5).length).toBeLessThanOrEqual(3);
  });
});
