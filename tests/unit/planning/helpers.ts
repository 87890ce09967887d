/**
 * Dataset readers for planning tests and the bench: unit cells of a dataset folder
 * (docs/DATA-FORMAT.md) with households and persons counted from households.csv, grouped by
 * community, with the current unit → grid assignment.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Polygon, Position } from '../../../server/geo/geojson.ts';
import type { RoadLine } from '../../../server/planning/adjacency.ts';
import type { UnitCell } from '../../../server/planning/input.ts';

export const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const SAMPLE = path.join(ROOT, 'data', 'sample');

export interface Dataset {
  cells: UnitCell[];
  /** unit code → grid code */
  current: Map<string, string>;
  /** grid code → community code */
  gridCommunity: Map<string, string>;
  /** community code → its unit cells */
  byCommunity: Map<string, UnitCell[]>;
  roads: RoadLine[];
}

interface AreaFeature { geometry: Polygon | MultiPolygon; properties: { code: string; level: string; parentCode: string | null } }

export function readDataset(dir: string): Dataset {
  const areas = JSON.parse(fs.readFileSync(path.join(dir, 'areas.geojson'), 'utf8')).features as AreaFeature[];
  const hh = new Map<string, [number, number]>();
  const lines = fs.readFileSync(path.join(dir, 'households.csv'), 'utf8').split('\n');
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const cols = line.split(',');
    const c = hh.get(cols[1]) ?? [0, 0];
    c[0] += 1;
    c[1] += Number(cols[4]);
    hh.set(cols[1], c);
  }
  const gridCommunity = new Map<string, string>();
  for (const f of areas) if (f.properties.level === 'grid') gridCommunity.set(f.properties.code, f.properties.parentCode!);
  const cells: UnitCell[] = [];
  const current = new Map<string, string>();
  const byCommunity = new Map<string, UnitCell[]>();
  for (const f of areas) {
    if (f.properties.level !== 'unit') continue;
    const [households, population] = hh.get(f.properties.code) ?? [0, 0];
    const cell = { id: f.properties.code, geometry: f.geometry, households, population };
    cells.push(cell);
    current.set(cell.id, f.properties.parentCode!);
    const community = gridCommunity.get(f.properties.parentCode!)!;
    (byCommunity.get(community) ?? byCommunity.set(community, []).get(community)!).push(cell);
  }
  const roadFile = path.join(dir, 'roads.geojson');
  const roads: RoadLine[] = fs.existsSync(roadFile)
    ? (JSON.parse(fs.readFileSync(roadFile, 'utf8')).features as { geometry: { coordinates: Position[] }; properties: { highway: string } }[])
      .map((f) => ({ coordinates: f.geometry.coordinates, highway: f.properties.highway }))
    : [];
  return { cells, current, gridCommunity, byCommunity, roads };
}

const ORIGIN = [120.05, 37.13];
const M_PER_DEG_Y = (6_371_008.8 * Math.PI) / 180;
const M_PER_DEG_X = M_PER_DEG_Y * Math.cos((ORIGIN[1] * Math.PI) / 180);

/** Local metres (east, north of 莱州) → [lon, lat], 7 decimals as in the datasets. */
export function ll(x: number, y: number): Position {
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(ORIGIN[0] + x / M_PER_DEG_X), r(ORIGIN[1] + y / M_PER_DEG_Y)];
}

/** A rectangle cell [x0, x1] × [y0, y1] in local metres. */
export function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: 'Polygon', coordinates: [[ll(x0, y0), ll(x1, y0), ll(x1, y1), ll(x0, y1), ll(x0, y0)]] };
}

/** A cols × rows lattice of square cells of `side` metres; id `c<col>r<row>`. */
export function latticeCells(cols: number, rows: number, side = 40, households: (c: number, r: number) => number = (c, r) => 20 + ((c * 7 + r * 3) % 11)): UnitCell[] {
  const out: UnitCell[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const h = households(c, r);
    out.push({ id: `c${c}r${r}`, geometry: rect(c * side, r * side, (c + 1) * side, (r + 1) * side), households: h, population: Math.round(h * 2.6) });
  }
  return out;
}
