/**
 * The SQL of a publish: snapshot a community's grids into plan history, rewrite its grids and
 * units in place (codes two-phase, since codes are unique), move what referred to retired grids,
 * store the crosswalk. Called inside one transaction by publish.service.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
/** An int[] from a JS array (through JSON: the same on pg and PGlite). */
const intArray = (ids: number[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::int)`;
/** A grid's boundary: the union of its units' cells. */
const UNION = sql`ST_Multi(ST_CollectionExtract(ST_Union(u.geom), 3))`;

export interface PublicationRow {
  id: number;
  community_id: number;
  version: number;
  kind: string;
  draft_id: number | null;
  draft_version: number | null;
  rollback_of: number | null;
  reasons: Record<string, string>;
  published_by: number | null;
  valid_from: Date | null;
  valid_to: Date | null;
}

export async function livePublication(db: Kysely<DB>, communityId: number): Promise<PublicationRow | undefined> {
  return (await sql<PublicationRow>`select * from plan_publications where community_id = ${communityId} and valid_to is null for update`.execute(db)).rows[0];
}

export async function insertPublication(db: Kysely<DB>, p: { communityId: number; version: number; kind: string; draftId?: number | null; draftVersion?: number | null; rollbackOf?: number | null; reasons?: Record<string, string>; by: number | null; validFrom: Date | null }): Promise<number> {
  return (await sql<{ id: number }>`insert into plan_publications (community_id, version, kind, draft_id, draft_version, rollback_of, reasons, published_by, valid_from)
    values (${p.communityId}, ${p.version}, ${p.kind}, ${p.draftId ?? null}, ${p.draftVersion ?? null}, ${p.rollbackOf ?? null}, ${json(p.reasons ?? {})}, ${p.by}, ${p.validFrom})
    returning id`.execute(db)).rows[0].id;
}

export async function closePublication(db: Kysely<DB>, id: number, at: Date) {
  await sql`update plan_publications set valid_to = ${at} where id = ${id}`.execute(db);
}

/** Copies the community's live grids (with their units) into the publication's history. */
export async function snapshotGrids(db: Kysely<DB>, publicationId: number, communityId: number) {
  await sql`insert into plan_publication_grids (publication_id, area_id, code, name, geom, households, population, units, unit_ids, unit_codes)
    select ${publicationId}, g.id, g.code, g.name, g.geom, g.households, g.population, g.units,
      coalesce(array_agg(u.id order by u.code) filter (where u.id is not null), '{}'),
      coalesce(array_agg(u.code order by u.code) filter (where u.id is not null), '{}')
    from areas g left join areas u on u.parent_id = g.id and u.level = 'unit'
    where g.parent_id = ${communityId} and g.level = 'grid' group by g.id`.execute(db);
}

export async function earliestCreated(db: Kysely<DB>, communityId: number): Promise<Date | null> {
  return (await sql<{ t: Date | null }>`select min(created_at) t from areas where parent_id = ${communityId} and level = 'grid'`.execute(db)).rows[0].t;
}

/** Temporary codes for the community's grids, units and households (codes are unique; the final ones may swap). */
export async function parkCodes(db: Kysely<DB>, communityId: number) {
  await sql`update households h set code = 'tmp-' || h.id from areas u, areas g
    where h.unit_id = u.id and u.parent_id = g.id and g.parent_id = ${communityId} and g.level = 'grid'`.execute(db);
  await sql`update areas u set code = '9' || lpad(u.id::text, 16, '0') from areas g
    where u.parent_id = g.id and g.parent_id = ${communityId} and g.level = 'grid' and u.level = 'unit'`.execute(db);
  await sql`update areas set code = '9' || lpad(id::text, 16, '0') where parent_id = ${communityId} and level = 'grid'`.execute(db);
}

export interface GridPlan { id: number | null; key: string; code: string; name: string; units: number[] }

/** New grids (no id) are inserted with the union of their units' cells; returns key → id. */
export async function insertGrids(db: Kysely<DB>, communityId: number, grids: GridPlan[]): Promise<Map<string, number>> {
  if (!grids.length) return new Map();
  const r = await sql<{ id: number; code: string }>`
    insert into areas (level, code, name, parent_id, geom)
    select 'grid', x.code, x.name, ${communityId}, (select ${UNION} from areas u where u.id = any(x.units))
    from jsonb_to_recordset(${json(grids)}) x(code text, name text, units int[])
    returning id, code`.execute(db);
  const byCode = new Map(r.rows.map((x) => [x.code, x.id]));
  return new Map(grids.map((g) => [g.key, byCode.get(g.code)!]));
}

/** Grids that continue keep their row: new code, name and boundary. */
export async function updateGrids(db: Kysely<DB>, grids: GridPlan[]) {
  if (!grids.length) return;
  await sql`update areas g set code = x.code, name = x.name, geom = (select ${UNION} from areas u where u.id = any(x.units))
    from jsonb_to_recordset(${json(grids)}) x(id int, code text, name text, units int[]) where g.id = x.id`.execute(db);
}

/** Units move to their grid with their new code; households follow with unit code + their own suffix. */
export async function moveUnits(db: Kysely<DB>, units: { id: number; grid: number; code: string }[], householdCodes: { id: number; code: string }[]) {
  await sql`update areas u set parent_id = x.grid, code = x.code from jsonb_to_recordset(${json(units)}) x(id int, grid int, code text) where u.id = x.id`.execute(db);
  await sql`update households h set code = x.code from jsonb_to_recordset(${json(householdCodes)}) x(id int, code text) where h.id = x.id`.execute(db);
}

/** Grids of these that role grants are bound to (grants can only be revoked, never moved). */
export async function grantedGrids(db: Kysely<DB>, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  return (await sql<{ area_id: number }>`select distinct area_id from role_grants where area_id = any(${intArray(ids)}) order by area_id`.execute(db)).rows.map((r) => r.area_id);
}

/** Single-column foreign keys to areas(id) other than those a publish handles itself. */
async function otherReferences(db: Kysely<DB>) {
  return (await sql<{ tbl: string; col: string }>`
    select cl.relname tbl, a.attname col from pg_constraint c
      join pg_class cl on cl.oid = c.conrelid join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'areas'::regclass and cardinality(c.conkey) = 1 and n.nspname = current_schema()
      and cl.relname not in ('areas', 'responsible_people', 'role_grants', 'plan_drafts', 'plan_publications')
    order by 1, 2`.execute(db)).rows;
}

/**
 * Grid → grid moves of what refers to retired grids: responsible people (flagged for
 * reassignment), and every other table with a foreign key to areas (places, hazards, campaigns…).
 */
export async function moveReferences(db: Kysely<DB>, moves: { from: number; to: number }[]) {
  if (!moves.length) return;
  const m = json(moves);
  await sql`update responsible_people p set area_id = x."to", needs_reassignment = true from jsonb_to_recordset(${m}) x("from" int, "to" int) where p.area_id = x."from"`.execute(db);
  for (const r of await otherReferences(db)) {
    await sql`update ${sql.table(r.tbl)} t set ${sql.ref(r.col)} = x."to" from jsonb_to_recordset(${m}) x("from" int, "to" int) where t.${sql.ref(r.col)} = x."from"`.execute(db);
  }
}

export async function flagPeople(db: Kysely<DB>, gridIds: number[]) {
  if (!gridIds.length) return;
  await sql`update responsible_people set needs_reassignment = true where area_id = any(${intArray(gridIds)})`.execute(db);
}

/** Hazard cases of the community follow their unit's new grid (or the old grid's successor). */
export async function remapHazards(db: Kysely<DB>, communityId: number, successor: { from: number; to: number }[]) {
  return (await sql<{ id: number; old_grid: number | null; new_grid: number | null }>`
    with s as (select * from jsonb_to_recordset(${json(successor)}) x("from" int, "to" int)),
    c as (
      select h.id, h.grid_id old_grid, coalesce(u.parent_id, (select s."to" from s where s."from" = h.grid_id), h.grid_id) new_grid
      from hazards h left join areas u on u.id = h.unit_id and u.level = 'unit'
      where h.community_id = ${communityId}
    ), upd as (
      update hazards h set grid_id = c.new_grid from c where h.id = c.id and h.grid_id is distinct from c.new_grid returning h.id
    )
    select id, old_grid, new_grid from c order by id`.execute(db)).rows;
}

export async function deleteGrids(db: Kysely<DB>, ids: number[]) {
  if (ids.length) await sql`delete from areas where id = any(${intArray(ids)}) and level = 'grid'`.execute(db);
}

export interface CrosswalkRow {
  subject: string;
  subject_id: number;
  old_code: string | null;
  new_code: string | null;
  old_grid_id: number | null;
  old_grid_code: string | null;
  new_grid_id: number | null;
  new_grid_code: string | null;
  moved: boolean;
  needs_reassignment: boolean;
}

export async function insertCrosswalk(db: Kysely<DB>, publicationId: number, rows: CrosswalkRow[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    await sql`insert into plan_crosswalk (publication_id, subject, subject_id, old_code, new_code, old_grid_id, old_grid_code, new_grid_id, new_grid_code, moved, needs_reassignment)
      select ${publicationId}, x.* from jsonb_to_recordset(${json(rows.slice(i, i + 5000))}) x(subject text, subject_id int, old_code text, new_code text,
        old_grid_id int, old_grid_code text, new_grid_id int, new_grid_code text, moved boolean, needs_reassignment boolean)`.execute(db);
  }
}
