/**
 * Pure partitioning of weighted points (units with their households) by recursive coordinate
 * bisection: split k parts as ⌊k/2⌋ + ⌈k/2⌉ across the longer extent, at the weighted median
 * that gives each side its share. Used for communities of a street and grids of a community.
 */

export interface Weighted {
  /** Projected metres. */
  x: number;
  y: number;
  /** Households. */
  w: number;
}

const sum = (xs: Weighted[]) => xs.reduce((s, p) => s + p.w, 0);

/** Split `items` into k groups of near-equal weight, each spatially compact. Deterministic. */
export function bisect<T extends Weighted>(items: T[], k: number): T[][] {
  if (k <= 1 || items.length <= 1) return [items];
  const xs = items.map((p) => p.x);
  const ys = items.map((p) => p.y);
  const alongX = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys);
  const key = (p: T) => (alongX ? p.x : -p.y); // west → east, or north → south
  const tie = (p: T) => (alongX ? -p.y : p.x);
  const sorted = [...items].sort((a, b) => key(a) - key(b) || tie(a) - tie(b));
  const k1 = Math.floor(k / 2);
  const k2 = k - k1;
  const target = (sum(sorted) * k1) / k;
  // The first side needs at least k1 items, the second at least k2.
  let best = k1;
  let bestErr = Infinity;
  let cum = 0;
  for (let i = 1; i <= sorted.length - 1; i++) {
    cum += sorted[i - 1].w;
    if (i < k1 || sorted.length - i < k2) continue;
    const err = Math.abs(cum - target);
    if (err < bestErr) {
      bestErr = err;
      best = i;
    }
  }
  return [...bisect(sorted.slice(0, best), k1), ...bisect(sorted.slice(best), k2)];
}

/** Part counts that put every part in [lo, hi] on average, nearest to total / target first. */
export function candidateCounts(total: number, band: [number, number], target: number): number[] {
  const [lo, hi] = band;
  const nMin = Math.max(1, Math.ceil(total / hi));
  const nMax = Math.max(nMin, Math.floor(total / lo));
  const ks: number[] = [];
  for (let k = nMin; k <= nMax; k++) ks.push(k);
  return ks.sort((a, b) => Math.abs(total / a - target) - Math.abs(total / b - target) || a - b);
}

/** How far a partition strays outside the band: Σ over parts of households below lo or above hi. */
export function stray(parts: Weighted[][], band: [number, number]): number {
  return parts.reduce((s, p) => {
    const w = sum(p);
    return s + Math.max(0, band[0] - w, w - band[1]);
  }, 0);
}

/**
 * Partition into parts within the band: try the candidate counts (nearest the target first) and
 * keep the first partition with no part outside the band, else the one that strays least.
 */
export function partition<T extends Weighted>(items: T[], band: [number, number], target: number): T[][] {
  let best: T[][] | null = null;
  let bestStray = Infinity;
  for (const k of candidateCounts(sum(items), band, target).slice(0, 4)) {
    const parts = bisect(items, Math.min(k, items.length));
    const s = stray(parts, band);
    if (s === 0) return parts;
    if (s < bestStray) {
      best = parts;
      bestStray = s;
    }
  }
  return best ?? [items];
}
