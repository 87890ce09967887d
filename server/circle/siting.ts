/**
 * Siting the next stations: maximal covering location (issue 4 "Siting"). Existing stations stay;
 * choose k candidates maximising the households newly brought within the budget.
 * 1. `coverSets`: for each candidate, the not-yet-covered buildings it would cover (one bounded
 *    Dijkstra per candidate, budget distance).
 * 2. `siteGreedy`: lazy greedy (CELF), then local search (1-swaps and pair moves, see
 *    siting-search.ts), for every k up to K.
 * 3. `site`: that, then a branch-and-bound polish within a work budget (siting-exact.ts): on
 *    small instances it proves the optimum (`optimal: true`), on large ones it only may improve.
 *    Candidates that add nothing may be left out, so fewer than k picks can come back.
 */
import { Search, type SourcePoint } from './dijkstra.ts';
import type { AccessPoints } from './coverage.ts';
import { branchAndBound } from './siting-exact.ts';
import { countsOf, coveredBy, lazyGreedy, localSearch, swapImprove, type SitingProblem } from './siting-search.ts';
import type { WalkGraph } from './walk-graph.ts';

export interface SitingResult {
  /** The chosen candidates, each with its marginal gain (households) in greedy order. */
  picks: { candidate: number; gain: number }[];
  /** Households newly covered by all picks. */
  covered: number;
  /** curve[j] = households newly covered by the best j + 1 stations found (j = 0 … k − 1). */
  curve: number[];
  /** Whether every point of the curve is proven optimal (only `site` proves). */
  optimal: boolean;
}

export interface CoverSetOptions {
  closed?: Uint8Array | null;
  /** 1 for buildings already covered by existing stations: left out of every set. */
  alreadyCovered?: Uint8Array | null;
}

/** Buildings each candidate would cover within `budgetM` (equivalent metres). */
export function coverSets(
  g: WalkGraph, access: AccessPoints, candidates: readonly SourcePoint[], budgetM: number, options: CoverSetOptions = {},
): Int32Array[] {
  const closed = options.closed ?? null;
  const B = access.offset.length - 1;
  const A = access.edge.length;
  const owner = new Int32Array(A);
  for (let b = 0; b < B; b++) owner.fill(b, access.offset[b], access.offset[b + 1]);
  const onEdge = new Int32Array(g.edgeCount + 1);
  for (let a = 0; a < A; a++) onEdge[access.edge[a] + 1]++;
  for (let e = 0; e < g.edgeCount; e++) onEdge[e + 1] += onEdge[e];
  const fill = onEdge.slice(0, g.edgeCount);
  const accessOnEdge = new Int32Array(A);
  for (let a = 0; a < A; a++) accessOnEdge[fill[access.edge[a]]++] = a;

  const search = new Search(g, closed, budgetM);
  const stamp = new Int32Array(B).fill(-1);
  return candidates.map((cand, ci) => {
    search.clear();
    search.seed(0, cand);
    search.run();
    const out: number[] = [];
    const consider = (a: number, d: number) => {
      const b = owner[a];
      if (d <= budgetM && stamp[b] !== ci && !options.alreadyCovered?.[b]) { stamp[b] = ci; out.push(b); }
    };
    const edgeDone = (e: number) => {
      const c = g.edgeCost[e];
      const ds = search.dist[g.edgeSource[e]], dt = search.dist[g.edgeTarget[e]];
      for (let i = onEdge[e]; i < onEdge[e + 1]; i++) {
        const a = accessOnEdge[i];
        const t = access.t[a];
        let d = Math.min(ds + t * c, dt + (1 - t) * c);
        if (e === cand.edge) d = Math.min(d, cand.connectorM + Math.abs(t - cand.t) * c);
        consider(a, access.connectorM[a] + d);
      }
    };
    if (!closed?.[cand.edge]) edgeDone(cand.edge);
    for (const u of search.reached()) {
      for (let k = g.adjOffset[u]; k < g.adjOffset[u + 1]; k++) {
        const e = g.adjEdge[k];
        if (!closed?.[e] && e !== cand.edge) edgeDone(e);
      }
    }
    return Int32Array.from(out).sort();
  });
}

/** The picks ordered greedily among themselves, with their marginal gains. */
function withGains(p: SitingProblem, picks: readonly number[]): { candidate: number; gain: number }[] {
  const ordered = lazyGreedy({ sets: picks.map((c) => p.sets[c]), weights: p.weights, k: picks.length }, new Int32Array(p.weights.length));
  return ordered.map((x) => ({ candidate: picks[x.candidate], gain: x.gain }));
}

/**
 * Greedy + local search for k = 1 … K: the picks for each k. Each k starts from the k − 1 picks
 * plus their best addition, improved by 1-swaps (so coverage never drops as k grows); for the
 * final K the first K greedy picks are tried too, and both get the full local search.
 */
function heuristicByK(p: SitingProblem): number[][] {
  const greedy = lazyGreedy(p, new Int32Array(p.weights.length)).map((x) => x.candidate);
  const out: number[][] = [];
  let prev: number[] = [];
  for (let k = 1; k <= greedy.length; k++) {
    const skip = new Uint8Array(p.sets.length);
    prev.forEach((c) => (skip[c] = 1));
    const grown = [...prev, lazyGreedy(p, countsOf(p, prev), 1, skip)[0].candidate];
    if (k < greedy.length) swapImprove(p, grown, countsOf(p, grown));
    else {
      const a = localSearch(p, greedy.slice());
      localSearch(p, grown);
      if (coveredBy(p, a) > coveredBy(p, grown)) grown.splice(0, grown.length, ...a);
    }
    out.push((prev = grown));
  }
  return out;
}

function result(p: SitingProblem, byK: readonly number[][], optimal: boolean): SitingResult {
  const picks = withGains(p, byK[byK.length - 1] ?? []);
  return { picks, covered: picks.reduce((s, x) => s + x.gain, 0), curve: byK.map((x) => coveredBy(p, x)), optimal };
}

/** Greedy + local search (no optimality proof). */
export function siteGreedy(p: SitingProblem): SitingResult {
  return result(p, heuristicByK(p), false);
}

/** Work budget of the branch-and-bound polish per k (set elements visited; a few ms). */
export const SITE_POLISH_WORK = 300_000;

/**
 * The planner's entry: `siteGreedy`, then for each k a branch-and-bound polish warm-started from
 * the heuristic's picks (so never worse); `optimal` when every polish finished.
 */
export function site(p: SitingProblem, polishWork = SITE_POLISH_WORK): SitingResult {
  let optimal = true;
  const byK: number[][] = [];
  // Upper bound: everything any candidate could cover. A start that reaches it is optimal as is.
  const all = new Uint8Array(p.weights.length);
  for (const s of p.sets) for (let i = 0; i < s.length; i++) all[s[i]] = 1;
  let bound = 0;
  all.forEach((v, i) => (bound += v ? p.weights[i] : 0));
  for (const [j, heuristic] of heuristicByK(p).entries()) {
    // Start from the better of the heuristic and the polished k − 1 picks plus their best addition.
    const prev = byK[j - 1] ?? [];
    const skip = new Uint8Array(p.sets.length);
    prev.forEach((c) => (skip[c] = 1));
    const grown = [...prev, lazyGreedy(p, countsOf(p, prev), 1, skip)[0].candidate];
    const start = coveredBy(p, grown) > coveredBy(p, heuristic) ? grown : heuristic;
    if (coveredBy(p, start) >= bound - 1e-9) {
      byK.push(start);
      continue;
    }
    const r = branchAndBound({ ...p, k: j + 1 }, start, polishWork);
    optimal &&= r.complete;
    byK.push(r.picks);
  }
  return result(p, byK, optimal);
}
