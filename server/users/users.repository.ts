/** Every kysely call for accounts and role grants. */
import { sql, type Kysely } from 'kysely';
import { subtreeIds } from '../auth/jurisdiction.repository.ts';
import type { DB } from '../db/types.ts';

const USER_COLS = ['id', 'username', 'phone', 'display_name', 'disabled', 'failed_logins', 'locked_until', 'created_at', 'created_by'] as const;

/** By user name (any case) or phone; with the hash, for log-in only. */
export async function findByLogin(db: Kysely<DB>, login: string) {
  return db
    .selectFrom('users')
    .select([...USER_COLS, 'password_hash'])
    .where((eb) => eb.or([eb(sql`lower(username)`, '=', login.toLowerCase()), eb('phone', '=', login)]))
    .orderBy('id')
    .executeTakeFirst();
}

export async function findUser(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').select(USER_COLS).where('id', '=', id).executeTakeFirst();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export async function insertUser(db: Kysely<DB>, u: { username: string; phone: string | null; display_name: string; password_hash: string; created_by: number | null; created_at: Date }) {
  const r = await db.insertInto('users').values(u).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(db: Kysely<DB>, id: number, patch: Partial<{ display_name: string; phone: string | null; disabled: boolean; password_hash: string; failed_logins: number; locked_until: Date | null }>) {
  if (Object.keys(patch).length) await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function insertGrant(db: Kysely<DB>, g: { user_id: number; role: string; area_id: number | null; household_id: number | null; granted_by: number | null; granted_at: Date }) {
  const r = await db.insertInto('role_grants').values(g).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function revokeGrant(db: Kysely<DB>, id: number, by: number | null, at: Date): Promise<boolean> {
  const r = await db.updateTable('role_grants').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Grants of some users, with the area's code and name; active only unless `withRevoked`. */
export async function grantsOf(db: Kysely<DB>, userIds: number[], withRevoked = false) {
  if (!userIds.length) return [];
  let q = db
    .selectFrom('role_grants as g')
    .leftJoin('areas as a', 'a.id', 'g.area_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.area_id', 'a.code as area_code', 'a.name as area_name', 'a.level as area_level', 'g.household_id', 'g.granted_by', 'g.granted_at', 'g.revoked_at'])
    .where('g.user_id', 'in', userIds)
    .orderBy('g.id');
  if (!withRevoked) q = q.where('g.revoked_at', 'is', null);
  return q.execute();
}

export type GrantRow = Awaited<ReturnType<typeof grantsOf>>[number];

/** Users with an active grant inside an area (null = all users), by user name. */
export async function listUsers(db: Kysely<DB>, areaId: number | null, limit: number, offset: number) {
  let q = db.selectFrom('users').select(USER_COLS).orderBy('username').limit(limit).offset(offset);
  if (areaId !== null)
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('role_grants as g')
          .leftJoin('households as h', 'h.id', 'g.household_id')
          .select(sql`1`.as('one'))
          .whereRef('g.user_id', '=', 'users.id')
          .where('g.revoked_at', 'is', null)
          .where(sql<number>`coalesce(g.area_id, h.unit_id)`, 'in', subtreeIds(areaId)),
      ),
    );
  return q.execute();
}

export async function areaIdByCode(db: Kysely<DB>, code: string): Promise<number | null> {
  return (await db.selectFrom('areas').select('id').where('code', '=', code).executeTakeFirst())?.id ?? null;
}

export async function areaLevel(db: Kysely<DB>, id: number): Promise<string | null> {
  return (await db.selectFrom('areas').select('level').where('id', '=', id).executeTakeFirst())?.level ?? null;
}
