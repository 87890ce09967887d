/**
 * Demand and supply for one query: buildings with their households (per unit, so totals roll up
 * to grids exactly) and the stations that count at that moment.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { isOpen, parseOpeningHours } from '../places/opening-hours.ts';
import * as repo from './circle.repository.ts';
import type { BuildingInput } from './coverage.ts';

export interface DemandItem extends BuildingInput {
  buildingId: number | null;
  unitId: number;
  areaIds: string[];
  name: string | null;
}

export async function loadDemand(db: Kysely<DB>, scope: repo.DemandScope): Promise<DemandItem[]> {
  const rows = await repo.demand(db, scope);
  const ents = await repo.entrances(db, [...new Set(rows.flatMap((r) => (r.building_id === null ? [] : [r.building_id])))]);
  const byBuilding = new Map<number, [number, number][]>();
  for (const e of ents) byBuilding.set(e.building_id, [...(byBuilding.get(e.building_id) ?? []), [e.x, e.y]]);
  return rows.map((r) => ({
    ref: `${r.building_id ?? 'u'}:${r.unit_id}`,
    point: [r.x, r.y],
    entrances: r.building_id ? (byBuilding.get(r.building_id) ?? null) : null,
    households: r.households,
    population: r.population,
    buildingId: r.building_id,
    unitId: r.unit_id,
    areaIds: [r.street_id, r.community_id, r.grid_id, r.unit_id].map(String),
    name: r.name,
  }));
}

export interface StationFilter {
  kinds: readonly string[];
  /** Only stations open at this moment count (unknown hours count as open). */
  at?: Date;
  /** Upper floors without a lift do not count. */
  accessible: boolean;
}

export interface StationState extends repo.StationRow {
  counts: boolean;
  reason: 'open' | 'closed_at_time' | 'not_accessible' | 'removed';
}

export async function loadStations(db: Kysely<DB>, f: StationFilter): Promise<StationState[]> {
  return (await repo.stations(db, f.kinds)).map((s) => {
    if (f.accessible && s.floor > 1 && !s.lift) return { ...s, counts: false, reason: 'not_accessible' };
    if (f.at && s.opening_hours) {
      const parsed = parseOpeningHours(s.opening_hours);
      if (parsed.ok && !isOpen(parsed.rules, f.at)) return { ...s, counts: false, reason: 'closed_at_time' };
    }
    return { ...s, counts: true, reason: 'open' };
  });
}
