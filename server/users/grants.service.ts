/**
 * Role grants: shape rules per role, the manager's jurisdiction, grant and revoke (never delete).
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import { AREA_BOUND_ROLES } from '../auth/permissions.ts';
import type { Actor, Principal } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { householdUnitId } from '../auth/jurisdiction.repository.ts';
import * as repo from './users.repository.ts';
import type { GrantInput } from './users.schema.ts';

export interface GrantSpec {
  role: GrantInput['role'];
  areaId: number | null;
  householdId: number | null;
}

/** A jurisdiction is a street, community or grid (not a unit); riders have none; residents a household or area. */
export async function checkGrantShape(db: Kysely<DB>, g: GrantInput): Promise<GrantSpec> {
  const spec: GrantSpec = { role: g.role, areaId: g.areaId ?? null, householdId: g.householdId ?? null };
  if (spec.householdId !== null && spec.role !== 'resident') throw badRequest(`a ${spec.role} grant cannot name a household`);
  if (spec.role === 'rider' && spec.areaId !== null) throw badRequest('a rider grant has no area');
  if (spec.role === 'resident' && spec.areaId === null && spec.householdId === null) throw badRequest('a resident grant needs householdId (or the areaId of the compound)');
  if (AREA_BOUND_ROLES.includes(spec.role) && spec.areaId === null) throw badRequest(`a ${spec.role} grant needs areaId (its jurisdiction)`);
  if (spec.areaId !== null) {
    const level = await repo.areaLevel(db, spec.areaId);
    if (!level) throw notFound(`area ${spec.areaId} does not exist`);
    if (spec.role !== 'resident' && level === 'unit') throw badRequest(`area ${spec.areaId} is a unit; a jurisdiction is a street, community or grid`);
  }
  if (spec.householdId !== null && (await householdUnitId(db, spec.householdId)) === null) throw notFound(`household ${spec.householdId} does not exist`);
  return spec;
}

/** The manager may grant this (inside their jurisdiction); checks shape first. */
export async function allowedGrant(db: Kysely<DB>, p: Principal | null, g: GrantInput): Promise<GrantSpec> {
  const spec = await checkGrantShape(db, g);
  if (p) await authorize(db, p, 'users.manage', { grant: spec });
  return spec;
}

/** The area an audit entry about this grant belongs to (a household's unit for residents). */
export async function grantArea(db: Kysely<DB>, g: { areaId: number | null; householdId: number | null }): Promise<number | null> {
  return g.areaId ?? (g.householdId !== null ? await householdUnitId(db, g.householdId) : null);
}

export async function insertGrant(db: Kysely<DB>, actor: Actor, userId: number, g: GrantSpec): Promise<number> {
  const at = actor.at;
  const id = await repo.insertGrant(db, { user_id: userId, role: g.role, area_id: g.areaId, household_id: g.householdId, granted_by: actor.principal.user?.id ?? null, granted_at: at }).catch((e) => {
    if (e?.code === '23505') throw conflict(`user ${userId} already holds ${g.role} there`);
    throw e;
  });
  await record(db, actor, { action: 'grants.create', targetType: 'user', targetId: userId, areaId: await grantArea(db, g), details: { grantId: id, role: g.role, areaId: g.areaId, householdId: g.householdId } });
  return id;
}

export async function addGrant(db: Kysely<DB>, actor: Actor, userId: number, input: GrantInput) {
  if (!(await repo.findUser(db, userId))) throw notFound(`user ${userId} does not exist`);
  const spec = await allowedGrant(db, actor.principal, input);
  return db.transaction().execute((trx) => insertGrant(trx, actor, userId, spec));
}

export async function revokeGrant(db: Kysely<DB>, actor: Actor, userId: number, grantId: number) {
  const g = (await repo.grantsOf(db, [userId])).find((x) => x.id === grantId);
  if (!g) throw notFound(`user ${userId} has no active grant ${grantId}`);
  const spec: GrantSpec = { role: g.role as GrantSpec['role'], areaId: g.area_id, householdId: g.household_id };
  await authorize(db, actor.principal, 'users.manage', { grant: spec });
  await db.transaction().execute(async (trx) => {
    if (!(await repo.revokeGrant(trx, grantId, actor.principal.user?.id ?? null, actor.at))) throw notFound(`user ${userId} has no active grant ${grantId}`);
    await record(trx, actor, { action: 'grants.revoke', targetType: 'user', targetId: userId, areaId: await grantArea(trx, spec), details: { grantId, role: spec.role } });
  });
}
