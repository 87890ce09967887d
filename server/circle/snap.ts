/**
 * Connectors: buildings and stations join the walking network at the nearest point of the
 * nearest walkable edge (issue 4), found through a uniform grid over edge segments in local
 * metres. The connector is the straight line from the point to that nearest point; its length
 * counts in the walk. Gate edges are never snapped to (a gate is a passage, not a frontage).
 */
import type { Position } from '../geo/geojson.ts';
import { toLocal, toLonLat, type WalkGraph } from './walk-graph.ts';
import { cumulativeLengths, edgeVertices, vertex, vertexCount } from './edge-geometry.ts';

/** Where a point joins the network. */
export interface Snap {
  /** Edge index in the graph (not the data id: see `edgeId`). */
  edge: number;
  edgeId: number;
  /** Fraction along the edge from its source node, 0–1. */
  t: number;
  /** Connector length, metres. */
  connectorM: number;
  /** The nearest point on the edge, [lon, lat]. */
  point: Position;
  /** The point that was snapped, [lon, lat]. */
  from: Position;
}

export interface SnapOptions {
  /** Points farther than this from every walkable edge are not snapped (metres; default 500). */
  maxSnapM?: number;
}

/** Grid cell side (m): a few segments per cell on urban networks. */
export const SNAP_CELL_M = 50;

interface SegmentIndex {
  x0: number; y0: number; cols: number; rows: number;
  cellOffset: Int32Array;
  /** Segment ids per cell; segment s of edge e, piece k, is `firstSeg[e] + k`. */
  cellSeg: Int32Array;
  segEdge: Int32Array;
}

const indexes = new WeakMap<WalkGraph, SegmentIndex>();

function firstSeg(g: WalkGraph, e: number): number {
  return g.geomOffset[e] + e;
}

function buildIndex(g: WalkGraph): SegmentIndex {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let n = 0; n < g.nodeCount; n++) {
    x0 = Math.min(x0, g.nodeX[n]); x1 = Math.max(x1, g.nodeX[n]); y0 = Math.min(y0, g.nodeY[n]); y1 = Math.max(y1, g.nodeY[n]);
  }
  for (let i = 0; i < g.geomXY.length; i += 2) {
    x0 = Math.min(x0, g.geomXY[i]); x1 = Math.max(x1, g.geomXY[i]); y0 = Math.min(y0, g.geomXY[i + 1]); y1 = Math.max(y1, g.geomXY[i + 1]);
  }
  if (!(x1 >= x0)) { x0 = y0 = 0; x1 = y1 = 0; }
  const cols = Math.floor((x1 - x0) / SNAP_CELL_M) + 1;
  const rows = Math.floor((y1 - y0) / SNAP_CELL_M) + 1;
  const segCount = g.geomOffset[g.edgeCount] + g.edgeCount;
  const segEdge = new Int32Array(segCount);
  const cellOffset = new Int32Array(cols * rows + 1);
  const eachCell = (pass: (cell: number, s: number) => void) => {
    for (let e = 0; e < g.edgeCount; e++) {
      if (g.isGate[e]) continue;
      const n = vertexCount(g, e);
      let a = vertex(g, e, 0);
      for (let k = 1; k < n; k++) {
        const b = vertex(g, e, k);
        const s = firstSeg(g, e) + k - 1;
        segEdge[s] = e;
        const c0 = Math.floor((Math.min(a[0], b[0]) - x0) / SNAP_CELL_M), c1 = Math.floor((Math.max(a[0], b[0]) - x0) / SNAP_CELL_M);
        const r0 = Math.floor((Math.min(a[1], b[1]) - y0) / SNAP_CELL_M), r1 = Math.floor((Math.max(a[1], b[1]) - y0) / SNAP_CELL_M);
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) pass(r * cols + c, s);
        a = b;
      }
    }
  };
  eachCell((cell) => cellOffset[cell + 1]++);
  for (let i = 0; i < cols * rows; i++) cellOffset[i + 1] += cellOffset[i];
  const fill = cellOffset.slice(0, cols * rows);
  const cellSeg = new Int32Array(cellOffset[cols * rows]);
  eachCell((cell, s) => { cellSeg[fill[cell]++] = s; });
  return { x0, y0, cols, rows, cellOffset, cellSeg, segEdge };
}

function indexOf(g: WalkGraph): SegmentIndex {
  let idx = indexes.get(g);
  if (!idx) indexes.set(g, (idx = buildIndex(g)));
  return idx;
}

/** Bytes of the (lazily built, cached) segment index of a graph. */
export function snapIndexBytes(g: WalkGraph): number {
  const i = indexOf(g);
  return i.cellOffset.byteLength + i.cellSeg.byteLength + i.segEdge.byteLength;
}

/** Squared distance from (px, py) to segment a–b and the parameter (0–1) of the nearest point. */
function nearestOnSegment(px: number, py: number, a: [number, number], b: [number, number]): [number, number] {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const u = len2 > 0 ? Math.min(1, Math.max(0, ((px - a[0]) * dx + (py - a[1]) * dy) / len2)) : 0;
  return [(a[0] + u * dx - px) ** 2 + (a[1] + u * dy - py) ** 2, u];
}

/** Snaps one point; null when no walkable, non-gate edge lies within `maxSnapM`. */
export function snapPoint(g: WalkGraph, p: Position, options: SnapOptions = {}): Snap | null {
  const maxSnapM = options.maxSnapM ?? 500;
  const idx = indexOf(g);
  const [px, py] = toLocal(g, p);
  const cx = Math.floor((px - idx.x0) / SNAP_CELL_M), cy = Math.floor((py - idx.y0) / SNAP_CELL_M);
  let best = Infinity, bestSeg = -1, bestU = 0;
  const maxRing = Math.ceil(maxSnapM / SNAP_CELL_M) + 1;
  const visit = (c: number, r: number) => {
    if (c < 0 || r < 0 || c >= idx.cols || r >= idx.rows) return;
    const cell = r * idx.cols + c;
    for (let i = idx.cellOffset[cell]; i < idx.cellOffset[cell + 1]; i++) {
      const s = idx.cellSeg[i];
      const e = idx.segEdge[s];
      const k = s - firstSeg(g, e);
      const [d2, u] = nearestOnSegment(px, py, vertex(g, e, k), vertex(g, e, k + 1));
      if (d2 < best || (d2 === best && s < bestSeg)) { best = d2; bestSeg = s; bestU = u; }
    }
  };
  for (let ring = 0; ring <= maxRing; ring++) {
    if (ring === 0) visit(cx, cy);
    for (let d = -ring; d <= ring && ring > 0; d++) {
      visit(cx + d, cy - ring); visit(cx + d, cy + ring);
      if (d > -ring && d < ring) { visit(cx - ring, cy + d); visit(cx + ring, cy + d); }
    }
    // Everything in rings beyond `ring` is at least ring × cell away.
    if (bestSeg >= 0 && Math.sqrt(best) <= ring * SNAP_CELL_M) break;
  }
  if (bestSeg < 0 || Math.sqrt(best) > maxSnapM) return null;
  const e = idx.segEdge[bestSeg];
  const k = bestSeg - firstSeg(g, e);
  const pts = edgeVertices(g, e);
  const cum = cumulativeLengths(pts);
  const total = cum[cum.length - 1];
  const t = total > 0 ? (cum[k] + bestU * (cum[k + 1] - cum[k])) / total : 0;
  const x = pts[k][0] + bestU * (pts[k + 1][0] - pts[k][0]);
  const y = pts[k][1] + bestU * (pts[k + 1][1] - pts[k][1]);
  return { edge: e, edgeId: g.edgeId[e], t, connectorM: Math.sqrt(best), point: toLonLat(g, x, y), from: [p[0], p[1]] };
}

/** Snaps many points (buildings, stations, candidates); `null` for a point too far from the network. */
export function snapPoints(g: WalkGraph, points: readonly Position[], options: SnapOptions = {}): (Snap | null)[] {
  return points.map((p) => snapPoint(g, p, options));
}
