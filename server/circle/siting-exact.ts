/**
 * Exact maximal covering by branch and bound: candidates in order of their total weight; at each
 * node, take or skip the next candidate. Bound: what is covered so far plus the r largest
 * marginal gains among the remaining candidates (r = picks still allowed), valid because coverage
 * is submodular. Warm-started from a known solution, so only strictly better ones are searched
 * for. Exponential in the worst case: a work budget (set elements visited) keeps it an anytime
 * polish. Candidates that cover nothing are left out.
 */
import { coveredBy, lazyGreedy, type SitingProblem } from './siting-search.ts';

export interface ExactResult {
  picks: number[];
  covered: number;
  /** True when the search finished: `covered` is the optimum. */
  complete: boolean;
  /** Search nodes visited. */
  nodes: number;
  /** Set elements visited (the budget's unit). */
  work: number;
}

/** Best solution found from `start` within `maxWork` set-element visits (~1e8 per second). */
export function branchAndBound(p: SitingProblem, start: readonly number[], maxWork: number): ExactResult {
  const w = p.weights;
  const weightOf = (s: ArrayLike<number>) => { let t = 0; for (let i = 0; i < s.length; i++) t += w[s[i]]; return t; };
  const order = Array.from({ length: p.sets.length }, (_, i) => i).filter((c) => weightOf(p.sets[c]) > 0)
    .sort((a, b) => weightOf(p.sets[b]) - weightOf(p.sets[a]) || a - b);
  const C = order.length;
  const k = Math.min(p.k, C);
  const cnt = new Int32Array(w.length);
  let best = coveredBy(p, start);
  let bestPicks = [...start];
  let nodes = 0;
  let work = 0;
  let complete = true;
  const chosen: number[] = [];
  const gains = new Float64Array(C);

  const dfs = (i: number, value: number): void => {
    nodes++;
    if (work > maxWork) { complete = false; return; }
    if (value > best) { best = value; bestPicks = [...chosen]; }
    const r = k - chosen.length;
    if (r === 0 || i === C) return;
    let m = 0;
    for (let j = i; j < C; j++) {
      const s = p.sets[order[j]];
      let gsum = 0;
      for (let x = 0; x < s.length; x++) if (cnt[s[x]] === 0) gsum += w[s[x]];
      gains[m++] = gsum;
      work += s.length;
    }
    const top = gains.subarray(0, m).sort().reverse();
    let bound = value;
    for (let j = 0; j < Math.min(r, m); j++) bound += top[j];
    if (bound <= best) return;
    const c = order[i];
    const s = p.sets[c];
    let gain = 0;
    for (let x = 0; x < s.length; x++) if (cnt[s[x]]++ === 0) gain += w[s[x]];
    chosen.push(c);
    dfs(i + 1, value + gain);
    chosen.pop();
    for (let x = 0; x < s.length; x++) cnt[s[x]]--;
    if (complete) dfs(i + 1, value);
  };
  dfs(0, 0);
  return { picks: bestPicks.sort((a, b) => a - b), covered: best, complete, nodes, work };
}

/** The optimum of a small instance. Throws when the search needs more than `maxWork`. */
export function siteExact(p: SitingProblem, maxWork = 2e9): ExactResult {
  const start = lazyGreedy(p, new Int32Array(p.weights.length)).map((x) => x.candidate);
  const r = branchAndBound(p, start, maxWork);
  if (!r.complete) throw new Error(`exact siting needs more than ${maxWork} set-element visits (${p.sets.length} candidates, k = ${p.k})`);
  return r;
}
