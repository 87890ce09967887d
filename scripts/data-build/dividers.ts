/**
 * Approximate street (街道) borders along real named roads: a road's pieces become one
 * monotone centre line (dual carriageways averaged), extended straight to the bbox, and the line
 * cuts the plane into two half-planes.
 */
import type { Polygon, Position } from 'geojson';
import type { Bbox } from './counties.ts';
import type { Projection } from './geo.ts';

export type Side = 'north' | 'south' | 'east' | 'west';

const DENSIFY_M = 5;

/** Points every ≤ 5 m along a projected line. */
function densify(line: Position[]): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < line.length - 1; i++) {
    const [a, b] = [line[i], line[i + 1]];
    const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / DENSIFY_M));
    for (let k = 0; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  out.push(line[line.length - 1]);
  return out;
}

/**
 * One centre line for a road drawn as several pieces: points binned every `binM` metres along
 * `axis` ('x' for an east–west road, 'y' for a north–south one), each bin averaged.
 * The result is monotone along the axis, so it can bound a half-plane.
 */
export function centreline(lines: Position[][], axis: 'x' | 'y', proj: Projection, binM = 20): Position[] {
  const k = axis === 'x' ? 0 : 1;
  const bins = new Map<number, { sx: number; sy: number; n: number }>();
  for (const line of lines) {
    for (const p of densify(line.map((c) => proj.toXY(c)))) {
      const key = Math.floor(p[k] / binM);
      const bin = bins.get(key) ?? { sx: 0, sy: 0, n: 0 };
      bin.sx += p[0];
      bin.sy += p[1];
      bin.n += 1;
      bins.set(key, bin);
    }
  }
  return [...bins.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => proj.toLonLat([v.sx / v.n, v.sy / v.n]));
}

/**
 * The half-plane on one side of a monotone line (from `centreline`), as a polygon reaching
 * `margin` degrees beyond the bbox. The line's ends are extended parallel to the axis.
 */
export function halfPlane(line: Position[], side: Side, b: Bbox, margin = 0.01): Polygon {
  const [w, s, e, n] = [b[0] - margin, b[1] - margin, b[2] + margin, b[3] + margin];
  const first = line[0];
  const last = line[line.length - 1];
  let ring: Position[];
  if (side === 'north' || side === 'south') {
    const body = [[w, first[1]], ...line, [e, last[1]]];
    ring = side === 'south' ? [...body, [e, s], [w, s]] : [...body, [e, n], [w, n]];
  } else {
    const body = [[first[0], s], ...line, [last[0], n]];
    ring = side === 'west' ? [...body, [w, n], [w, s]] : [...body, [e, n], [e, s]];
  }
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}
