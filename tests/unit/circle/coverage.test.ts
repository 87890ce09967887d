import { describe, expect, it } from 'vitest';
import { aggregateByArea } from '../../../server/circle/aggregate.ts';
import {
  evaluate, GB50180_PRESETS_M, networkCoverage, prepareAccess, SPEED_ELDERS_KMH, straightLineCoverage, type BuildingInput,
} from '../../../server/circle/coverage.ts';
import { editStation, type StationEdit } from '../../../server/circle/coverage-edit.ts';
import { addSource, removeSource } from '../../../server/circle/dijkstra.ts';
import { snapPoint, snapPoints, type Snap } from '../../../server/circle/snap.ts';
import { parseHhMm } from '../../../server/circle/time-windows.ts';
import { buildWalkGraph, type RoadEdgeInput } from '../../../server/circle/walk-graph.ts';
import { edge, gridCity, ll, rng } from './helpers.ts';

/**
 * A street along y = 0 (nodes every 100 m, ids 1–11) and a compound north of it at x = 500:
 * its gate (0–40 m, locked 22:00–06:00) is the short way in; the back path leaves at
 * (500, 200) and reaches the street at x = 1,000 (a 700 m detour).
 */
function compound(): RoadEdgeInput[] {
  const edges: RoadEdgeInput[] = [];
  for (let i = 0; i < 10; i++) edges.push(edge(i + 1, i + 1, i + 2, [[i * 100, 0], [(i + 1) * 100, 0]]));
  edges.push(
    edge(20, 6, 21, [[500, 0], [500, 40]], { highway: 'footway', closedWindows: [{ from: '22:00', to: '06:00' }] }),
    edge(21, 21, 22, [[500, 40], [500, 200]], { highway: 'footway' }),
    edge(22, 22, 11, [[500, 200], [1000, 200], [1000, 0]], { highway: 'footway' }),
  );
  return edges;
}

const building = (ref: string, x: number, y: number, households = 20): BuildingInput =>
  ({ ref, point: ll(x, y), households, population: households * 3 });

describe('networkCoverage', () => {
  const g = buildWalkGraph(compound());
  const buildings = [building('inside', 510, 150), building('same-edge', 450, -20), building('street', 300, -20)];
  const access = prepareAccess(g, buildings);
  const station = snapPoint(g, ll(480, -10)) as Snap;

  it('measures connector + network + connector, including the direct walk along a shared edge', () => {
    const r = networkCoverage(g, access, [station], { at: parseHhMm('12:00') });
    expect(r.distM[0]).toBeCloseTo(10 + 20 + 40 + 110 + 10, 0);
    expect(r.distM[1]).toBeCloseTo(10 + 30 + 20, 0);
    expect(r.distM[2]).toBeCloseTo(10 + 180 + 20, 0);
    expect(r.timeMin[1]).toBeCloseTo(60 / 75, 2); // 4.5 km/h = 75 m/min
    expect([...r.covered]).toEqual([1, 1, 1]);
    expect([...r.nearest]).toEqual([0, 0, 0]);
  });

  it('a gate closed at 22:00 changes coverage at 23:00 and not at 12:00', () => {
    const noon = networkCoverage(g, access, [station], { at: parseHhMm('12:00') });
    const night = networkCoverage(g, access, [station], { at: new Date('2025-06-01T23:00:00+08:00') });
    expect(noon.covered[0]).toBe(1);
    expect(night.covered[0]).toBe(0);
    expect(night.distM[0]).toBeCloseTo(10 + 520 + 200 + 500 + 50 + 10, 0); // the back path
    expect([...night.covered.subarray(1)]).toEqual([...noon.covered.subarray(1)]);
  });

  it('a closed station (left out by the caller) covers no one', () => {
    const far = snapPoint(g, ll(0, -10)) as Snap;
    const open = networkCoverage(g, access, [far, station]);
    const closed = networkCoverage(g, access, [far, null]);
    expect(open.covered[1]).toBe(1);
    expect(closed.distM[1]).toBeCloseTo(10 + 450 + 20, 0);
    expect(closed.covered[1]).toBe(1); // 480 m is still within 750 m …
    const strict = networkCoverage(g, access, [far, null], { presetM: GB50180_PRESETS_M['10min'] });
    expect(strict.thresholdM).toBe(500);
    expect([...strict.covered]).toEqual([0, 1, 1]);
    expect(networkCoverage(g, access, [null, null]).covered.every((c) => c === 0)).toBe(true);
  });

  it('converts to time at the chosen speed (elders: 1 m/s)', () => {
    const r = networkCoverage(g, access, [station], { speedKmh: SPEED_ELDERS_KMH, minutes: 1.5 });
    expect(r.thresholdM).toBeCloseTo(90, 6);
    expect(r.distM[2]).toBe(Infinity); // 210 m: beyond the default bound of 2 × 90 m
    expect(r.nearest[2]).toBe(-1);
    expect(r.timeMin[1]).toBeCloseTo(r.distM[1] / 60, 6);
    expect([...r.covered]).toEqual([0, 1, 0]);
  });
});

describe('coverage on a random city', () => {
  const city = gridCity(21, 25, 25, 90, 600, 0.15);
  const g = buildWalkGraph(city.edges);
  const access = prepareAccess(g, city.buildings);
  const rand = rng(3);
  const stationPoints = Array.from({ length: 6 }, () => ll(rand() * city.width, rand() * city.height));
  const stations = snapPoints(g, stationPoints) as Snap[];
  const net = networkCoverage(g, access, stations, { limitM: Infinity });

  it('network distance ≥ straight-line distance for every building', () => {
    const line = straightLineCoverage(g, city.buildings, stationPoints, net.thresholdM);
    let reached = 0;
    for (let i = 0; i < city.buildings.length; i++) {
      if (net.distM[i] < Infinity) reached++;
      expect(net.distM[i]).toBeGreaterThanOrEqual(line.distM[i] - 0.05);
    }
    expect(reached).toBeGreaterThan(city.buildings.length * 0.9);
    const share = (c: Uint8Array) => c.reduce((s, x) => s + x, 0) / c.length;
    expect(share(line.covered)).toBeGreaterThanOrEqual(share(net.covered));
  });

  it('editStation (add, remove, move) updates only nearby buildings and equals full coverage', () => {
    const r = networkCoverage(g, access, stations, {});
    const edits: StationEdit[] = [
      { op: 'add', station: snapPoint(g, ll(city.width / 3, city.height / 3)) as Snap },
      { op: 'remove', index: 1 },
      { op: 'move', index: 3, station: snapPoint(g, ll(city.width / 2, city.height / 4)) as Snap },
      { op: 'add', station: snapPoint(g, ll(10, 10)) as Snap, index: 1 },
      { op: 'move', index: 0, station: stations[0] },
    ];
    for (const edit of edits) {
      const { reevaluated } = editStation(g, r, access, edit);
      expect(reevaluated).toBeLessThan(city.buildings.length);
      const full = networkCoverage(g, access, r.field.sources, {});
      expect(r.distM).toEqual(full.distM);
      expect(r.nearest).toEqual(full.nearest);
      expect(r.covered).toEqual(full.covered);
      expect(r.timeMin).toEqual(full.timeMin);
    }
  });

  it('incremental field edits then evaluate = full coverage', () => {
    const r = networkCoverage(g, access, stations, {});
    addSource(r.field, snapPoint(g, ll(city.width / 2, city.height / 2)) as Snap);
    removeSource(r.field, 2);
    const after = evaluate(g, r.field, access, r.thresholdM, r.speedKmh);
    const full = networkCoverage(g, access, r.field.sources, {});
    expect(after.distM).toEqual(full.distM);
    expect(after.nearest).toEqual(full.nearest);
  });

  it('per-area sums add up from grids to communities, with shares and worst buildings', () => {
    const grid = (i: number) => `g${i % 12}`;
    const community = (i: number) => `c${(i % 12) % 3}`;
    const areas = aggregateByArea(city.buildings, net, (_b, i) => [grid(i), community(i)], 3);
    const byId = new Map(areas.map((a) => [a.area, a]));
    for (const c of ['c0', 'c1', 'c2']) {
      const grids = areas.filter((a) => a.area.startsWith('g') && Number(a.area.slice(1)) % 3 === Number(c.slice(1)));
      const sum = (k: 'households' | 'householdsCovered' | 'population' | 'populationCovered') => grids.reduce((s, a) => s + a[k], 0);
      const com = byId.get(c)!;
      expect([sum('households'), sum('householdsCovered'), sum('population'), sum('populationCovered')])
        .toEqual([com.households, com.householdsCovered, com.population, com.populationCovered]);
      expect(com.shareHouseholds).toBeCloseTo(com.householdsCovered / com.households, 12);
    }
    const total = city.buildings.reduce((s, b) => s + b.households, 0);
    expect(areas.filter((a) => a.area.startsWith('c')).reduce((s, a) => s + a.households, 0)).toBe(total);
    const g0 = byId.get('g0')!;
    expect(g0.worst).toHaveLength(3);
    expect(g0.worst[0].distM).toBeGreaterThanOrEqual(g0.worst[1].distM);
    const g0dists = city.buildings.flatMap((b, i) => (grid(i) === 'g0' && b.households > 0 ? [net.distM[i]] : []));
    expect(g0.worst[0].distM).toBe(Math.max(...g0dists));
  });
});
