/** Name, code and address search across areas, buildings and places. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

export interface SearchRow {
  type: 'area' | 'building' | 'place';
  id: number;
  name: string;
  code: string | null;
  level: string | null;
  kind: string | null;
  address: string | null;
  center: { coordinates: [number, number] };
  bbox: number[];
  rank: number;
}

/** Escape LIKE wildcards so user text matches literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function search(db: Kysely<DB>, q: string, limit: number): Promise<SearchRow[]> {
  const contains = `%${likeEscape(q)}%`;
  const prefix = `${likeEscape(q)}%`;
  const r = await sql<SearchRow>`
    select * from (
      select 'area' as type, id, name, code, level, null as kind, null as address,
             ST_AsGeoJSON(ST_PointOnSurface(geom), 7)::json as center,
             array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] as bbox,
             case when name = ${q} or code = ${q} then 0 when name like ${prefix} or code like ${prefix} then 1 else 2 end
               + case level when 'street' then 0 when 'community' then 0.1 when 'grid' then 0.2 else 0.3 end as rank
      from areas where name like ${contains} or code like ${prefix}
      union all
      select 'building', id, coalesce(name, address), null, null, use, address,
             ST_AsGeoJSON(ST_PointOnSurface(geom), 7)::json,
             array[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)],
             case when name = ${q} or address = ${q} then 0.5 when name like ${prefix} or address like ${prefix} then 1.5 else 2.5 end
      from buildings where name like ${contains} or address like ${contains}
      union all
      select 'place', id, name, null, null, kind, null,
             ST_AsGeoJSON(geom, 7)::json, null,
             case when name = ${q} then 0.4 when name like ${prefix} then 1.4 else 2.4 end
      from places where name like ${contains}
    ) s order by rank, name, id limit ${limit}`.execute(db);
  return r.rows;
}
