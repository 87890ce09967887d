/**
 * Unit geometry: the Voronoi cell of each unit's seed, computed in metres (geo.ts projection is
 * affine, so cells map back exactly) and clipped by the street polygon. Cells of one street tile
 * it by construction; non-residential land falls into the nearest unit's cell.
 */
import { booleanPointInPolygon, featureCollection, point, voronoi } from '@turf/turf';
import type { Position } from 'geojson';
import { bboxOf, type Projection } from './geo.ts';
import { clip } from './streets.ts';
import type { Area2D, LonLat } from './types.ts';

const MARGIN_M = 100;
const NUDGE_M = 0.5;

/** Seeds made distinct: a seed equal (to 1 cm) to an earlier one is nudged 0.5 m east until free. */
export function distinctSeeds(seeds: Position[]): Position[] {
  const seen = new Set<string>();
  return seeds.map(([x, y]) => {
    let p: Position = [x, y];
    while (seen.has(`${Math.round(p[0] * 100)},${Math.round(p[1] * 100)}`)) p = [p[0] + NUDGE_M, p[1]];
    seen.add(`${Math.round(p[0] * 100)},${Math.round(p[1] * 100)}`);
    return p;
  });
}

/**
 * Voronoi cells of projected seeds inside a projected bbox; cell i belongs to seed i.
 * Throws if d3-voronoi drops a seed (it does so only for duplicates, which distinctSeeds removes).
 */
export function voronoiXY(seeds: Position[], bbox: [number, number, number, number]): Position[][][] {
  const cells = voronoi(featureCollection(seeds.map((s) => point(s))), { bbox });
  return cells.features.map((f, i) => {
    if (!f?.geometry) throw new Error(`voronoi: no cell for seed ${i}`);
    return f.geometry.coordinates;
  });
}

/**
 * Cells of one street: seeds outside the street polygon are replaced by `fallback[i]` (the
 * building centre); returns one clipped geometry per seed (null if the cell misses the street).
 */
export function streetCells(seeds: LonLat[], fallback: LonLat[], street: Area2D, proj: Projection): (Area2D | null)[] {
  const inside = seeds.map((s, i) => (booleanPointInPolygon(s, street) ? s : fallback[i]));
  const xy = distinctSeeds(inside.map((s) => proj.toXY(s)));
  const b = bboxOf(street);
  const [x0, y0] = proj.toXY([b[0], b[1]]);
  const [x1, y1] = proj.toXY([b[2], b[3]]);
  const xs = xy.map((p) => p[0]);
  const ys = xy.map((p) => p[1]);
  const box: [number, number, number, number] = [
    Math.min(x0, ...xs) - MARGIN_M, Math.min(y0, ...ys) - MARGIN_M, Math.max(x1, ...xs) + MARGIN_M, Math.max(y1, ...ys) + MARGIN_M,
  ];
  if (xy.length === 1) {
    return [clip({ type: 'Polygon', coordinates: [[[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]], [box[0], box[1]]].map((p) => proj.toLonLat(p))] }, street)];
  }
  return voronoiXY(xy, box).map((rings) => {
    const cell: Area2D = { type: 'Polygon', coordinates: rings.map((r) => r.map((p) => proj.toLonLat(p))) };
    return clip(cell, street);
  });
}
