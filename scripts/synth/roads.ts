/**
 * The noded road and footway network of the synthetic city, in local metres. Edges that meet
 * share a node id. North–south roads cross the river on bridges; the riverside footway passes
 * under them without a node (as in OSM, where a bridge is not connected to what it spans).
 */
import type { CityLayout } from './layout.ts';
import { lineClass } from './plan.ts';

/** River half-width, riverside path offset north of the river axis, bridge half-length (m). */
export const RIVER_HALF_M = 10;
export const RIVERSIDE_PATH_M = 13;
export const BRIDGE_HALF_M = 20;

export interface RoadEdge {
  id: number;
  highway: string;
  name: string | null;
  bridge: boolean;
  source: number;
  target: number;
  /** [x, y] local metres. */
  coords: [number, number][];
}

class Network {
  readonly edges: RoadEdge[] = [];
  private readonly nodes = new Map<string, number>();

  node(x: number, y: number): number {
    const key = `${Math.round(x * 100)},${Math.round(y * 100)}`;
    let id = this.nodes.get(key);
    if (id === undefined) this.nodes.set(key, (id = this.nodes.size + 1));
    return id;
  }

  /** Adds one edge per consecutive pair of points; `bridgeAt` marks the bridged pieces by index. */
  line(points: [number, number][], highway: string, name: string | null, bridgeAt: (i: number) => boolean = () => false): void {
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (a[0] === b[0] && a[1] === b[1]) continue;
      this.edges.push({ id: this.edges.length + 1, highway, name, bridge: bridgeAt(i - 1), source: this.node(a[0], a[1]), target: this.node(b[0], b[1]), coords: [a, b] });
    }
  }
}

export function buildRoads(layout: CityLayout): RoadEdge[] {
  const { plan, blocks } = layout;
  const { colX, rowY, blockCols: C, blockRows: R, riverRow } = plan;
  const net = new Network();
  const midx = (c: number) => (colX[c] + colX[c + 1]) / 2;
  const midy = (r: number) => (rowY[r] + rowY[r + 1]) / 2;

  // North–south roads: split where block footways join, bridged over the river.
  for (let i = 0; i <= C; i++) {
    const pts: [number, number][] = [];
    const bridged = new Set<number>();
    for (let r = 0; r < R; r++) {
      pts.push([colX[i], rowY[r]]);
      if (r === riverRow) {
        bridged.add(pts.length); // the piece starting at the next point
        pts.push([colX[i], midy(r) + BRIDGE_HALF_M], [colX[i], midy(r) - BRIDGE_HALF_M]);
      } else pts.push([colX[i], midy(r)]);
    }
    pts.push([colX[i], rowY[R]]);
    net.line(pts, lineClass(i, C + 1), plan.nsNames[i], (k) => bridged.has(k));
  }
  // East–west roads.
  for (let r = 0; r <= R; r++) {
    const pts: [number, number][] = [];
    for (let c = 0; c < C; c++) pts.push([colX[c], rowY[r]], [midx(c), rowY[r]]);
    pts.push([colX[C], rowY[r]]);
    net.line(pts, lineClass(r, R + 1), plan.ewNames[r]);
  }
  // Inside each block: a north–south footway with spurs to the entrances, and an east–west one
  // (in the river row a footbridge instead).
  for (const b of blocks) {
    const { rect } = b.frame;
    const x = b.frame.midx;
    const my = b.frame.midy;
    const river = b.row === riverRow;
    const ys = new Set<number>(b.buildings.map((bd) => bd.entrance[1]));
    if (river) ys.add(my + RIVERSIDE_PATH_M).add(my - RIVERSIDE_PATH_M);
    else ys.add(my);
    const order = [rect.y1, ...[...ys].sort((p, q) => q - p), rect.y0];
    const pts = order.map((y) => [x, y] as [number, number]);
    net.line(pts, 'footway', null, (k) => river && order[k] === my + RIVERSIDE_PATH_M);
    if (!river) net.line([[rect.x0, my], [x, my], [rect.x1, my]], 'footway', null);
    for (const bd of b.buildings) net.line([[x, bd.entrance[1]], bd.entrance], 'footway', null);
  }
  // Riverside walk along the north bank, noded to the footbridges, under the road bridges.
  if (riverRow !== null) {
    const y = midy(riverRow) + RIVERSIDE_PATH_M;
    const pts: [number, number][] = [[colX[0] + 10, y]];
    for (let c = 0; c < C; c++) pts.push([midx(c), y]);
    pts.push([colX[C] - 10, y]);
    net.line(pts, 'footway', '滨河步道');
  }
  return net.edges;
}
