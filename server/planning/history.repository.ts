/** Every query on published plan versions, their grids and crosswalks. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { PublicationRow } from './publish.repository.ts';

export async function listPublications(db: Kysely<DB>, communityId: number) {
  return (await sql<PublicationRow & { grids: number; author: string | null }>`
    select p.*, (select count(*) from plan_publication_grids g where g.publication_id = p.id)::int grids, u.username author
    from plan_publications p left join users u on u.id = p.published_by
    where p.community_id = ${communityId} order by p.version desc`.execute(db)).rows;
}

export async function findPublication(db: Kysely<DB>, communityId: number, version: number): Promise<PublicationRow | undefined> {
  return (await sql<PublicationRow>`select * from plan_publications where community_id = ${communityId} and version = ${version}`.execute(db)).rows[0];
}

export interface HistoryGrid {
  area_id: number | null;
  code: string;
  name: string;
  households: number;
  population: number;
  units: number;
  unit_ids: number[];
  unit_codes: string[];
  geometry: unknown;
}

export async function gridsOf(db: Kysely<DB>, publicationId: number, withGeometry = false): Promise<HistoryGrid[]> {
  const geom = withGeometry ? sql`ST_AsGeoJSON(geom, 7)::json` : sql`null::json`;
  return (await sql<HistoryGrid>`select area_id, code, name, households, population, units, unit_ids, unit_codes, ${geom} geometry
    from plan_publication_grids where publication_id = ${publicationId} order by code`.execute(db)).rows;
}

export async function crosswalkOf(db: Kysely<DB>, publicationId: number, subject?: string) {
  const where = subject ? sql`and subject = ${subject}` : sql``;
  return (await sql<{ subject: string; subject_id: number; old_code: string | null; new_code: string | null; old_grid_code: string | null; new_grid_code: string | null; moved: boolean; needs_reassignment: boolean }>`
    select subject, subject_id, old_code, new_code, old_grid_code, new_grid_code, moved, needs_reassignment
    from plan_crosswalk where publication_id = ${publicationId} ${where} order by subject, subject_id`.execute(db)).rows;
}

/** Households of the given units (current codes), for the diff's list. */
export async function householdsOfUnits(db: Kysely<DB>, unitIds: number[]) {
  if (!unitIds.length) return [];
  return (await sql<{ id: number; code: string; unit_id: number; unit_code: string }>`
    select h.id, h.code, h.unit_id, u.code unit_code from households h join areas u on u.id = h.unit_id
    where h.unit_id = any(array(select jsonb_array_elements_text(${JSON.stringify(unitIds)}::jsonb)::int)) order by h.code`.execute(db)).rows;
}

/** Grid boundaries from unit sets (a draft's grids): label → union of the units' cells. */
export async function unionsOf(db: Kysely<DB>, groups: { key: string; units: number[] }[]) {
  if (!groups.length) return [];
  return (await sql<{ key: string; geometry: unknown }>`
    select x.key, (select ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Union(u.geom), 3)), 7)::json from areas u where u.id = any(x.units)) geometry
    from jsonb_to_recordset(${JSON.stringify(groups)}::jsonb) x(key text, units int[]) order by x.key`.execute(db)).rows;
}
