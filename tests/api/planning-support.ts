/** Shared setup for the planning API tests: a community to plan, accounts, SQL helpers. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/types.ts';
import { createTestUser, loginAs } from '../support/accounts.ts';
import type { ApiContext } from '../support/api.ts';

export interface PlanningWorld {
  community: { id: number; code: string; name: string };
  street: number;
  otherStreet: number;
  planner: string;
  otherPlanner: string;
  staff: string;
  gridWorker: string;
}

/** 广东路社区 (third community by code: the access helpers use the first two). */
export const COMMUNITY_CODE = '310101013003';

export async function planningWorld(api: ApiContext): Promise<PlanningWorld> {
  const db = api.database.db;
  const [c] = (await sql<{ id: number; code: string; name: string; parent_id: number }>`select id, code, name, parent_id from areas where code = ${COMMUNITY_CODE}`.execute(db)).rows;
  const [other] = (await sql<{ id: number }>`select id from areas where level = 'street' and id <> ${c.parent_id} order by code limit 1`.execute(db)).rows;
  const [grid] = (await sql<{ id: number }>`select id from areas where parent_id = ${c.id} order by code limit 1`.execute(db)).rows;
  const login = async (grants: Parameters<typeof createTestUser>[1], name: string) => loginAs(api, await createTestUser(db, grants, name));
  return {
    community: { id: c.id, code: c.code, name: c.name },
    street: c.parent_id,
    otherStreet: other.id,
    planner: await login([{ role: 'planner', areaId: c.parent_id }], 'planner'),
    otherPlanner: await login([{ role: 'planner', areaId: other.id }], 'otherplanner'),
    staff: await login([{ role: 'community_staff', areaId: c.id }], 'staff'),
    gridWorker: await login([{ role: 'grid_worker', areaId: grid.id }], 'gridworker'),
  };
}

export const q = async <T>(db: Kysely<DB>, text: string): Promise<T[]> => (await sql.raw<T>(text).execute(db)).rows;

/** Areas whose totals differ from their children (or households): must always be empty. */
export async function badTotals(db: Kysely<DB>) {
  const units = await q(db, `select a.code from areas a where a.level = 'unit' and (a.households, a.population) <>
    (select count(*)::int, coalesce(sum(size), 0)::int from households h where h.unit_id = a.id)`);
  const parents = await q(db, `select p.code from areas p where p.level <> 'unit' and (p.households, p.population, p.units) <>
    (select coalesce(sum(c.households), 0)::int, coalesce(sum(c.population), 0)::int, coalesce(sum(c.units), 0)::int from areas c where c.parent_id = p.id)`);
  return [...units, ...parents];
}

/** Codes that do not extend their parent's (CJ/T 349), and households whose code does not extend their unit's. */
export async function badCodes(db: Kysely<DB>) {
  return [
    ...(await q(db, `select c.code from areas c join areas p on p.id = c.parent_id where left(c.code, length(p.code)) <> p.code`)),
    ...(await q(db, `select h.code from households h join areas u on u.id = h.unit_id where left(h.code, length(u.code)) <> u.code`)),
  ];
}

/** A fingerprint of the live hierarchy of a community (codes, parents, geometry, totals). */
export async function liveFingerprint(db: Kysely<DB>, communityId: number) {
  return q(db, `select g.id, g.code, g.households, md5(ST_AsBinary(g.geom)) geom,
      (select string_agg(u.id || ':' || u.code, ',' order by u.id) from areas u where u.parent_id = g.id) units
    from areas g where g.parent_id = ${communityId} order by g.id`);
}
