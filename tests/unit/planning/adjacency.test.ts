/**
 * Unit adjacency from polygons: shared sides, T-junctions, corners, rounding, the road option,
 * and the datasets (sample from OSM, a synthetic city).
 */
import { describe, expect, it } from 'vitest';
import { unitAdjacency } from '../../../server/planning/adjacency.ts';
import { buildUnitGraph, components } from '../../../server/planning/graph.ts';
import { planningInput } from '../../../server/planning/input.ts';
import { latticeCells, ll, readDataset, rect, SAMPLE } from './helpers.ts';

const pairs = (edges: { a: string; b: string }[]) => edges.map((e) => [e.a, e.b].sort().join('-')).sort();

describe('unitAdjacency', () => {
  it('joins cells that share a side, with its length, and not cells that touch at a corner', () => {
    const cells = latticeCells(2, 2, 50).map((c) => ({ id: c.id, geometry: c.geometry }));
    const { edges, measures } = unitAdjacency(cells);
    expect(pairs(edges)).toEqual(['c0r0-c0r1', 'c0r0-c1r0', 'c0r1-c1r1', 'c1r0-c1r1']);
    for (const e of edges) expect(e.sharedM).toBeCloseTo(50, 0);
    const m = measures.get('c0r0')!;
    expect(m.areaM2).toBeCloseTo(2500, -1);
    expect(m.perimeterM).toBeCloseTo(200, 0);
  });

  it('counts T-junctions: a long side against two short ones', () => {
    const cells = [
      { id: 'long', geometry: rect(0, 0, 100, 30) },
      { id: 'left', geometry: rect(0, 30, 40, 60) },
      { id: 'right', geometry: rect(40, 30, 100, 60) },
    ];
    const { edges } = unitAdjacency(cells);
    const len = Object.fromEntries(edges.map((e) => [[e.a, e.b].sort().join('-'), e.sharedM]));
    expect(len['left-long']).toBeCloseTo(40, 0);
    expect(len['long-right']).toBeCloseTo(60, 0);
    expect(len['left-right']).toBeCloseTo(30, 0);
  });

  it('ignores shared boundaries of 1 m or less, and gaps wider than the tolerance', () => {
    const cells = [
      { id: 'a', geometry: rect(0, 0, 40, 40) },
      { id: 'b', geometry: rect(39.2, 40, 80, 80) }, // shares 0.8 m of a's top side
      { id: 'c', geometry: rect(41, 0, 80, 40) }, // 1 m gap from a
      { id: 'd', geometry: rect(-40, 0.3, 0.2, 40.3) }, // 0.2 m overlap, offset 0.3 m: same line within 0.5 m
    ];
    expect(pairs(unitAdjacency(cells).edges)).toEqual(['a-d', 'b-c']);
  });

  it('weakens boundaries along a major road, not along a footway', () => {
    const cells = latticeCells(3, 1, 40).map((c) => ({ id: c.id, geometry: c.geometry }));
    const roads = [
      { coordinates: [ll(40, -10), ll(40, 50)], highway: 'primary' },
      { coordinates: [ll(80, -10), ll(80, 50)], highway: 'footway' },
    ];
    const w = Object.fromEntries(unitAdjacency(cells, { roads }).edges.map((e) => [`${e.a}-${e.b}`, e]));
    expect(w['c0r0-c1r0'].weight).toBeCloseTo(0.25 * w['c0r0-c1r0'].sharedM, 1);
    expect(w['c1r0-c2r0'].weight).toBe(w['c1r0-c2r0'].sharedM);
    const offset = unitAdjacency(cells, { roads: [{ coordinates: [ll(52, -10), ll(52, 50)], highway: 'trunk' }], roadDistanceM: 15 }).edges;
    expect(offset.find((e) => e.a === 'c0r0')!.weight).toBeLessThan(offset.find((e) => e.a === 'c0r0')!.sharedM); // 12 m off, parallel
  });

  it('on the sample: symmetric lengths within each unit perimeter, one unit never its own neighbour', () => {
    const ds = readDataset(SAMPLE);
    const { units, adjacency } = planningInput(ds.cells, { roads: ds.roads });
    expect(adjacency.length).toBeGreaterThan(ds.cells.length);
    const shared = new Map<string, number>();
    for (const e of adjacency) {
      expect(e.a).not.toBe(e.b);
      expect(e.sharedM).toBeGreaterThanOrEqual(1); // > 1 m before rounding to the centimetre
      expect(e.weight!).toBeLessThanOrEqual(e.sharedM);
      for (const id of [e.a, e.b]) shared.set(id, (shared.get(id) ?? 0) + e.sharedM);
    }
    // Neighbours may overlap by centimetres (OSM-derived cells): allow 1 %.
    for (const u of units) expect(shared.get(u.id) ?? 0).toBeLessThanOrEqual(u.perimeterM! * 1.01);
    // Units tile their grids: each community's units form few connected parts.
    for (const cells of ds.byCommunity.values()) {
      const ids = new Set(cells.map((c) => c.id));
      const g = buildUnitGraph(units.filter((u) => ids.has(u.id)), adjacency);
      expect(components(g).length).toBeLessThanOrEqual(2);
    }
  });
});
