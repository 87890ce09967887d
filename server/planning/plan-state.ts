/**
 * A mutable unit → grid assignment with every grid's households, population, area and boundary
 * length kept up to date move by move, a journal to undo moves, and the contiguity test the
 * local search needs (can a unit leave its grid without cutting it in two?).
 *
 * Grid boundary length = Σ unit boundaries − 2 × boundary shared inside the grid, so a move only
 * reads the moved unit's neighbours.
 */
import type { UnitGraph } from './graph.ts';

export interface Band {
  /** Fewest households a grid may hold (200). */
  min: number;
  /** Most households a grid may hold (400). */
  max: number;
  /** Households a grid should ideally hold (300). */
  target: number;
  /** Weight of the squared deviation from the target (in half band widths) next to 1/PP. */
  targetWeight?: number;
}

/**
 * Default target weight: small, so compactness leads inside the band (a grid at the band's edge
 * costs 0.1, about what a PP drop from 0.70 to 0.67 costs). Raise it for grids nearer 300.
 */
export const TARGET_WEIGHT = 0.1;

export class PlanState {
  readonly of: Int32Array;
  readonly size: number[] = [];
  readonly hh: number[] = [];
  readonly pop: number[] = [];
  readonly area: number[] = [];
  readonly perim: number[] = [];
  readonly peff: number[] = [];
  /** Locked grids take no units and give none (a unit too large for any grid). */
  readonly locked: boolean[] = [];
  private journal: number[] = [];
  private readonly seen: Int32Array;
  private tick = 0;
  private readonly queue: Int32Array;

  constructor(readonly g: UnitGraph, readonly band: Band, of?: Int32Array) {
    this.of = new Int32Array(g.n).fill(-1);
    this.seen = new Int32Array(g.n);
    this.queue = new Int32Array(g.n);
    if (of) {
      let k = 0;
      for (let u = 0; u < g.n; u++) k = Math.max(k, of[u] + 1);
      for (let i = 0; i < k; i++) this.addGrid();
      for (let u = 0; u < g.n; u++) if (of[u] >= 0) this.move(u, of[u]);
      this.journal = [];
    }
  }

  get gridCount(): number { return this.size.length; }

  addGrid(): number {
    this.size.push(0); this.hh.push(0); this.pop.push(0); this.area.push(0); this.perim.push(0); this.peff.push(0); this.locked.push(false);
    return this.size.length - 1;
  }

  /** Indices of the grids that hold at least one unit. */
  liveGrids(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.size.length; i++) if (this.size[i] > 0) out.push(i);
    return out;
  }

  members(gi: number): number[] {
    const out: number[] = [];
    for (let u = 0; u < this.g.n; u++) if (this.of[u] === gi) out.push(u);
    return out;
  }

  /** Boundary (true, weighted) that unit u shares with the units of grid gi other than itself. */
  sharedWith(u: number, gi: number): [number, number] {
    const g = this.g;
    let s = 0, w = 0;
    for (let k = g.start[u]; k < g.start[u + 1]; k++) if (this.of[g.nbr[k]] === gi) { s += g.sharedM[k]; w += g.weight[k]; }
    return [s, w];
  }

  /** Moves unit u to grid `to` (−1: unassigned), updating every grid measure. */
  move(u: number, to: number): void {
    const from = this.of[u];
    if (from === to) return;
    const g = this.g;
    if (from >= 0) {
      const [s, w] = this.sharedWith(u, from);
      this.size[from]--; this.hh[from] -= g.households[u]; this.pop[from] -= g.population[u]; this.area[from] -= g.areaM2[u];
      this.perim[from] += 2 * s - g.perimeterM[u]; this.peff[from] += 2 * w - g.perimeterEff[u];
    }
    if (to >= 0) {
      const [s, w] = this.sharedWith(u, to);
      this.size[to]++; this.hh[to] += g.households[u]; this.pop[to] += g.population[u]; this.area[to] += g.areaM2[u];
      this.perim[to] += g.perimeterM[u] - 2 * s; this.peff[to] += g.perimeterEff[u] - 2 * w;
    }
    this.of[u] = to;
    this.journal.push(u, from);
  }

  /** A point in the journal to return to with `undo`. */
  mark(): number { return this.journal.length; }

  undo(mark: number): void {
    while (this.journal.length > mark) {
      const from = this.journal[this.journal.length - 1], u = this.journal[this.journal.length - 2];
      this.move(u, from);
      this.journal.length -= 4;
    }
  }

  /** Households outside the band, 0 inside. */
  viol(h: number): number {
    return h < this.band.min ? this.band.min - h : h > this.band.max ? h - this.band.max : 0;
  }

  totalViolation(): number {
    let t = 0;
    for (let i = 0; i < this.size.length; i++) if (this.size[i] > 0) t += this.viol(this.hh[i]);
    return t;
  }

  /** Grid cost: 1/Polsby–Popper on the road-weighted boundary plus the weighted target deviation. */
  costOf(h: number, area: number, peff: number): number {
    const dev = (h - this.band.target) / Math.max(1, (this.band.max - this.band.min) / 2);
    return (peff * peff) / (4 * Math.PI * Math.max(area, 1)) + (this.band.targetWeight ?? TARGET_WEIGHT) * dev * dev;
  }

  cost(gi: number): number { return this.size[gi] > 0 ? this.costOf(this.hh[gi], this.area[gi], this.peff[gi]) : 0; }

  /** Change in [violation, cost] if unit u moved to grid `to`. */
  delta(u: number, to: number): [number, number] {
    const g = this.g, from = this.of[u], hu = g.households[u];
    let dv = 0, dc = 0;
    if (from >= 0) {
      const [, w] = this.sharedWith(u, from);
      const h = this.hh[from] - hu;
      dv += (this.size[from] > 1 ? this.viol(h) : 0) - this.viol(this.hh[from]);
      dc += (this.size[from] > 1 ? this.costOf(h, this.area[from] - g.areaM2[u], this.peff[from] + 2 * w - g.perimeterEff[u]) : 0) - this.cost(from);
    }
    if (to >= 0) {
      const [, w] = this.sharedWith(u, to);
      const h = this.hh[to] + hu;
      dv += this.viol(h) - (this.size[to] > 0 ? this.viol(this.hh[to]) : 0);
      dc += this.costOf(h, this.area[to] + g.areaM2[u], this.peff[to] + g.perimeterEff[u] - 2 * w) - this.cost(to);
    }
    return [dv, dc];
  }

  /** Whether removing u leaves the rest of its grid connected (assuming it was). */
  canRemove(u: number): boolean {
    const g = this.g, gi = this.of[u];
    let first = -1, count = 0;
    for (let k = g.start[u]; k < g.start[u + 1]; k++) if (this.of[g.nbr[k]] === gi) { if (first < 0) first = g.nbr[k]; count++; }
    if (count <= 1) return true;
    const t = ++this.tick;
    this.seen[u] = t;
    this.seen[first] = t;
    let head = 0, tail = 0, found = 1;
    this.queue[tail++] = first;
    while (head < tail) {
      const v = this.queue[head++];
      for (let k = g.start[v]; k < g.start[v + 1]; k++) {
        const w = g.nbr[k];
        if (this.seen[w] === t || this.of[w] !== gi) continue;
        this.seen[w] = t;
        this.queue[tail++] = w;
        if (this.isNeighbour(u, w) && ++found === count) return true;
      }
    }
    return false;
  }

  /**
   * Units of u's grid that would be cut off from its largest remaining piece (by households) if
   * u left: empty when u can leave alone. Moving u with them keeps both grids contiguous.
   */
  cutOff(u: number): number[] {
    const g = this.g, gi = this.of[u], t = ++this.tick;
    this.seen[u] = t;
    const pieces: [number[], number][] = [];
    for (let k = g.start[u]; k < g.start[u + 1]; k++) {
      const s = g.nbr[k];
      if (this.of[s] !== gi || this.seen[s] === t) continue;
      this.seen[s] = t;
      const list = [s];
      let h = 0;
      for (let i = 0; i < list.length; i++) {
        h += g.households[list[i]];
        for (let j = g.start[list[i]]; j < g.start[list[i] + 1]; j++) {
          const v = g.nbr[j];
          if (this.of[v] === gi && this.seen[v] !== t) { this.seen[v] = t; list.push(v); }
        }
      }
      pieces.push([list, h]);
    }
    if (pieces.length <= 1) return [];
    pieces.sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0][0] - b[0][0]);
    return pieces.slice(1).flatMap((p) => p[0]);
  }

  private isNeighbour(u: number, w: number): boolean {
    const g = this.g;
    for (let k = g.start[u]; k < g.start[u + 1]; k++) if (g.nbr[k] === w) return true;
    return false;
  }

  /** Grids adjacent to grid gi (through any unit of it). */
  gridNeighbours(gi: number): Set<number> {
    const g = this.g, out = new Set<number>();
    for (let u = 0; u < g.n; u++) {
      if (this.of[u] !== gi) continue;
      for (let k = g.start[u]; k < g.start[u + 1]; k++) { const o = this.of[g.nbr[k]]; if (o >= 0 && o !== gi) out.add(o); }
    }
    return out;
  }
}
