/**
 * Noding of road pieces (planar metres) into a routable network:
 * - pieces are split where two ordinary roads cross or touch (shared OSM nodes included);
 * - a piece end within `snapM` of another road's interior splits that road (T-junction);
 * - all edge ends within `snapM` become one node (this also rejoins tile-cut pieces);
 * - a bridge or tunnel is never split by what it passes over or under: only its own ends join,
 *   and its interior is split only by the end of another bridge (or tunnel) piece; where its way
 *   continues in another piece (tile cuts, Tilezen splits), that end joins only the continuation.
 * A spatial hash keeps it near-linear; ids follow input order, so output is deterministic.
 */
import type { Position } from 'geojson';

export interface PieceIn {
  /** Projected coordinates, metres. */
  xy: Position[];
  bridge: boolean;
  tunnel: boolean;
  /** OSM way id (pieces of one way share it), or null. */
  way: number | null;
  /** Whether the way continues past the first / last point in another piece (not a real end). */
  continues: [boolean, boolean];
}

export interface EdgeOut {
  piece: number;
  xy: Position[];
  source: number;
  target: number;
}

interface Seg {
  piece: number;
  i: number;
  a: Position;
  b: Position;
}

interface Cut {
  i: number; // segment index within the piece
  t: number; // 0–1 along the segment
}

const CELL_M = 50;
const EPS = 1e-9;

const plain = (p: PieceIn) => !p.bridge && !p.tunnel;

/** Whether the end of piece `end` may split the interior of piece `into`. */
export function mayJoinInterior(end: PieceIn, into: PieceIn): boolean {
  return plain(into) || (end.bridge && into.bridge) || (end.tunnel && into.tunnel);
}

/** Parameters (t, u) where segments a–b and c–d meet, or null (parallel or apart). */
export function segmentIntersection(a: Position, b: Position, c: Position, d: Position): [number, number] | null {
  const r = [b[0] - a[0], b[1] - a[1]];
  const s = [d[0] - c[0], d[1] - c[1]];
  const den = r[0] * s[1] - r[1] * s[0];
  if (Math.abs(den) < EPS) return null;
  const qp = [c[0] - a[0], c[1] - a[1]];
  const t = (qp[0] * s[1] - qp[1] * s[0]) / den;
  const u = (qp[0] * r[1] - qp[1] * r[0]) / den;
  return t >= -EPS && t <= 1 + EPS && u >= -EPS && u <= 1 + EPS ? [Math.min(1, Math.max(0, t)), Math.min(1, Math.max(0, u))] : null;
}

function closestT(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  return l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
}

const lerp = (a: Position, b: Position, t: number): Position => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

class Hash<T> {
  cells = new Map<string, T[]>();
  constructor(private size: number) {}
  keys(x0: number, y0: number, x1: number, y1: number): string[] {
    const out: string[] = [];
    for (let x = Math.floor(x0 / this.size); x <= Math.floor(x1 / this.size); x++)
      for (let y = Math.floor(y0 / this.size); y <= Math.floor(y1 / this.size); y++) out.push(`${x},${y}`);
    return out;
  }
  add(item: T, x0: number, y0: number, x1: number, y1: number): void {
    for (const k of this.keys(x0, y0, x1, y1)) {
      const list = this.cells.get(k);
      if (list) list.push(item);
      else this.cells.set(k, [item]);
    }
  }
  near(x0: number, y0: number, x1: number, y1: number): Set<T> {
    const out = new Set<T>();
    for (const k of this.keys(x0, y0, x1, y1)) for (const item of this.cells.get(k) ?? []) out.add(item);
    return out;
  }
}

/** Cut points of every piece: crossings between ordinary roads and T-junctions at piece ends. */
function findCuts(pieces: PieceIn[], snapM: number): Cut[][] {
  const cuts: Cut[][] = pieces.map(() => []);
  const segs: Seg[] = [];
  const hash = new Hash<Seg>(CELL_M);
  pieces.forEach((p, piece) =>
    p.xy.slice(1).forEach((b, k) => {
      const a = p.xy[k];
      const seg = { piece, i: k, a, b };
      segs.push(seg);
      hash.add(seg, Math.min(a[0], b[0]) - snapM, Math.min(a[1], b[1]) - snapM, Math.max(a[0], b[0]) + snapM, Math.max(a[1], b[1]) + snapM);
    }),
  );
  for (const s of segs) {
    if (!plain(pieces[s.piece])) continue;
    for (const o of hash.near(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]))) {
      if (o.piece <= s.piece || !plain(pieces[o.piece])) continue;
      const hit = segmentIntersection(s.a, s.b, o.a, o.b);
      if (!hit) continue;
      cuts[s.piece].push({ i: s.i, t: hit[0] });
      cuts[o.piece].push({ i: o.i, t: hit[1] });
    }
  }
  pieces.forEach((p, piece) => {
    for (const [k, end] of [p.xy[0], p.xy[p.xy.length - 1]].entries()) {
      if (!plain(p) && p.continues[k]) continue; // mid-span piece end of a bridge or tunnel
      const best = new Map<number, { d: number; cut: Cut }>();
      for (const o of hash.near(end[0] - snapM, end[1] - snapM, end[0] + snapM, end[1] + snapM)) {
        if (o.piece === piece || !mayJoinInterior(p, pieces[o.piece])) continue;
        const t = closestT(end, o.a, o.b);
        const q = lerp(o.a, o.b, t);
        const d = Math.hypot(q[0] - end[0], q[1] - end[1]);
        if (d <= snapM && d < (best.get(o.piece)?.d ?? Infinity)) best.set(o.piece, { d, cut: { i: o.i, t } });
      }
      for (const [other, { cut }] of best) cuts[other].push(cut);
    }
  });
  return cuts;
}

/** Split one piece at its cuts; parts shorter than 1 cm are dropped. */
function splitPiece(xy: Position[], cuts: Cut[]): Position[][] {
  const sorted = [...cuts].sort((a, b) => a.i - b.i || a.t - b.t);
  const parts: Position[][] = [];
  let current: Position[] = [xy[0]];
  let ci = 0;
  for (let i = 0; i < xy.length - 1; i++) {
    while (ci < sorted.length && sorted[ci].i === i) {
      const p = lerp(xy[i], xy[i + 1], sorted[ci].t);
      const last = current[current.length - 1];
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) > 0.01) {
        current.push(p);
        parts.push(current);
        current = [p];
      }
      ci++;
    }
    const next = xy[i + 1];
    const last = current[current.length - 1];
    if (Math.hypot(next[0] - last[0], next[1] - last[1]) > 0.01) current.push(next);
  }
  if (current.length >= 2) parts.push(current);
  return parts.filter((part) => part.length >= 2 && length(part) > 0.01);
}

function length(xy: Position[]): number {
  let s = 0;
  for (let i = 1; i < xy.length; i++) s += Math.hypot(xy[i][0] - xy[i - 1][0], xy[i][1] - xy[i - 1][1]);
  return s;
}

/** Node the pieces. Edge ends are moved onto their node's position (the first end seen). */
export function nodeNetwork(pieces: PieceIn[], snapM: number): { edges: EdgeOut[]; nodes: Position[] } {
  const cuts = findCuts(pieces, snapM);
  const raw = pieces.flatMap((p, piece) =>
    splitPiece(p.xy, cuts[piece]).map((xy, k, all) => ({ piece, xy, first: k === 0, last: k === all.length - 1 })),
  );
  const nodes: Position[] = [];
  const scopes: string[] = [];
  const hash = new Hash<number>(CELL_M);
  /** Node within snapM in the same scope ('' for ordinary ends, the way for mid-span bridge/tunnel ends). */
  const nodeAt = (p: Position, scope: string): number => {
    let best = -1;
    let bestD = snapM + 1e-9;
    for (const n of hash.near(p[0] - snapM, p[1] - snapM, p[0] + snapM, p[1] + snapM)) {
      if (scopes[n] !== scope) continue;
      const d = Math.hypot(nodes[n][0] - p[0], nodes[n][1] - p[1]);
      if (d < bestD || (d === bestD && n < best)) [best, bestD] = [n, d];
    }
    if (best >= 0) return best;
    nodes.push(p);
    scopes.push(scope);
    hash.add(nodes.length - 1, p[0], p[1], p[0], p[1]);
    return nodes.length - 1;
  };
  const scopeOf = (piece: number, end: 0 | 1): string => {
    const p = pieces[piece];
    return !plain(p) && p.continues[end] ? `way:${p.way ?? `piece${piece}`}` : '';
  };
  const edges: EdgeOut[] = [];
  for (const r of raw) {
    const source = nodeAt(r.xy[0], r.first ? scopeOf(r.piece, 0) : '');
    const target = nodeAt(r.xy[r.xy.length - 1], r.last ? scopeOf(r.piece, 1) : '');
    const xy = [nodes[source], ...r.xy.slice(1, -1), nodes[target]];
    if (source === target && length(xy) < 2 * snapM) continue; // a stub collapsed onto one node
    edges.push({ piece: r.piece, xy, source, target });
  }
  return { edges, nodes };
}
