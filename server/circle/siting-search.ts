/**
 * The combinatorial moves of maximal covering on set systems: lazy greedy and two local searches.
 * `cnt[b]` is how many picks cover building b; a building counts once, however many cover it.
 */
export interface SitingProblem {
  /** Per candidate, the building indices it would newly cover. */
  sets: readonly ArrayLike<number>[];
  /** Per building, its weight (households). */
  weights: ArrayLike<number>;
  k: number;
}

const EPS = 1e-9;

/** Weight of `set` not yet covered (cnt 0), or covered only by the pick marked in `mark`. */
export function gainOf(set: ArrayLike<number>, w: ArrayLike<number>, cnt: Int32Array, mark?: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < set.length; i++) {
    const b = set[i];
    if (cnt[b] === 0 || (mark && cnt[b] === 1 && mark[b])) s += w[b];
  }
  return s;
}

export function apply(set: ArrayLike<number>, cnt: Int32Array, delta: 1 | -1): void {
  for (let i = 0; i < set.length; i++) cnt[set[i]] += delta;
}

export function countsOf(p: SitingProblem, picks: readonly number[]): Int32Array {
  const cnt = new Int32Array(p.weights.length);
  picks.forEach((c) => apply(p.sets[c], cnt, 1));
  return cnt;
}

/** Weight covered by a set of picks (each building once). */
export function coveredBy(p: SitingProblem, picks: readonly number[]): number {
  const cnt = new Int32Array(p.weights.length);
  let s = 0;
  for (const c of picks) { s += gainOf(p.sets[c], p.weights, cnt); apply(p.sets[c], cnt, 1); }
  return s;
}

/**
 * Lazy greedy (CELF): a candidate's gain only shrinks as picks are added, so a stale gain is an
 * upper bound, re-evaluated only when it reaches the top. Candidates with `skip[c]` are never
 * picked. Adds `k` picks on top of `cnt` (updated) and returns them with their marginal gains.
 */
export function lazyGreedy(p: SitingProblem, cnt: Int32Array, k = p.k, skip?: Uint8Array): { candidate: number; gain: number }[] {
  const order = Array.from({ length: p.sets.length }, (_, i) => i).filter((c) => !skip?.[c]);
  const bound = p.sets.map((s) => gainOf(s, p.weights, cnt));
  const fresh = new Int32Array(p.sets.length);
  order.sort((a, b) => bound[b] - bound[a] || a - b);
  const better = (a: number, b: number) => bound[a] > bound[b] || (bound[a] === bound[b] && a < b);
  const picks: { candidate: number; gain: number }[] = [];
  for (let round = 1; round <= k && order.length > 0; round++) {
    for (;;) {
      const c = order[0];
      if (fresh[c] === round) break;
      bound[c] = gainOf(p.sets[c], p.weights, cnt);
      fresh[c] = round;
      let i = 0; // re-insert c by its fresh bound
      while (i + 1 < order.length && better(order[i + 1], c)) { order[i] = order[i + 1]; i++; }
      order[i] = c;
    }
    const c = order.shift() as number;
    picks.push({ candidate: c, gain: bound[c] });
    apply(p.sets[c], cnt, 1);
  }
  return picks;
}

/** 1-swap: for each pick, the best replacement by a non-pick, while one improves. In place. */
export function swapImprove(p: SitingProblem, picks: number[], cnt: Int32Array): boolean {
  const C = p.sets.length;
  const total = p.sets.map((s) => gainOf(s, p.weights, new Int32Array(p.weights.length)));
  const inPicks = new Uint8Array(C);
  picks.forEach((c) => (inPicks[c] = 1));
  const mark = new Uint8Array(p.weights.length);
  let any = false;
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 0; i < picks.length; i++) {
      const set = p.sets[picks[i]];
      let loss = 0;
      for (let j = 0; j < set.length; j++) { mark[set[j]] = 1; if (cnt[set[j]] === 1) loss += p.weights[set[j]]; }
      let best = -1, bestDelta = EPS;
      for (let c = 0; c < C; c++) {
        if (inPicks[c] || total[c] - loss <= bestDelta) continue;
        const delta = gainOf(p.sets[c], p.weights, cnt, mark) - loss;
        if (delta > bestDelta) { bestDelta = delta; best = c; }
      }
      for (let j = 0; j < set.length; j++) mark[set[j]] = 0;
      if (best >= 0) {
        apply(set, cnt, -1);
        apply(p.sets[best], cnt, 1);
        inPicks[picks[i]] = 0; inPicks[best] = 1; picks[i] = best;
        improved = any = true;
      }
    }
  }
  return any;
}

/** How many first additions a pair move tries (all of them on small instances). */
export const PAIR_FIRST_TRIES = 12;

/**
 * Pair move: take out two picks and put back the best pair found (each of the `PAIR_FIRST_TRIES`
 * best single additions, completed by the best second), when that covers more. Escapes 1-swap
 * optima where two stations must shift together. In place; true when it moved.
 */
export function pairImprove(p: SitingProblem, picks: number[], cnt: Int32Array): boolean {
  const C = p.sets.length;
  const inPicks = new Uint8Array(C);
  picks.forEach((c) => (inPicks[c] = 1));
  const gain = new Float64Array(C);
  for (let i = 0; i < picks.length; i++) {
    for (let j = i + 1; j < picks.length; j++) {
      const [a, b] = [picks[i], picks[j]];
      apply(p.sets[a], cnt, -1);
      apply(p.sets[b], cnt, -1);
      inPicks[a] = inPicks[b] = 0;
      // What a and b cover together beyond the other picks.
      const gainA = gainOf(p.sets[a], p.weights, cnt);
      apply(p.sets[a], cnt, 1);
      const before = gainA + gainOf(p.sets[b], p.weights, cnt);
      apply(p.sets[a], cnt, -1);
      const free: number[] = [];
      for (let c = 0; c < C; c++) if (!inPicks[c]) { gain[c] = gainOf(p.sets[c], p.weights, cnt); free.push(c); }
      free.sort((x, y) => gain[y] - gain[x] || x - y);
      let best = before + EPS, pair: [number, number] | null = null;
      for (const c1 of free.slice(0, PAIR_FIRST_TRIES)) {
        if (gain[c1] + gain[free[0]] <= best) break; // no second can lift this pair above the best
        apply(p.sets[c1], cnt, 1);
        for (const c2 of free) {
          if (c2 === c1) continue;
          if (gain[c1] + gain[c2] <= best) break; // gains only shrink once c1 is in
          const v = gain[c1] + gainOf(p.sets[c2], p.weights, cnt);
          if (v > best) { best = v; pair = [c1, c2]; }
        }
        apply(p.sets[c1], cnt, -1);
      }
      const [na, nb] = pair ?? [a, b];
      picks[i] = na;
      picks[j] = nb;
      apply(p.sets[na], cnt, 1);
      apply(p.sets[nb], cnt, 1);
      inPicks[na] = inPicks[nb] = 1;
      if (pair) return true;
    }
  }
  return false;
}

/** 1-swap to a local optimum, then pair moves, alternating until neither improves. */
export function localSearch(p: SitingProblem, picks: number[]): number[] {
  const cnt = countsOf(p, picks);
  do swapImprove(p, picks, cnt);
  while (pairImprove(p, picks, cnt));
  return picks;
}
