/** Areas of the five-level hierarchy: listing for the map, detail for the side panel. */
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { toFeatureCollection, toleranceForZoom, type BBox } from '../geo-sql.ts';
import * as repo from './areas.repository.ts';
import type { AreaRow } from './areas.repository.ts';
import type { Level } from './areas.schema.ts';

export type Band = 'under' | 'in' | 'over' | null;

export const ROLE_NAMES: Record<string, string> = {
  grid_leader: '网格长',
  grid_worker: '网格员',
  party_secretary: '党支部书记',
  building_leader: '楼栋长',
};

/** Band of a grid (200–400) or unit (20–30) by households; streets and communities have none. */
export function bandOf(level: Level, households: number, cfg: Pick<Config, 'gridBand' | 'unitBand'>): Band {
  const b = level === 'grid' ? cfg.gridBand : level === 'unit' ? cfg.unitBand : null;
  if (!b) return null;
  return households < b[0] ? 'under' : households > b[1] ? 'over' : 'in';
}

function toArea(r: AreaRow, cfg: Config) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    parentId: r.parent_id,
    households: r.households,
    population: r.population,
    units: r.units,
    band: bandOf(r.level, r.households, cfg),
  };
}

export async function listAreas(db: Kysely<DB>, cfg: Config, q: { level?: Level; parent?: number; bbox?: BBox; zoom?: number }) {
  const rows = await repo.listAreas(db, { level: q.level, parentId: q.parent, bbox: q.bbox, tolerance: toleranceForZoom(q.zoom) });
  return toFeatureCollection(rows, (r) => toArea(r, cfg));
}

export async function getArea(db: Kysely<DB>, cfg: Config, id: number) {
  const row = await repo.findArea(db, id);
  if (!row) throw notFound(`area ${id} does not exist`);
  const [breadcrumbs, kids, people, centralHouseholds] = [
    await repo.ancestors(db, id),
    await repo.children(db, id),
    await repo.responsiblePeople(db, id),
    await repo.countCentralHouseholds(db, id),
  ];
  const children = kids.map((k) => toArea(k, cfg));
  return {
    ...toArea(row, cfg),
    bbox: row.bbox,
    center: row.center.coordinates,
    breadcrumbs,
    children: children.map(({ parentId: _p, units: _u, ...c }) => c),
    childrenSummary: {
      count: children.length,
      households: children.reduce((s, c) => s + c.households, 0),
      population: children.reduce((s, c) => s + c.population, 0),
      under: children.filter((c) => c.band === 'under').length,
      in: children.filter((c) => c.band === 'in').length,
      over: children.filter((c) => c.band === 'over').length,
    },
    people: people.map((p) => ({ role: p.role, roleName: ROLE_NAMES[p.role] ?? p.role, name: p.name, phone: p.phone })),
    centralHouseholds,
  };
}
