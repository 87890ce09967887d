/**
 * Bulk writes for loading a dataset. Rows travel as one JSON parameter per chunk and are
 * expanded in SQL with jsonb_to_recordset, resolving codes/refs to ids there.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB>;
const CHUNK = 2000;

/** Valid (Multi)Polygon from GeoJSON text, SRID 4326. */
const polygonSql = (col: string) =>
  `ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${col}), 4326)), 3))`;
const pointSql = (col: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${col}), 4326)`;

async function chunked<T>(rows: T[], fn: (chunk: T[]) => Promise<unknown>, size = CHUNK) {
  for (let i = 0; i < rows.length; i += size) await fn(rows.slice(i, i + size));
}

const json = (rows: unknown[]) => JSON.stringify(rows);

export async function clearAll(db: Db): Promise<void> {
  await sql`truncate basemap_features, entrances, hazards, spaces, pois, places, road_edges,
    central_household_links, responsible_people, household_members, households, buildings, areas
    restart identity cascade`.execute(db);
}

export interface SavedGrant {
  id: number;
  user_id: number;
  role: string;
  area_code: string | null;
  household_code: string | null;
  granted_by: number | null;
  granted_at: string;
  revoked_at: string | null;
  revoked_by: number | null;
}

/** Every role grant (active and revoked: the history stays) with its area and household by code. */
export async function saveGrants(db: Db): Promise<SavedGrant[]> {
  const r = await sql<SavedGrant>`
    select g.id, g.user_id, g.role, a.code as area_code, h.code as household_code, g.granted_by,
      g.granted_at::text as granted_at, g.revoked_at::text as revoked_at, g.revoked_by
    from role_grants g left join areas a on a.id = g.area_id left join households h on h.id = g.household_id
    order by g.id`.execute(db);
  return r.rows;
}

/** Puts saved grants back where their area and household codes exist; returns how many. */
export async function restoreGrants(db: Db, grants: SavedGrant[]): Promise<number> {
  if (!grants.length) return 0;
  const r = await sql<{ n: number }>`
    with ins as (
      insert into role_grants (id, user_id, role, area_id, household_id, granted_by, granted_at, revoked_at, revoked_by)
      select r.id, r.user_id, r.role, a.id, h.id, r.granted_by, r.granted_at::timestamptz, r.revoked_at::timestamptz, r.revoked_by
      from jsonb_to_recordset(${json(grants)}::jsonb) as r(id int, user_id int, role text, area_code text, household_code text,
           granted_by int, granted_at text, revoked_at text, revoked_by int)
      left join areas a on a.code = r.area_code
      left join households h on h.code = r.household_code
      where (r.area_code is null or a.id is not null) and (r.household_code is null or h.id is not null)
      returning 1)
    select count(*)::int as n from ins`.execute(db);
  await sql`select setval(pg_get_serial_sequence('role_grants', 'id'), greatest((select max(id) from role_grants), 1))`.execute(db);
  return Number(r.rows[0].n);
}

/** Level by level (street → unit), so a parent is always in the table before its children. */
export async function insertAreas(db: Db, rows: { code: string; level: string; name: string; parentCode: string | null; geometry: string }[]) {
  for (const level of ['street', 'community', 'grid', 'unit'])
    await insertAreasOfLevel(db, rows.filter((r) => r.level === level));
}

async function insertAreasOfLevel(db: Db, rows: { code: string; level: string; name: string; parentCode: string | null; geometry: string }[]) {
  await chunked(rows, (c) =>
    sql`insert into areas (level, code, name, parent_id, geom)
        select r.level, r.code, r.name, p.id, ${sql.raw(polygonSql('r.geometry'))}
        from jsonb_to_recordset(${json(c)}::jsonb) as r(level text, code text, name text, "parentCode" text, geometry text)
        left join areas p on p.code = r."parentCode"`.execute(db), 500);
}

export async function insertBuildings(db: Db, rows: Record<string, unknown>[]) {
  await chunked(rows, (c) =>
    sql`insert into buildings (ref, osm_id, name, use, floors, height_m, households, address, unit_id, geom)
        select r.ref, r."osmId", r.name, r.use, r.floors, r."heightM", r.households, r.address, u.id,
               ${sql.raw(polygonSql('r.geometry'))}
        from jsonb_to_recordset(${json(c)}::jsonb) as r(ref text, "osmId" bigint, name text, use text, floors int,
             "heightM" real, households int, address text, "unitCode" text, geometry text)
        left join areas u on u.code = r."unitCode" and u.level = 'unit'`.execute(db), 1000);
}

export async function insertHouseholds(db: Db, rows: Record<string, string>[]) {
  await chunked(rows, (c) =>
    sql`insert into households (code, unit_id, building_id, room, size)
        select r.code, u.id, b.id, r.room, r.size
        from jsonb_to_recordset(${json(c)}::jsonb) as r(code text, unit_code text, building_ref text, room text, size int)
        left join areas u on u.code = r.unit_code and u.level = 'unit'
        left join buildings b on b.ref = r.building_ref`.execute(db));
}

export async function insertMembers(db: Db, rows: Record<string, string>[]) {
  await chunked(rows, (c) =>
    sql`insert into household_members (household_id, name, relation, birth_year, phone, groups)
        select h.id, r.name, r.relation, nullif(r.birth_year, '')::int, nullif(r.phone, ''),
               coalesce(string_to_array(nullif(r.groups, ''), ';'), '{}')
        from jsonb_to_recordset(${json(c)}::jsonb) as r(household_code text, name text, relation text, birth_year text, phone text, groups text)
        join households h on h.code = r.household_code`.execute(db), 5000);
}

export async function insertPeople(db: Db, rows: Record<string, string>[]) {
  await chunked(rows, async (c) => {
    const withIdx = c.map((r, i) => ({ ...r, idx: i }));
    const ids = await sql<{ id: number; idx: number }>`
        insert into responsible_people (area_id, role, name, phone, household_id)
        select a.id, r.role, r.name, nullif(r.phone, ''), h.id
        from jsonb_to_recordset(${json(withIdx)}::jsonb) as r(area_code text, role text, name text, phone text, household_code text, idx int)
        join areas a on a.code = r.area_code
        left join households h on h.code = nullif(r.household_code, '')
        order by r.idx
        returning id`.execute(db);
    const links: { person: number; code: string }[] = [];
    c.forEach((r, i) => {
      const id = ids.rows[i]?.id;
      if (id && r.linked_households) for (const code of r.linked_households.split(';').filter(Boolean)) links.push({ person: id, code });
    });
    if (links.length)
      await sql`insert into central_household_links (person_id, household_id)
          select r.person, h.id from jsonb_to_recordset(${json(links)}::jsonb) as r(person int, code text)
          join households h on h.code = r.code on conflict do nothing`.execute(db);
  }, 1000);
}

export async function insertRoads(db: Db, rows: Record<string, unknown>[]) {
  await chunked(rows, (c) =>
    sql`insert into road_edges (id, osm_id, highway, name, walkable, bridge, tunnel, length_m, source, target, geom)
        select r.id, r."osmId", r.highway, r.name, r.walkable, coalesce(r.bridge, false), coalesce(r.tunnel, false),
               r."lengthM", r.source, r.target, ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)
        from jsonb_to_recordset(${json(c)}::jsonb) as r(id int, "osmId" bigint, highway text, name text, walkable boolean,
             bridge boolean, tunnel boolean, "lengthM" double precision, source int, target int, geometry text)`.execute(db));
}

export async function insertPlaces(db: Db, rows: Record<string, unknown>[]) {
  await chunked(rows, (c) =>
    sql`insert into places (ref, kind, name, osm_id, opening_hours, floor, lift, step_free, services, anchor, geom)
        select r.ref, r.kind, r.name, r."osmId", r."openingHours", coalesce(r.floor, 1), coalesce(r.lift, false),
               coalesce(r."stepFree", true), coalesce(array(select jsonb_array_elements_text(r.services)), '{}'),
               r.anchor, ${sql.raw(pointSql('r.geometry'))}
        from jsonb_to_recordset(${json(c)}::jsonb) as r(ref text, kind text, name text, "osmId" bigint, "openingHours" text,
             floor int, lift boolean, "stepFree" boolean, services jsonb, anchor text, geometry text)`.execute(db));
}

export async function insertPois(db: Db, rows: Record<string, unknown>[]) {
  await chunked(rows, (c) =>
    sql`insert into pois (osm_id, kind, name, geom)
        select r."osmId", r.kind, r.name, ${sql.raw(pointSql('r.geometry'))}
        from jsonb_to_recordset(${json(c)}::jsonb) as r("osmId" bigint, kind text, name text, geometry text)`.execute(db));
}

export async function insertSpaces(db: Db, rows: Record<string, unknown>[]) {
  await chunked(rows, (c) =>
    sql`insert into spaces (ref, kind, subkind, name, area_m2, floor, lift, step_free, status, building_id, geom)
        select r.ref, r.kind, r.subkind, r.name, r."areaM2", coalesce(r.floor, 1), coalesce(r.lift, false),
               coalesce(r."stepFree", false), r.status, b.id, ${sql.raw(pointSql('r.geometry'))}
        from jsonb_to_recordset(${json(c)}::jsonb) as r(ref text, kind text, subkind text, name text, "areaM2" double precision,
             floor int, lift boolean, "stepFree" boolean, status text, "buildingRef" text, geometry text)
        left join buildings b on b.ref = r."buildingRef"`.execute(db));
}

export async function insertHazards(db: Db, rows: Record<string, unknown>[]) {
  await chunked(rows, (c) =>
    sql`insert into hazards (ref, category, description, status, reported_at, geom)
        select r.ref, r.category, r.description, r.status, r."reportedAt"::timestamptz, ${sql.raw(pointSql('r.geometry'))}
        from jsonb_to_recordset(${json(c)}::jsonb) as r(ref text, category text, description text, status text,
             "reportedAt" text, geometry text)`.execute(db));
}

export async function insertEntrances(db: Db, rows: Record<string, unknown>[]) {
  await chunked(rows, (c) =>
    sql`insert into entrances (osm_id, building_id, name, geom)
        select r."osmId", b.id, r.name, ${sql.raw(pointSql('r.geometry'))}
        from jsonb_to_recordset(${json(c)}::jsonb) as r("osmId" bigint, "buildingRef" text, name text, geometry text)
        left join buildings b on b.ref = r."buildingRef"`.execute(db));
}

export async function insertBasemap(db: Db, rows: Record<string, unknown>[]) {
  await chunked(rows, (c) =>
    sql`insert into basemap_features (layer, kind, name, geom)
        select r.layer, r.kind, r.name, ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326))
        from jsonb_to_recordset(${json(c)}::jsonb) as r(layer text, kind text, name text, geometry text)`.execute(db), 500);
}

export async function countRows(db: Db, table: keyof DB): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
