/** Every query that reads the live hierarchy for planning: the scope, its units with cells, its grids. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { MultiPolygon, Polygon } from '../geo/geojson.ts';

export interface ScopeRow {
  id: number;
  level: 'street' | 'community';
  code: string;
  name: string;
  parent_id: number | null;
}

export interface UnitRow {
  id: number;
  code: string;
  grid_id: number;
  grid_code: string;
  community_id: number;
  community_code: string;
  households: number;
  population: number;
  geometry: Polygon | MultiPolygon;
}

export async function findScope(db: Kysely<DB>, id: number): Promise<(ScopeRow & { level: string }) | undefined> {
  const r = await sql<ScopeRow>`select id, level, code, name, parent_id from areas where id = ${id}`.execute(db);
  return r.rows[0];
}

/** Communities of a scope (the community itself, or a street's communities), in code order. */
export async function communitiesOf(db: Kysely<DB>, scopeId: number): Promise<ScopeRow[]> {
  const r = await sql<ScopeRow>`select id, level, code, name, parent_id from areas
    where level = 'community' and (id = ${scopeId} or parent_id = ${scopeId}) order by code`.execute(db);
  return r.rows;
}

/** Units of a scope with their live grid, community, counts and cell (7 decimals). */
export async function unitsOf(db: Kysely<DB>, scopeId: number, withGeometry = true): Promise<UnitRow[]> {
  const geom = withGeometry ? sql`ST_AsGeoJSON(u.geom, 7)::json` : sql`null::json`;
  const r = await sql<UnitRow>`
    select u.id, u.code, g.id grid_id, g.code grid_code, c.id community_id, c.code community_code,
      u.households, u.population, ${geom} geometry
    from areas c join areas g on g.parent_id = c.id and g.level = 'grid' join areas u on u.parent_id = g.id and u.level = 'unit'
    where c.level = 'community' and (c.id = ${scopeId} or c.parent_id = ${scopeId})
    order by u.code`.execute(db);
  return r.rows;
}

/** A community's unit ids (for the rollback and import checks). */
export async function unitCodesOf(db: Kysely<DB>, scopeId: number): Promise<{ id: number; code: string }[]> {
  return (await unitsOf(db, scopeId, false)).map((u) => ({ id: u.id, code: u.code }));
}

/** Live grids of a scope with geometry and totals. */
export async function gridsOf(db: Kysely<DB>, scopeId: number) {
  const r = await sql<{ id: number; code: string; name: string; community_id: number; households: number; population: number; units: number; geometry: unknown }>`
    select g.id, g.code, g.name, g.parent_id community_id, g.households, g.population, g.units, ST_AsGeoJSON(g.geom, 7)::json geometry
    from areas g join areas c on c.id = g.parent_id
    where g.level = 'grid' and (c.id = ${scopeId} or c.parent_id = ${scopeId}) order by g.code`.execute(db);
  return r.rows;
}

/** Households of a scope: id, code, unit (for the crosswalk and the diff). */
export async function householdsOf(db: Kysely<DB>, scopeId: number) {
  const r = await sql<{ id: number; code: string; unit_id: number }>`
    select h.id, h.code, h.unit_id from households h join areas u on u.id = h.unit_id join areas g on g.id = u.parent_id
      join areas c on c.id = g.parent_id
    where c.id = ${scopeId} or c.parent_id = ${scopeId} order by h.code`.execute(db);
  return r.rows;
}

/** Grid-level responsible people of a scope (public contacts, 一牌四公开). */
export async function gridPeopleOf(db: Kysely<DB>, scopeId: number) {
  const r = await sql<{ id: number; role: string; name: string; area_id: number; grid_code: string; needs_reassignment: boolean }>`
    select p.id, p.role, p.name, p.area_id, g.code grid_code, p.needs_reassignment
    from responsible_people p join areas g on g.id = p.area_id and g.level = 'grid' join areas c on c.id = g.parent_id
    where c.id = ${scopeId} or c.parent_id = ${scopeId} order by p.id`.execute(db);
  return r.rows;
}

/** Which of these codes are units anywhere (to tell "outside the area" from "unknown"). */
export async function existingUnitCodes(db: Kysely<DB>, codes: string[]): Promise<string[]> {
  if (!codes.length) return [];
  const r = await sql<{ code: string }>`select code from areas where level = 'unit'
    and code = any(array(select jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb)))`.execute(db);
  return r.rows.map((x) => x.code);
}
