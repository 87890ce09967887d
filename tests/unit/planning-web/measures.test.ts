/**
 * The live panel's measures (web/src/planning/measures.ts over geometry.ts) agree with the server's
 * planQuality (server/planning/quality.ts over input.ts) on the same plans: a small lattice with an
 * island, an unassigned unit and an out-of-band grid, and a real community of the sample with its
 * current grids and with units moved between grids.
 */
import { describe, expect, it } from 'vitest';
import { planningInput } from '../../../server/planning/input.ts';
import { planQuality } from '../../../server/planning/quality.ts';
import { unitAdjacency } from '../../../web/src/planning/geometry.ts';
import { buildTopology, measurePlan } from '../../../web/src/planning/measures.ts';
import { readDataset, SAMPLE } from '../planning/helpers.ts';
import type { UnitCell } from '../../../server/planning/input.ts';

function square(x: number, y: number, sizeM: number) {
  const d = sizeM / 111_320; // degrees at the equator-ish latitude scale used only for a test shape
  const lon = 121.49 + x * d, lat = 31.23 + y * d;
  return { type: 'Polygon' as const, coordinates: [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]] };
}

function lattice(cols: number, rows: number, hh: (c: number, r: number) => number): UnitCell[] {
  const out: UnitCell[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push({ id: `c${c}r${r}`, geometry: square(c, r, 50), households: hh(c, r), population: 2 * hh(c, r) });
  return out;
}

function both(cells: UnitCell[], assignment: Map<string, string>, band: [number, number] = [200, 400]) {
  const server = planningInput(cells);
  const s = planQuality({ units: server.units, adjacency: server.adjacency, assignment, band, unitBand: [20, 30] });
  const { edges, measures } = unitAdjacency(cells);
  const topo = buildTopology(cells.map((c) => ({ id: c.id, households: c.households, population: c.population, areaM2: measures.get(c.id)!.areaM2, perimeterM: measures.get(c.id)!.perimeterM })), edges);
  const w = measurePlan(topo, assignment, { band, unitBand: [20, 30] });
  return { s, w, serverEdges: server.adjacency, webEdges: edges };
}

function expectAgree({ s, w, serverEdges, webEdges }: ReturnType<typeof both>) {
  expect(webEdges.map((e) => [e.a, e.b, e.sharedM])).toEqual(serverEdges.map((e) => [e.a, e.b, e.sharedM]));
  expect(w.grids.map((g) => g.id)).toEqual(s.grids.map((g) => g.id));
  w.grids.forEach((g, i) => {
    const o = s.grids[i];
    expect({ id: g.id, households: g.households, population: g.population, units: g.units, band: g.band, deviation: g.deviation, pieces: g.pieces })
      .toEqual({ id: o.id, households: o.households, population: o.population, units: o.units, band: o.band, deviation: o.deviation, pieces: o.pieces });
    expect(g.areaM2).toBeCloseTo(o.areaM2, 0);
    expect(g.perimeterM).toBeCloseTo(o.perimeterM, 0);
    expect(g.polsbyPopper).toBeCloseTo(o.polsbyPopper, 3);
  });
  expect(w.summary.unassignedUnits).toEqual(s.summary.unassignedUnits);
  expect(w.summary.unitsOutsideUnitBand).toEqual(s.summary.unitsOutsideUnitBand);
  expect(w.summary.islands).toBe(s.summary.islands);
  expect(w.summary.gridsInBand).toBe(s.summary.gridsInBand);
  expect(w.summary.meanPolsbyPopper).toBeCloseTo(s.summary.meanPolsbyPopper, 3);
  expect(w.summary.meanAbsDeviation).toBeCloseTo(s.summary.meanAbsDeviation, 1);
  expect(w.valid).toBe(s.valid);
}

describe('live measures agree with the server', () => {
  it('a 4 × 2 lattice with an island, an unassigned unit and an out-of-band grid', () => {
    const cells = lattice(4, 2, (c, r) => (c === 3 && r === 1 ? 35 : 100));
    const assignment = new Map<string, string>([['c0r0', 'a'], ['c2r0', 'a'], ['c1r0', 'b'], ['c1r1', 'b'], ['c0r1', 'b'], ['c2r1', 'b'], ['c3r1', 'b']]);
    const r = both(cells, assignment);
    expectAgree(r);
    const a = r.w.grids.find((g) => g.id === 'a')!;
    expect(a.pieces).toBe(2);
    expect(a.islandUnits).toHaveLength(1);
    expect(r.w.grids.find((g) => g.id === 'b')!.band).toBe('over');
    expect(r.w.summary.unassignedUnits).toEqual(['c3r0']);
  });

  it('two squares: PP of a 2 × 2 square is π/4', () => {
    const cells = lattice(4, 2, () => 100);
    const r = both(cells, new Map(cells.map((c) => [c.id, Number(c.id[1]) < 2 ? 'west' : 'east'])));
    expectAgree(r);
    expect(r.w.grids[0].polsbyPopper).toBeCloseTo(Math.PI / 4, 2);
  });

  it('a sample community, as it is and with units moved between grids', () => {
    const data = readDataset(SAMPLE);
    const [, cells] = [...data.byCommunity].sort((a, b) => b[1].length - a[1].length)[0];
    const current = new Map(cells.map((c) => [c.id, data.current.get(c.id)!]));
    expectAgree(both(cells, current));
    const grids = [...new Set(current.values())];
    const moved = new Map(current);
    cells.forEach((c, i) => {
      if (i % 5 === 0) moved.set(c.id, grids[(grids.indexOf(current.get(c.id)!) + 1) % grids.length]);
      if (i % 17 === 3) moved.delete(c.id);
    });
    expectAgree(both(cells, moved, [150, 450]));
  });
});
