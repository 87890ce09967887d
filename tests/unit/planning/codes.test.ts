/**
 * CJ/T 349 grid numbering (west → east, north → south, rows of half a typical grid side) and
 * the old → new crosswalk per unit, grid pair and household.
 */
import { describe, expect, it } from 'vitest';
import { cjtOrder, crosswalk, gridCodes, gridPoints, householdCrosswalk, type GridPoint } from '../../../server/planning/codes.ts';
import { planningInput } from '../../../server/planning/input.ts';
import { PLANNING_REASONS as R } from '../../../server/planning/reasons.ts';
import { latticeCells, ll } from './helpers.ts';

const grid = (id: string, x: number, y: number, side = 200): GridPoint => ({ id, centroid: ll(x, y), areaM2: side * side });

describe('CJ/T 349 order', () => {
  it('numbers rows north → south and west → east within a row, tolerating jitter under half a side', () => {
    // A 3 × 3 layout of 200 m grids whose centroids wander up to 60 m.
    const grids = [
      grid('sw', 0, 0), grid('s', 210, 40), grid('se', 400, -50),
      grid('w', -20, 210), grid('c', 190, 160), grid('e', 420, 250),
      grid('nw', 30, 400), grid('n', 200, 440), grid('ne', 380, 370),
    ];
    expect(cjtOrder(grids)).toEqual(['nw', 'n', 'ne', 'w', 'c', 'e', 'sw', 's', 'se']);
    const r = gridCodes('370683001001', grids);
    expect(r.valid).toBe(true);
    expect(r.codes.get('nw')).toBe('37068300100101');
    expect(r.codes.get('se')).toBe('37068300100109');
  });

  it('takes grid centroids from the units, area-weighted', () => {
    const { units } = planningInput(latticeCells(4, 2, 50));
    const assignment = new Map(units.map((u) => [u.id, `${Number(u.id[1]) < 2 ? 'w' : 'e'}${u.id.endsWith('r1') ? 'n' : 's'}`]));
    const pts = gridPoints(units, assignment);
    expect(pts).toHaveLength(4);
    expect(pts.find((p) => p.id === 'ws')!.centroid[0]).toBeCloseTo(ll(50, 25)[0], 6);
    expect(cjtOrder(pts)).toEqual(['wn', 'en', 'ws', 'es']);
  });

  it('rejects a bad community code and more than 99 grids', () => {
    expect(gridCodes('37068300100', [grid('a', 0, 0)]).reason).toBe(R.BAD_COMMUNITY_CODE);
    const many = Array.from({ length: 100 }, (_, i) => grid(`g${i}`, (i % 10) * 200, Math.floor(i / 10) * 200));
    const r = gridCodes('370683001001', many);
    expect(r.reason).toBe(R.TOO_MANY_GRIDS);
    expect(r.message).toBe('community 370683001001 has 100 grids: the 2-digit grid number of CJ/T 349 codes at most 99');
  });
});

describe('crosswalk', () => {
  const before = new Map([['u1', 'A'], ['u2', 'A'], ['u3', 'A'], ['u4', 'B'], ['u5', 'B'], ['u6', 'C']]);
  const after = new Map([['u1', '01'], ['u2', '01'], ['u3', '02'], ['u4', '02'], ['u5', '02'], ['u7', '02']]);
  const households = new Map([['u1', 25], ['u2', 25], ['u3', 30], ['u4', 20], ['u5', 20], ['u6', 22], ['u7', 21]]);

  it('continues each old grid as the new grid that took most of its households', () => {
    const cw = crosswalk(before, after, households);
    expect(cw.successor).toEqual(new Map([['A', '01'], ['B', '02']]));
    const moved = cw.units.filter((u) => u.moved).map((u) => u.unit);
    expect(moved).toEqual(['u3', 'u6', 'u7']); // u3 left A's continuation; u6 lost its grid; u7 is new
    expect(cw.grids).toContainEqual({ from: 'A', to: '02', units: 1, households: 30 });
    expect(cw.grids).toContainEqual({ from: 'C', to: null, units: 1, households: 22 });
    expect(cw.grids.reduce((s, g) => s + g.households, 0)).toBe(163);
  });

  it('covers every household', () => {
    const cw = crosswalk(before, after, households);
    const hh = [...households].flatMap(([unit, n]) => Array.from({ length: n }, (_, i) => ({ code: `${unit}-${i}`, unit })));
    const rows = householdCrosswalk(cw.units, hh);
    expect(rows).toHaveLength(163);
    expect(rows.filter((r) => r.moved)).toHaveLength(30 + 22 + 21);
    expect(rows.find((r) => r.household === 'u3-0')).toEqual({ household: 'u3-0', unit: 'u3', from: 'A', to: '02', moved: true });
  });
});
