/**
 * The five-level hierarchy of one street: units (units.ts) → Voronoi cells (cells.ts) →
 * communities and grids by bisection (hierarchy.ts) → codes (ordering.ts) and names (names.ts).
 */
import { area, booleanPointInPolygon, featureCollection, union } from '@turf/turf';
import type { Feature } from 'geojson';
import { streetCells } from './cells.ts';
import { centroidXY, roundGeometry, type Projection } from './geo.ts';
import { partition, type Weighted } from './hierarchy.ts';
import { buildingLabels, communityName, weightedCenter } from './names.ts';
import { bandHeight, pad, rowBandOrder } from './ordering.ts';
import type { RoadIndex } from './road-index.ts';
import { COMMUNITY_BAND, COMMUNITY_TARGET, GRID_BAND, GRID_TARGET, MIN_STREET_HOUSEHOLDS } from './rules.ts';
import type { Street } from './streets.ts';
import type { Area2D, Building, Unit } from './types.ts';
import { streetUnits } from './units.ts';

export type Level = 'street' | 'community' | 'grid' | 'unit';

export interface AreaRec {
  code: string;
  level: Level;
  name: string;
  parentCode: string | null;
  geometry: Area2D;
  households: number;
}

export interface CodedUnit extends Unit {
  code: string;
  geometry: Area2D;
}

interface Item extends Weighted {
  unit: Unit;
  cell: Area2D;
}

export interface StreetHierarchy {
  areas: AreaRec[];
  units: CodedUnit[];
  /** Display label of each residential building (ref → 福佑路12号, 崂山路3号楼 …). */
  labels: Map<string, string>;
}

/** Union of polygons (cells of one grid, grids of one community). */
export function unionAll(gs: Area2D[]): Area2D {
  if (gs.length === 1) return gs[0];
  const u = union(featureCollection(gs.map((g) => ({ type: 'Feature', properties: {}, geometry: g }) as Feature<Area2D>)));
  if (!u) throw new Error('union of cells is empty');
  return u.geometry as Area2D;
}

/**
 * Union of geometries already rounded to 7 decimals, itself rounded. Building every level from
 * rounded children means the written parents and children share their vertices exactly, so
 * rounding adds no slivers between them.
 */
export function roundedUnion(gs: Area2D[]): Area2D {
  return roundGeometry(unionAll(gs));
}

/** Children in code order, each with its geometry: row bands north → south, west → east. */
function ordered<T>(children: T[], geom: (c: T) => Area2D, parentAreaM2: number, proj: Projection): T[] {
  const placed = children.map((c) => {
    const [x, y] = centroidXY(geom(c), proj);
    return { x, y, c };
  });
  return rowBandOrder(placed, bandHeight(parentAreaM2, children.length)).map((p) => p.c);
}

const total = (items: Item[]) => items.reduce((s, i) => s + i.w, 0);

/** Buildings whose centre lies in the street. */
export function buildingsIn(street: Street, buildings: Building[]): Building[] {
  return buildings.filter((b) => booleanPointInPolygon(b.center, street.geometry));
}

/**
 * Hierarchy of one street, or null when it holds fewer than MIN_STREET_HOUSEHOLDS households
 * (then it leaves the sample).
 */
export function streetHierarchy(street: Street, buildings: Building[], roads: RoadIndex, proj: Projection): StreetHierarchy | null {
  const housing = buildingsIn(street, buildings).filter((b) => b.households > 0);
  const labels = buildingLabels(housing, roads, street.name.replace(/街道$/, ''));
  const units = streetUnits(housing, labels, street.code, proj);
  const households = units.reduce((s, u) => s + u.households, 0);
  if (households < MIN_STREET_HOUSEHOLDS) return null;
  const byRef = new Map(housing.map((b) => [b.ref, b]));
  const cells = streetCells(units.map((u) => u.seed), units.map((u) => byRef.get(u.parts[0].ref)!.center), street.geometry, proj);
  const items: Item[] = units.map((unit, i) => {
    const [x, y] = proj.toXY(unit.seed);
    if (!cells[i]) throw new Error(`street ${street.code}: unit ${unit.label} has no cell`);
    return { x, y, w: unit.households, unit, cell: roundGeometry(cells[i]!) };
  });
  const communities = partition(items, COMMUNITY_BAND, COMMUNITY_TARGET).map((members) => {
    const grids = partition(members, GRID_BAND, GRID_TARGET).map((g) => ({ items: g, geometry: roundedUnion(g.map((i) => i.cell)) }));
    return { members, grids, geometry: roundedUnion(grids.map((g) => g.geometry)) };
  });
  // The street becomes the union of its communities: its polygon to the centimetre.
  const streetGeometry = roundedUnion(communities.map((c) => c.geometry));
  const streetArea = area(streetGeometry);
  const areas: AreaRec[] = [{ code: street.code, level: 'street', name: street.name, parentCode: null, geometry: streetGeometry, households }];
  const coded: CodedUnit[] = [];
  const usedNames = new Set<string>();
  ordered(communities, (c) => c.geometry, streetArea, proj).forEach((c, ci) => {
    const cCode = street.code + pad(ci + 1, 3);
    const center = weightedCenter(c.members.map((i) => ({ at: i.unit.seed, w: i.w })), proj);
    const name = communityName(center, roads, usedNames, `${street.name}第${ci + 1}社区`);
    areas.push({ code: cCode, level: 'community', name, parentCode: street.code, geometry: c.geometry, households: total(c.members) });
    ordered(c.grids, (g) => g.geometry, area(c.geometry), proj).forEach((g, gi) => {
      const gCode = cCode + pad(gi + 1, 2);
      areas.push({ code: gCode, level: 'grid', name: `第${gi + 1}网格`, parentCode: cCode, geometry: g.geometry, households: total(g.items) });
      ordered(g.items, (i) => i.cell, area(g.geometry), proj).forEach((i, ui) => {
        const uCode = gCode + pad(ui + 1, 3);
        areas.push({ code: uCode, level: 'unit', name: i.unit.label, parentCode: gCode, geometry: i.cell, households: i.w });
        coded.push({ ...i.unit, code: uCode, geometry: i.cell });
      });
    });
  });
  return { areas: sortAreas(areas), units: coded, labels };
}

const LEVEL_RANK: Record<Level, number> = { street: 0, community: 1, grid: 2, unit: 3 };

/** Street → community → grid → unit, each level in code order (docs/DATA-FORMAT.md). */
export function sortAreas(areas: AreaRec[]): AreaRec[] {
  return [...areas].sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
