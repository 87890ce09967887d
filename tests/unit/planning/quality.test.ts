/**
 * planQuality on hand-checkable plans: Polsby–Popper of squares and rectangles from unit
 * boundaries, band status, islands, unassigned units, units outside 20–30, and the reasons.
 */
import { describe, expect, it } from 'vitest';
import { planningInput } from '../../../server/planning/input.ts';
import { polsbyPopper } from '../../../server/planning/measure.ts';
import { planQuality } from '../../../server/planning/quality.ts';
import { PLANNING_REASONS as R } from '../../../server/planning/reasons.ts';
import { latticeCells } from './helpers.ts';

// 4 × 2 cells of 50 m: households 20–30 except c3r1 (35).
const { units, adjacency } = planningInput(latticeCells(4, 2, 50, (c, r) => (c === 3 && r === 1 ? 35 : 100)));

describe('planQuality', () => {
  it('measures grids from their units: a 2 × 2 square and a 2 × 2 square', () => {
    const assignment = new Map(units.map((u) => [u.id, Number(u.id[1]) < 2 ? 'west' : 'east']));
    const q = planQuality({ units, adjacency, assignment });
    const west = q.grids.find((g) => g.id === 'west')!;
    expect(west.households).toBe(400);
    expect(west.units).toBe(4);
    expect(west.band).toBe('in');
    expect(west.areaM2).toBeCloseTo(10_000, -1);
    expect(west.perimeterM).toBeCloseTo(400, 0);
    expect(west.polsbyPopper).toBeCloseTo(Math.PI / 4, 2);
    expect(q.grids.find((g) => g.id === 'east')!.households).toBe(335);
    expect(q.summary).toMatchObject({ grids: 2, gridsInBand: 2, shareInBand: 1, islands: 0, unassignedUnits: [] });
    expect(q.summary.unitsOutsideUnitBand.sort()).toEqual(units.map((u) => u.id).sort()); // 100 and 35 are outside 20–30
    expect(q.valid).toBe(true);
  });

  it('a 1 × 4 strip is less compact than a square; PP matches 4πA/P²', () => {
    const assignment = new Map(units.map((u) => [u.id, u.id.endsWith('r0') ? 'south' : 'north']));
    const q = planQuality({ units, adjacency, assignment, band: [100, 500] });
    const south = q.grids.find((g) => g.id === 'south')!;
    expect(south.perimeterM).toBeCloseTo(500, 0);
    expect(south.polsbyPopper).toBeCloseTo(polsbyPopper(200 * 50, 500), 3);
    expect(south.polsbyPopper).toBeLessThan(Math.PI / 4 - 0.1);
  });

  it('counts islands, out-of-band grids and unassigned units, with reasons', () => {
    const assignment = new Map<string, string>([['c0r0', 'a'], ['c2r0', 'a'], ['c1r0', 'b'], ['c1r1', 'b'], ['c0r1', 'b'], ['c2r1', 'b'], ['c3r1', 'b']]);
    const q = planQuality({ units, adjacency, assignment });
    const a = q.grids.find((g) => g.id === 'a')!;
    expect(a.pieces).toBe(2);
    expect(a.band).toBe('in');
    expect(q.grids.find((g) => g.id === 'b')!.band).toBe('over');
    expect(q.summary.islands).toBe(1);
    expect(q.summary.unassignedUnits).toEqual(['c3r0']);
    expect(q.valid).toBe(false);
    expect(q.issues.map((i) => i.reason)).toEqual([R.GRID_NOT_CONTIGUOUS, R.GRID_OUT_OF_BAND, R.UNIT_UNASSIGNED]);
    expect(q.issues[1].message).toBe('grid b has 435 households, above the 400 limit');
    expect(q.issues[2].message).toBe('units c3r0 belong to no grid');
  });
});
