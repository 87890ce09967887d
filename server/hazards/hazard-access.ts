/**
 * Jurisdiction over a case: the case's grid (or community/street when it has no grid) is the area
 * the permissions table is checked against. Which view a caller gets follows from it.
 */
import type { Kysely } from 'kysely';
import { allows, type Target } from '../auth/authorize.ts';
import { selfAndAncestorIds } from '../auth/jurisdiction.repository.ts';
import { scopeOf, type Action } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { isPubliclyVisible } from './hazard.views.ts';

export interface CaseArea {
  grid_id: number | null;
  community_id: number | null;
  street_id: number | null;
}

/** The authorisation target of a case; a case outside every area needs a role without a limit. */
export function targetOf(c: CaseArea): Target {
  const areaId = c.grid_id ?? c.community_id ?? c.street_id;
  return areaId === null ? { everywhere: true } : { areaId };
}

export async function caseArea(db: Kysely<DB>, id: number): Promise<CaseArea & { hidden: boolean; status: string; reporter_id: number | null }> {
  const r = await db.selectFrom('hazards').select(['grid_id', 'community_id', 'street_id', 'hidden', 'status', 'reporter_id']).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`hazard case ${id} does not exist`);
  return r;
}

export type View = 'public' | 'reporter' | 'staff';

/**
 * Staff covering the case see everything; its logged-in reporter sees their own; everyone else the
 * public view — and a case the public may not see (hidden, invalid, merged) is a 404 for them.
 */
export async function viewOf(db: Kysely<DB>, p: Principal, c: CaseArea & { hidden: boolean; status: string; reporter_id: number | null }, id: number): Promise<View> {
  if (p.user && (await allows(db, p, 'hazards.handle', targetOf(c)))) return 'staff';
  if (p.user && c.reporter_id === p.user.id) return 'reporter';
  if (!isPubliclyVisible(c)) throw notFound(`hazard case ${id} does not exist`);
  return 'public';
}

/** The role of the grant that lets this principal do `action` on the case (for the event log). */
export async function actingRole(db: Kysely<DB>, p: Principal, action: Action, c: CaseArea): Promise<string> {
  const t = targetOf(c);
  const chain = 'areaId' in t ? ((await selfAndAncestorIds(db, t.areaId)) ?? []) : [];
  const g = p.grants.find((x) => scopeOf(x.role, action) && (x.areaId === null || chain.includes(x.areaId)));
  return g?.role ?? (p.user ? 'user' : 'public');
}

/** Areas where the principal may handle cases (its staff grants), for "my queue". */
export function areasFor(p: Principal, action: Action): number[] | null {
  const gs = p.grants.filter((g) => scopeOf(g.role, action) === 'jurisdiction');
  if (gs.some((g) => g.areaId === null)) return null; // everywhere
  return [...new Set(gs.map((g) => g.areaId as number))];
}
