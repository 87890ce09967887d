/** Nearest named road to a point: segments bucketed in a 100 m grid, searched ring by ring. */
import type { Position } from 'geojson';
import type { Projection } from './geo.ts';
import type { LonLat } from './types.ts';

const CELL_M = 100;

interface Seg {
  a: Position;
  b: Position;
  name: string;
}

function segDist(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

export class RoadIndex {
  private cells = new Map<string, Seg[]>();

  /** @param roads lon/lat lines with their road name */
  constructor(roads: { name: string; line: Position[] }[], private proj: Projection) {
    for (const r of roads) {
      const xy = r.line.map((c) => proj.toXY(c));
      for (let i = 1; i < xy.length; i++) {
        const seg = { a: xy[i - 1], b: xy[i], name: r.name };
        for (const key of this.keysAlong(seg.a, seg.b)) {
          const list = this.cells.get(key);
          if (list) list.push(seg);
          else this.cells.set(key, [seg]);
        }
      }
    }
  }

  private keysAlong(a: Position, b: Position): string[] {
    const keys: string[] = [];
    const [x0, x1] = [Math.floor(Math.min(a[0], b[0]) / CELL_M), Math.floor(Math.max(a[0], b[0]) / CELL_M)];
    const [y0, y1] = [Math.floor(Math.min(a[1], b[1]) / CELL_M), Math.floor(Math.max(a[1], b[1]) / CELL_M)];
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) keys.push(`${x},${y}`);
    return keys;
  }

  /**
   * Road names by distance from p (nearest first, each name once), looking no further than maxM.
   */
  namesNear(p: LonLat, maxM = 600): { name: string; distM: number }[] {
    const q = this.proj.toXY(p);
    const best = new Map<string, number>();
    const cx = Math.floor(q[0] / CELL_M);
    const cy = Math.floor(q[1] / CELL_M);
    const rings = Math.ceil(maxM / CELL_M);
    for (let x = cx - rings; x <= cx + rings; x++) {
      for (let y = cy - rings; y <= cy + rings; y++) {
        for (const s of this.cells.get(`${x},${y}`) ?? []) {
          const d = segDist(q, s.a, s.b);
          if (d <= maxM && d < (best.get(s.name) ?? Infinity)) best.set(s.name, d);
        }
      }
    }
    return [...best.entries()]
      .map(([name, distM]) => ({ name, distM }))
      .sort((a, b) => a.distM - b.distM || (a.name < b.name ? -1 : 1));
  }

  nearestName(p: LonLat, maxM = 600): string | null {
    return this.namesNear(p, maxM)[0]?.name ?? null;
  }
}

/** Names that make poor labels for housing: tunnels, viaducts, car parks, ferries. */
export function isLabelRoad(name: string | null | undefined, highway: string | null | undefined): boolean {
  if (!name || !highway) return false;
  if (/隧道|高架|地道|环岛|停车场|入口|出口|枢纽|桥$|轮渡|线$/.test(name)) return false;
  return ['primary', 'secondary', 'tertiary', 'residential', 'unclassified', 'living_street', 'pedestrian', 'service'].includes(highway);
}
