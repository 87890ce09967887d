/**
 * Buildings → 基础治理单元 (units of 20–30 households): a large building is cut into stairwell
 * units along its long axis; small neighbouring buildings are grouped until a unit reaches 20.
 */
import type { Position } from 'geojson';
import { dist, type Projection } from './geo.ts';
import { weightedCenter } from './names.ts';
import { GROUP_RADIUS_M, UNIT_BAND, UNIT_TARGET } from './rules.ts';
import type { Building, LonLat, Unit } from './types.ts';

/**
 * Number of units for a building of h households: a count that keeps every unit in the band,
 * nearest to h / 25. When none exists (h = 31–39) the count with fewer units outside the band,
 * then the smaller excess: 32 stays one unit, 39 becomes 20 + 19.
 */
export function unitCount(h: number, band: [number, number] = UNIT_BAND, target = UNIT_TARGET): number {
  const [lo, hi] = band;
  if (h <= hi) return 1;
  const nMin = Math.ceil(h / hi);
  const nMax = Math.floor(h / lo);
  if (nMin <= nMax) return Math.min(nMax, Math.max(nMin, Math.round(h / target)));
  const score = (n: number) => {
    const parts = balancedSplit(h, n);
    const outside = parts.filter((p) => p < lo || p > hi).length;
    const excess = parts.reduce((s, p) => s + Math.max(0, lo - p, p - hi), 0);
    return outside * 1000 + excess;
  };
  return score(nMin - 1) <= score(nMin) ? nMin - 1 : nMin;
}

/** h split into n integer shares that differ by at most one, larger shares first. */
export function balancedSplit(h: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(h / n) + (i < h % n ? 1 : 0));
}

/**
 * Long axis of a footprint (projected metres): direction of the length-weighted principal axis
 * of its outer ring edges, pointing east (or south when nearly north–south), and the extent of
 * the ring along it, relative to `center`.
 */
export function longAxis(ring: Position[], center: Position): { dir: [number, number]; min: number; max: number } {
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 1; i < ring.length; i++) {
    const dx = ring[i][0] - ring[i - 1][0];
    const dy = ring[i][1] - ring[i - 1][1];
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    sxx += (dx * dx) / len; sxy += (dx * dy) / len; syy += (dy * dy) / len;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  let dir: [number, number] = [Math.cos(angle), Math.sin(angle)];
  if (dir[0] < -1e-9 || (Math.abs(dir[0]) <= 1e-9 && dir[1] > 0)) dir = [-dir[0], -dir[1]];
  if (Math.abs(dir[0]) < 0.2 && dir[1] > 0) dir = [-dir[0], -dir[1]]; // nearly N–S: number north → south
  const ts = ring.map((p) => (p[0] - center[0]) * dir[0] + (p[1] - center[1]) * dir[1]);
  return { dir, min: Math.min(...ts), max: Math.max(...ts) };
}

function outerRing(b: Building): Position[] {
  return b.geometry.type === 'Polygon' ? b.geometry.coordinates[0] : b.geometry.coordinates[0][0];
}

/** Units of one large building: balanced counts, seeds spaced evenly along the long axis. */
export function splitBuilding(b: Building, label: string, streetCode: string, proj: Projection): Unit[] {
  const counts = balancedSplit(b.households, unitCount(b.households));
  if (counts.length === 1) {
    return [{ parts: [{ ref: b.ref, households: b.households }], households: b.households, seed: b.center, stair: 0, label, streetCode }];
  }
  const c = proj.toXY(b.center);
  const ax = longAxis(outerRing(b).map((p) => proj.toXY(p)), c);
  return counts.map((h, i) => {
    const t = ax.min + ((i + 0.5) / counts.length) * (ax.max - ax.min);
    const seed = proj.toLonLat([c[0] + ax.dir[0] * t, c[1] + ax.dir[1] * t]);
    return { parts: [{ ref: b.ref, households: h }], households: h, seed, stair: i + 1, label: `${label}${i + 1}单元`, streetCode };
  });
}

/**
 * Group small buildings (fewer than 20 households each) into units. Buildings are taken north-west
 * first; while under 20, a group grows with the ungrouped neighbour nearest to its first building
 * (within 150 m) that keeps it at most 30, or failing that the smallest neighbour if it overshoots
 * 30 by less than the group falls short of 20.
 */
export function groupSmall(small: Building[], labels: Map<string, string>, streetCode: string, proj: Projection): Unit[] {
  const [lo, hi] = UNIT_BAND;
  const xy = new Map(small.map((b) => [b.ref, proj.toXY(b.center)]));
  const order = [...small].sort((a, b) => b.center[1] - a.center[1] || a.center[0] - b.center[0]);
  const taken = new Set<string>();
  const units: Unit[] = [];
  for (const first of order) {
    if (taken.has(first.ref)) continue;
    taken.add(first.ref);
    const group = [first];
    let sum = first.households;
    const p0 = xy.get(first.ref)!;
    const near = order
      .filter((b) => !taken.has(b.ref) && dist(p0, xy.get(b.ref)!) <= GROUP_RADIUS_M)
      .sort((a, b) => dist(p0, xy.get(a.ref)!) - dist(p0, xy.get(b.ref)!));
    while (sum < lo) {
      const free = near.filter((b) => !taken.has(b.ref));
      const smallest = free.reduce<Building | null>((m, b) => (!m || b.households < m.households ? b : m), null);
      // Nearest that keeps the unit ≤ 30; else the smallest, if it overshoots 30 by less than the unit now falls short of 20.
      const next = free.find((b) => sum + b.households <= hi) ?? (smallest && sum + smallest.households - hi < lo - sum ? smallest : null);
      if (!next) break;
      taken.add(next.ref);
      group.push(next);
      sum += next.households;
    }
    const label = labels.get(first.ref)!;
    units.push({
      parts: group.map((b) => ({ ref: b.ref, households: b.households })),
      households: sum,
      seed: weightedCenter(group.map((b) => ({ at: b.center, w: b.households })), proj),
      stair: 0,
      label: group.length > 1 ? `${label}等${group.length}栋` : label,
      streetCode,
    });
  }
  return units;
}

/**
 * Units still under 20 after grouping join the nearest whole-building or grouped unit within
 * 150 m that stays at most 30 (smallest first). Returns the remaining units.
 */
export function absorbStragglers(units: Unit[], centers: Map<string, LonLat>, labels: Map<string, string>, proj: Projection): Unit[] {
  const [lo, hi] = UNIT_BAND;
  const live = new Set(units);
  const stragglers = units.filter((u) => u.households < lo).sort((a, b) => a.households - b.households || b.seed[1] - a.seed[1] || a.seed[0] - b.seed[0]);
  for (const u of stragglers) {
    if (!live.has(u)) continue;
    const p = proj.toXY(u.seed);
    let best: Unit | null = null;
    let bestD = GROUP_RADIUS_M;
    for (const t of live) {
      if (t === u || t.stair !== 0 || t.households + u.households > hi) continue;
      const d = dist(p, proj.toXY(t.seed));
      if (d <= bestD) [best, bestD] = [t, d];
    }
    if (!best) continue;
    live.delete(u);
    best.parts.push(...u.parts);
    best.households += u.households;
    best.seed = weightedCenter(best.parts.map((q) => ({ at: centers.get(q.ref)!, w: q.households })), proj);
    best.label = `${labels.get(best.parts[0].ref)!}等${best.parts.length}栋`;
  }
  return units.filter((u) => live.has(u));
}

/** All units of one street's residential buildings. */
export function streetUnits(buildings: Building[], labels: Map<string, string>, streetCode: string, proj: Projection): Unit[] {
  const housing = buildings.filter((b) => b.households > 0);
  const big = housing.filter((b) => b.households >= UNIT_BAND[0]);
  const small = housing.filter((b) => b.households < UNIT_BAND[0]);
  const units = [...big.flatMap((b) => splitBuilding(b, labels.get(b.ref)!, streetCode, proj)), ...groupSmall(small, labels, streetCode, proj)];
  return absorbStragglers(units, new Map(housing.map((b) => [b.ref, b.center])), labels, proj);
}
