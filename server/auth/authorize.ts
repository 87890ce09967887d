/**
 * The one place that decides: may this principal perform this action (on this target)?
 * Every route calls `authorize` — first without a target (role check, before parsing input), then
 * with the area, household or grant it is about (scope check).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import { householdUnitId, selfAndAncestorIds } from './jurisdiction.repository.ts';
import { scopeOf, type Action, type GrantableRole, type Scope } from './permissions.ts';
import type { Grant, Principal } from './principal.ts';

export type Target =
  | { areaId: number }
  | { householdId: number }
  /** Everything at once (e.g. the whole audit log): needs a scope without an area limit. */
  | { everywhere: true }
  /** Granting or managing a grant: the grant's own area or household must lie inside. */
  | { grant: { role: GrantableRole; areaId: number | null; householdId: number | null } };

interface Candidate {
  scope: Scope;
  grant: Grant | null;
}

function candidates(p: Principal, action: Action): Candidate[] {
  const out: Candidate[] = [];
  const pub = scopeOf('public', action);
  if (pub) out.push({ scope: pub, grant: null });
  for (const g of p.grants) {
    const scope = scopeOf(g.role, action);
    if (scope) out.push({ scope, grant: g });
  }
  return out;
}

const unlimited = (c: Candidate) => c.scope === 'any' || (c.scope === 'jurisdiction' && c.grant !== null && c.grant.areaId === null);

const covers = (c: Candidate, chain: number[]) =>
  unlimited(c) || (c.scope === 'jurisdiction' && c.grant !== null && c.grant.areaId !== null && chain.includes(c.grant.areaId));

/** Why not, or null when allowed. Errors are the responses: nothing about other jurisdictions leaks. */
async function check(db: Kysely<DB>, p: Principal, action: Action, target?: Target) {
  const cs = candidates(p, action);
  if (!cs.length) {
    return p.user ? forbidden(`your roles do not allow ${action}`) : unauthorized(`log in to ${action}`);
  }
  if (!target || cs.some((c) => c.scope === 'any')) return null;

  if ('areaId' in target) {
    const chain = await selfAndAncestorIds(db, target.areaId);
    if (!chain) return notFound(`area ${target.areaId} does not exist`);
    return cs.some((c) => covers(c, chain)) ? null : forbidden(`area ${target.areaId} is outside your jurisdiction`);
  }

  if ('householdId' in target) {
    // Outside the jurisdiction looks exactly like a household that does not exist.
    const hidden = notFound(`household ${target.householdId} does not exist`);
    if (cs.some((c) => c.scope === 'own' && c.grant?.householdId === target.householdId)) return null;
    const unit = await householdUnitId(db, target.householdId);
    if (unit === null) return hidden;
    const chain = (await selfAndAncestorIds(db, unit)) ?? [];
    return cs.some((c) => covers(c, chain)) ? null : hidden;
  }

  if ('everywhere' in target) {
    return cs.some(unlimited) ? null : forbidden(`${action} without an area needs a role without a jurisdiction limit; give an area`);
  }

  const g = target.grant;
  const outside = forbidden(`a ${g.role} grant there is outside your jurisdiction`);
  if (g.householdId !== null) {
    const hidden = notFound(`household ${g.householdId} does not exist`);
    const unit = await householdUnitId(db, g.householdId);
    if (unit === null) return hidden;
    const chain = (await selfAndAncestorIds(db, unit)) ?? [];
    return cs.some((c) => covers(c, chain)) ? null : hidden;
  }
  if (g.areaId !== null) {
    const chain = await selfAndAncestorIds(db, g.areaId);
    if (!chain) return notFound(`area ${g.areaId} does not exist`);
    return cs.some((c) => covers(c, chain)) ? null : outside;
  }
  // An unscoped grant (rider; admin everywhere): riders see nothing personal, so any manager may
  // grant it; an unscoped admin grant needs an unscoped manager.
  if (g.role === 'rider') return null;
  return cs.some(unlimited) ? null : forbidden(`only an admin without a jurisdiction limit can grant ${g.role} everywhere`);
}

/**
 * Throws 401 (anonymous), 403 (role or jurisdiction), or 404 (a household outside the
 * jurisdiction, indistinguishable from one that does not exist) unless allowed.
 */
export async function authorize(db: Kysely<DB>, p: Principal, action: Action, target?: Target): Promise<void> {
  const denied = await check(db, p, action, target);
  if (denied) throw denied;
}

/** The same decision without throwing, for optional extras (e.g. exact counts for staff). */
export async function allows(db: Kysely<DB>, p: Principal, action: Action, target?: Target): Promise<boolean> {
  return (await check(db, p, action, target)) === null;
}
