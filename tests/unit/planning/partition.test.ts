/**
 * proposeGrids on the sample's communities (OSM-derived cells), on a generated synthetic city
 * (each community, and the whole city as one community), least change, and the named reasons
 * for inputs that cannot be planned. Timings are measured in `npm run bench` (tests/bench/planning.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCity } from '../../../scripts/synth/generate.ts';
import { planningInput } from '../../../server/planning/input.ts';
import { proposeGrids, type ProposeOptions } from '../../../server/planning/partition.ts';
import { planQuality } from '../../../server/planning/quality.ts';
import { PLANNING_REASONS as R } from '../../../server/planning/reasons.ts';
import { latticeCells, ll, readDataset, rect, SAMPLE, type Dataset } from './helpers.ts';

/** Proposes, then checks the hard rules with the independent quality measures. */
function proposeChecked(opts: ProposeOptions) {
  const p = proposeGrids(opts);
  const q = planQuality({ units: opts.units, adjacency: opts.adjacency, assignment: p.assignment });
  expect(q.summary.unassignedUnits).toEqual([]);
  expect(q.summary.islands).toBe(0);
  expect(p.assignment.size).toBe(opts.units.length);
  return { p, q };
}

function communityInput(ds: Dataset, code: string, roads = true) {
  const cells = ds.byCommunity.get(code)!;
  const input = planningInput(cells, roads ? { roads: ds.roads } : {});
  const current = new Map(cells.map((c) => [c.id, ds.current.get(c.id)!]));
  return { ...input, current };
}

describe('proposeGrids on the sample (OSM-derived cells, roads)', () => {
  const ds = readDataset(SAMPLE);
  for (const code of [...ds.byCommunity.keys()].sort()) {
    it(`community ${code}: fresh is valid, least change keeps what it can`, () => {
      const { units, adjacency, current } = communityInput(ds, code);
      const fresh = proposeChecked({ units, adjacency });
      expect(fresh.p.issues).toEqual([]);
      expect(fresh.q.summary.shareInBand).toBe(1);
      expect(fresh.q.summary.minPolsbyPopper).toBeGreaterThan(0.2);

      const before = planQuality({ units, adjacency, assignment: current });
      const least = proposeChecked({ units, adjacency, current, mode: 'least_change' });
      expect(least.p.valid).toBe(true);
      expect(least.q.summary.shareInBand).toBe(1);
      // A valid plan comes back untouched; one with an island (4 of the sample's grids are
      // MultiPolygons) loses only the island's units.
      if (before.valid) expect(least.p.kept).toBe(units.length);
      else expect(least.p.kept / units.length).toBeGreaterThanOrEqual(0.85);
    });
  }
});

describe('least change with grids the planner locked', () => {
  it('keeps a locked grid exactly as it is, even one the proposal would have changed', () => {
    const ds = readDataset(SAMPLE);
    const membersOf = (a: ReadonlyMap<string, string>, grid: string) => [...a].filter(([, g]) => g === grid).map(([u]) => u).sort();
    let checked = 0;
    for (const code of [...ds.byCommunity.keys()].sort()) {
      const { units, adjacency, current } = communityInput(ds, code);
      const free = proposeGrids({ units, adjacency, current, mode: 'least_change' });
      const changed = [...new Set(current.values())].find((gr) => membersOf(current, gr).join() !== membersOf(free.assignment, gr).join());
      if (!changed) continue;
      const locked = proposeGrids({ units, adjacency, current, mode: 'least_change', locked: [changed] });
      expect(membersOf(locked.assignment, changed)).toEqual(membersOf(current, changed));
      expect(locked.assignment.size).toBe(units.length);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('proposeGrids on a synthetic city of 10,000 households', () => {
  let tmp: string;
  let ds: Dataset;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-synth-'));
    await generateCity({ households: 10_000, seed: 3, outDir: tmp });
    ds = readDataset(tmp);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('every community: fresh all in band and contiguous; least change keeps the valid current plan whole', () => {
    expect(ds.byCommunity.size).toBeGreaterThan(1);
    let validBefore = 0;
    for (const code of ds.byCommunity.keys()) {
      const { units, adjacency, current } = communityInput(ds, code);
      const fresh = proposeChecked({ units, adjacency });
      expect(fresh.p.valid, fresh.p.message ?? '').toBe(true);
      const before = planQuality({ units, adjacency, assignment: current });
      const least = proposeChecked({ units, adjacency, current, mode: 'least_change' });
      expect(least.p.valid).toBe(true);
      if (before.valid) expect(least.p.kept).toBe(units.length);
      if (before.valid) validBefore++;
    }
    expect(validBefore).toBeGreaterThan(0);
  });

  it('the whole city as one community (≈400 units): valid and compact', () => {
    const { units, adjacency } = planningInput(ds.cells);
    const { p, q } = proposeChecked({ units, adjacency });
    expect(p.valid).toBe(true);
    expect(q.summary.grids).toBe(Math.round(q.summary.households / 300));
    expect(q.summary.meanPolsbyPopper).toBeGreaterThan(0.6);
  });

  it('targetWeight trades compactness for grids nearer the target', () => {
    const { units, adjacency } = planningInput(ds.cells);
    const loose = planQuality({ units, adjacency, assignment: proposeGrids({ units, adjacency }).assignment }).summary;
    const tight = planQuality({ units, adjacency, assignment: proposeGrids({ units, adjacency, targetWeight: 3 }).assignment }).summary;
    expect(tight.shareInBand).toBe(1);
    expect(tight.meanAbsDeviation).toBeLessThan(loose.meanAbsDeviation);
  });

  it('a whole street with communityOf: no grid crosses a community', () => {
    const { units, adjacency } = planningInput(ds.cells);
    const communityOf = new Map(ds.cells.map((c) => [c.id, ds.gridCommunity.get(ds.current.get(c.id)!)!]));
    const { p } = proposeChecked({ units, adjacency, communityOf });
    expect(p.valid).toBe(true);
    const gridCommunity = new Map<string, Set<string>>();
    for (const [unit, grid] of p.assignment) (gridCommunity.get(grid) ?? gridCommunity.set(grid, new Set()).get(grid)!).add(communityOf.get(unit)!);
    for (const set of gridCommunity.values()) expect(set.size).toBe(1);
  });
});

describe('proposeGrids: least change and determinism', () => {
  const { units, adjacency } = planningInput(latticeCells(8, 6));

  it('is deterministic', () => {
    expect([...proposeGrids({ units, adjacency }).assignment]).toEqual([...proposeGrids({ units, adjacency }).assignment]);
  });

  it('assigns units missing from the current plan and keeps the others', () => {
    const current = new Map(units.map((u) => [u.id, Number(u.id.slice(1, u.id.indexOf('r'))) < 4 ? (Number(u.id.split('r')[1]) < 3 ? 'sw' : 'nw') : Number(u.id.split('r')[1]) < 3 ? 'se' : 'ne']));
    current.delete('c3r2');
    current.delete('c0r0');
    const { p } = proposeChecked({ units, adjacency, current, mode: 'least_change' });
    expect(p.valid).toBe(true);
    expect(p.kept).toBe(units.length - 2);
    expect(new Set(p.assignment.values())).toEqual(new Set(['sw', 'nw', 'se', 'ne']));
  });

  it('puts grid boundaries on a major road where the band allows', () => {
    const cells = latticeCells(8, 6);
    const road = { coordinates: [ll(120, -20), ll(120, 260)], highway: 'primary' };
    const withRoad = planningInput(cells, { roads: [road] });
    const { p } = proposeChecked({ units: withRoad.units, adjacency: withRoad.adjacency });
    expect(p.valid).toBe(true);
    const west = (id: string) => Number(id.slice(1, id.indexOf('r'))) < 3;
    for (const grid of p.grids) expect(new Set([...p.assignment].filter(([, g]) => g === grid).map(([u]) => west(u))).size).toBe(1);
    // Without the road the same lattice is cut into quadrants across x = 120 m.
    const plain = proposeGrids({ units, adjacency });
    expect(plain.grids.some((grid) => new Set([...plain.assignment].filter(([, g]) => g === grid).map(([u]) => west(u))).size > 1)).toBe(true);
  });

  it('works without unit perimeters (estimated from shared boundaries and area)', () => {
    const { p } = proposeChecked({ units: units.map(({ perimeterM: _, ...u }) => u), adjacency });
    expect(p.valid).toBe(true);
  });
});

describe('proposeGrids explains what cannot be planned', () => {
  it('UNIT_TOO_LARGE: the unit becomes a grid of its own, the rest is planned', () => {
    const { units, adjacency } = planningInput(latticeCells(4, 4, 40, (c, r) => (c === 1 && r === 1 ? 430 : 25)));
    const { p } = proposeChecked({ units, adjacency });
    expect(p.valid).toBe(false);
    expect(p.reason).toBe(R.UNIT_TOO_LARGE);
    expect(p.message).toBe('unit c1r1 alone holds 430 households, above the 400 limit of a grid');
    expect([...p.assignment.values()].filter((g) => g === p.assignment.get('c1r1'))).toHaveLength(1);
    expect(p.issues).toHaveLength(1); // the other 375 households form one grid in band
  });

  it('COMMUNITY_TOO_SMALL: one grid with everything', () => {
    const { units, adjacency } = planningInput(latticeCells(3, 2, 40, () => 25));
    const { p } = proposeChecked({ units, adjacency });
    expect(p.reason).toBe(R.COMMUNITY_TOO_SMALL);
    expect(p.message).toBe('community has 150 households: below one grid (200)');
    expect(new Set(p.assignment.values()).size).toBe(1);
  });

  it('DISCONNECTED: an island below the band is its own grid, named', () => {
    const cells = [...latticeCells(5, 4), { id: 'far', geometry: rect(500, 0, 540, 40), households: 60, population: 150 }];
    const { units, adjacency } = planningInput(cells);
    const { p } = proposeChecked({ units, adjacency });
    expect(p.reason).toBe(R.DISCONNECTED);
    expect(p.issues[0].units).toEqual(['far']);
    expect(p.message).toContain('units far (60 households) share no boundary with the rest');
  });

  it('BAND_UNREACHABLE: a chain 150-150-150 cannot make two contiguous grids in band', () => {
    const cells = [0, 1, 2].map((i) => ({ id: `u${i}`, geometry: rect(i * 40, 0, (i + 1) * 40, 40), households: 150, population: 400 }));
    const { units, adjacency } = planningInput(cells);
    const { p } = proposeChecked({ units, adjacency });
    expect(p.valid).toBe(false);
    expect(p.issues.every((i) => i.reason === R.BAND_UNREACHABLE)).toBe(true);
  });

  it('NO_UNITS and BAD_BAND', () => {
    expect(proposeGrids({ units: [], adjacency: [] }).reason).toBe(R.NO_UNITS);
    const { units, adjacency } = planningInput(latticeCells(2, 2));
    expect(proposeGrids({ units, adjacency, band: [400, 200] }).reason).toBe(R.BAD_BAND);
    expect(proposeGrids({ units, adjacency, band: [200, 400], target: 500 }).reason).toBe(R.BAD_BAND);
  });
});
