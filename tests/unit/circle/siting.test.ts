import { describe, expect, it } from 'vitest';
import { networkCoverage, prepareAccess } from '../../../server/circle/coverage.ts';
import { siteExact } from '../../../server/circle/siting-exact.ts';
import { coverSets, site, siteGreedy } from '../../../server/circle/siting.ts';
import { coveredBy, type SitingProblem } from '../../../server/circle/siting-search.ts';
import { snapPoint, type Snap } from '../../../server/circle/snap.ts';
import { buildWalkGraph } from '../../../server/circle/walk-graph.ts';
import { gridCity, ll, rng } from './helpers.ts';

/** A random instance: clustered sets (candidates near each other overlap), integer weights. */
function randomProblem(seed: number, candidates: number, buildings: number, k: number): SitingProblem {
  const rand = rng(seed);
  const pos = Array.from({ length: buildings }, () => rand());
  const weights = Array.from({ length: buildings }, () => Math.floor(rand() * 30));
  const sets = Array.from({ length: candidates }, () => {
    const c = rand();
    const r = 0.05 + rand() * 0.15;
    return Int32Array.from(pos.flatMap((p, b) => (Math.abs(p - c) <= r ? [b] : [])));
  });
  return { sets, weights, k };
}

/** Every subset of size k (tiny instances only). */
function bruteForce(p: SitingProblem): number {
  let best = 0;
  const rec = (start: number, picks: number[]) => {
    if (picks.length === p.k) { best = Math.max(best, coveredBy(p, picks)); return; }
    for (let c = start; c < p.sets.length; c++) rec(c + 1, [...picks, c]);
  };
  rec(0, []);
  return best;
}

const smallInstances = Array.from({ length: 150 }, (_, i) =>
  randomProblem(1001 + i, 12 + ((i + 1) % 13), 60 + ((i + 1) % 40), 2 + ((i + 1) % 4)));

describe('siting vs the exact optimum', () => {
  it('the branch-and-bound optimum equals brute force on tiny instances', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const p = randomProblem(seed, 10, 40, 1 + (seed % 4));
      expect(siteExact(p).covered, `seed ${seed}`).toBe(bruteForce(p));
    }
  });

  it('site() equals the exact optimum on small random instances (seeded) and says so', () => {
    for (const [i, p] of smallInstances.entries()) {
      const r = site(p);
      expect(r.covered, `instance ${i}`).toBe(siteExact(p).covered);
      expect(r.optimal).toBe(true);
      for (let k = 1; k <= p.k; k++) expect(r.curve[k - 1]).toBe(siteExact({ ...p, k }).covered);
    }
  });

  it('greedy + local search alone: ≥ 99 % of the optimum in total, exact on ≥ 97 % of instances', () => {
    let exact = 0, got = 0, opt = 0, worst = 1;
    for (const p of smallInstances) {
      const g = siteGreedy(p).covered;
      const o = siteExact(p).covered;
      got += g; opt += o;
      if (g === o) exact++;
      worst = Math.min(worst, g / o);
      expect(g).toBeLessThanOrEqual(o);
    }
    expect(got / opt).toBeGreaterThanOrEqual(0.99);
    expect(exact / smallInstances.length).toBeGreaterThanOrEqual(0.97);
    expect(worst).toBeGreaterThan(0.9); // measured: 149 of 150 exact, the other at 93.0 %
  });

  it('reports marginal gains that add up and a non-decreasing coverage curve', () => {
    const p = randomProblem(77, 30, 200, 6);
    for (const r of [siteGreedy(p), site(p)]) {
      expect(r.picks).toHaveLength(6);
      expect(new Set(r.picks.map((x) => x.candidate)).size).toBe(6);
      expect(r.picks.reduce((s, x) => s + x.gain, 0)).toBe(r.covered);
      expect(coveredBy(p, r.picks.map((x) => x.candidate))).toBe(r.covered);
      for (let i = 1; i < r.picks.length; i++) expect(r.picks[i].gain).toBeLessThanOrEqual(r.picks[i - 1].gain);
      for (let i = 1; i < r.curve.length; i++) expect(r.curve[i]).toBeGreaterThanOrEqual(r.curve[i - 1]);
      expect(r.curve[r.curve.length - 1]).toBe(r.covered);
    }
  });
});

describe('coverSets on a network', () => {
  const city = gridCity(41, 16, 16, 90, 250, 0.15);
  const g = buildWalkGraph(city.edges);
  const access = prepareAccess(g, city.buildings);
  const rand = rng(4);
  const pick = () => snapPoint(g, ll(rand() * city.width, rand() * city.height)) as Snap;
  const existing = [pick(), pick()];
  const candidates = Array.from({ length: 14 }, pick);
  const base = networkCoverage(g, access, existing, { minutes: 5 });

  it('gives each candidate the uncovered buildings a coverage run from it would cover', () => {
    const sets = coverSets(g, access, candidates, base.thresholdM, { alreadyCovered: base.covered });
    candidates.forEach((c, i) => {
      const alone = networkCoverage(g, access, [c], { minutes: 5 });
      const expected = [...alone.covered.keys()].filter((b) => alone.covered[b] && !base.covered[b]);
      expect([...sets[i]], `candidate ${i}`).toEqual(expected);
    });
  });

  it('siting on the network equals the exact optimum and never counts covered households', () => {
    const sets = coverSets(g, access, candidates, base.thresholdM, { alreadyCovered: base.covered });
    const weights = city.buildings.map((b) => b.households);
    for (const k of [1, 2, 3, 4]) {
      const p = { sets, weights, k };
      const r = site(p);
      expect(r.covered).toBe(siteExact(p).covered);
      const after = networkCoverage(g, access, [...existing, ...r.picks.map((x) => candidates[x.candidate])], { minutes: 5 });
      const hh = (cov: Uint8Array) => city.buildings.reduce((s, b, i) => s + (cov[i] ? b.households : 0), 0);
      expect(hh(after.covered) - hh(base.covered)).toBe(r.covered);
    }
  });
});
