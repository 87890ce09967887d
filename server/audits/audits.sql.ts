/**
 * Named SQL fragments of the audits domain (only ids zod has parsed reach them): which compounds,
 * spaces and communities belong to an area, and the area that decides who may see a space.
 */
import { sql } from 'kysely';
import { subtreeIds } from '../auth/jurisdiction.repository.ts';

/** A space (alias `s`) stands inside the area. */
export const spaceInArea = (areaId: number) =>
  sql<boolean>`exists (select 1 from areas ar where ar.id = ${areaId} and ar.geom && s.geom and ST_Intersects(ar.geom, s.geom))`;

/** A compound (alias `c`) belongs to a community in the area's subtree, or (grid, unit) stands in it. */
export const compoundInArea = (areaId: number) =>
  sql<boolean>`(c.community_id in ${subtreeIds(areaId)} or exists (select 1 from areas ar where ar.id = ${areaId}
    and ar.level in ('grid', 'unit') and ST_Intersects(ar.geom, ST_PointOnSurface(c.geom))))`;

/** Communities in the area's subtree, or the community above a grid or unit. */
export const communitiesOfArea = (areaId: number) =>
  sql<number>`(select id from areas where level = 'community' and (id in ${subtreeIds(areaId)} or id in (
    with recursive up(id, parent_id) as (select id, parent_id from areas where id = ${areaId}
      union all select a.id, a.parent_id from areas a join up on a.id = up.parent_id) select id from up)))`;

/** The community that owns a space (alias `s`): its compound's, else the community it stands in. */
export const spaceCommunity = sql<number>`coalesce((select c.community_id from compounds c where c.id = s.compound_id),
  (select a.id from areas a where a.level = 'community' and a.geom && s.geom and ST_Intersects(a.geom, s.geom) order by a.id limit 1))`;

/** Households in buildings whose point on surface lies in the compound (alias `c`). */
export const compoundHouseholds = sql<number>`(select count(*)::int from households h join buildings b on b.id = h.building_id
  where b.geom && c.geom and ST_Intersects(c.geom, ST_PointOnSurface(b.geom)))`;
