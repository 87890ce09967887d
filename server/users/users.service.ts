/**
 * Accounts: create (admin API, `npm run user:create`, demo accounts), list and change them.
 * A manager with a jurisdiction only touches accounts whose every grant lies inside it.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { grantView } from '../auth/auth.service.ts';
import { authorize } from '../auth/authorize.ts';
import { hashPassword } from '../auth/password.ts';
import type { Actor, Principal } from '../auth/principal.ts';
import { deleteUserSessions } from '../auth/session.repository.ts';
import type { DB } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { allowedGrant, grantArea, insertGrant, type GrantSpec } from './grants.service.ts';
import * as repo from './users.repository.ts';
import type { GrantInput } from './users.schema.ts';

export interface NewUser {
  username: string;
  displayName: string;
  phone?: string | null;
  password: string;
  grants: GrantInput[];
}

function userView(u: repo.UserRow, grants: repo.GrantRow[]) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    phone: u.phone,
    disabled: u.disabled,
    lockedUntil: u.locked_until ? new Date(u.locked_until).toISOString() : null,
    createdAt: new Date(u.created_at).toISOString(),
    grants: grants.filter((g) => g.user_id === u.id).map(grantView),
  };
}

/**
 * Creates an account with its grants in one transaction, audited.
 * @param actor.principal checked against `users.manage` for every grant (the CLI passes a system actor and `check: false`)
 */
export async function createUser(db: Kysely<DB>, actor: Actor, input: NewUser, opts: { check?: boolean } = {}) {
  const specs: GrantSpec[] = [];
  for (const g of input.grants) specs.push(await allowedGrant(db, opts.check === false ? null : actor.principal, g));
  const hash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const userId = await repo
      .insertUser(trx, { username: input.username, phone: input.phone ?? null, display_name: input.displayName, password_hash: hash, created_by: actor.principal.user?.id ?? null, created_at: actor.at })
      .catch((e) => {
        if (e?.code === '23505') throw conflict(`user name ${input.username} or phone ${input.phone ?? ''} is already taken`);
        throw e;
      });
    await record(trx, actor, { action: 'users.create', targetType: 'user', targetId: userId, areaId: specs.length ? await grantArea(trx, specs[0]) : null, details: { username: input.username } });
    for (const s of specs) await insertGrant(trx, actor, userId, s);
    return userId;
  });
  return getUser(db, id);
}

export async function getUser(db: Kysely<DB>, id: number) {
  const u = await repo.findUser(db, id);
  if (!u) throw notFound(`user ${id} does not exist`);
  return userView(u, await repo.grantsOf(db, [id]));
}

/** The manager may manage this account: each of its active grants lies in their jurisdiction. */
async function manageable(db: Kysely<DB>, p: Principal, id: number) {
  const u = await repo.findUser(db, id);
  if (!u) throw notFound(`user ${id} does not exist`);
  const grants = await repo.grantsOf(db, [id]);
  if (!grants.length) await authorize(db, p, 'users.manage', { everywhere: true });
  for (const g of grants) await authorize(db, p, 'users.manage', { grant: { role: g.role as GrantSpec['role'], areaId: g.area_id, householdId: g.household_id } });
  return { user: u, grants };
}

export async function updateUser(db: Kysely<DB>, actor: Actor, id: number, patch: { displayName?: string; phone?: string | null; disabled?: boolean; password?: string }) {
  const { grants } = await manageable(db, actor.principal, id);
  if (patch.disabled && actor.principal.user?.id === id) throw badRequest('you cannot disable your own account');
  const set = {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    ...(patch.password !== undefined ? { password_hash: await hashPassword(patch.password), failed_logins: 0, locked_until: null } : {}),
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, set).catch((e) => {
      if (e?.code === '23505') throw conflict(`phone ${patch.phone} is already taken`);
      throw e;
    });
    // A disabled account or a new password ends every session of that user.
    if (patch.disabled || patch.password !== undefined) await deleteUserSessions(trx, id);
    const areaId = grants.length ? await grantArea(trx, { areaId: grants[0].area_id, householdId: grants[0].household_id }) : null;
    await record(trx, actor, { action: 'users.update', targetType: 'user', targetId: id, areaId, details: { fields: Object.keys(patch).filter((k) => (patch as any)[k] !== undefined) } });
  });
  return getUser(db, id);
}

/** Accounts with a grant in an area (or all), audited: phones are personal data too. */
export async function listUsers(db: Kysely<DB>, actor: Actor, q: { area?: number; limit: number; offset: number }) {
  const rows = await repo.listUsers(db, q.area ?? null, q.limit, q.offset);
  const grants = await repo.grantsOf(db, rows.map((r) => r.id));
  await record(db, actor, { action: 'users.list', targetType: 'area', targetId: q.area, areaId: q.area ?? null, details: { userIds: rows.map((r) => r.id) } });
  return { users: rows.map((u) => userView(u, grants)), limit: q.limit, offset: q.offset };
}
