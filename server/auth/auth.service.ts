/** Who am I: the user, their grants (with area names) and the actions the UI may offer. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { grantsOf, type GrantRow } from '../users/users.repository.ts';
import { actionsOf } from './permissions.ts';
import type { Principal } from './principal.ts';

export function grantView(g: GrantRow) {
  return {
    id: g.id,
    role: g.role,
    area: g.area_id === null ? null : { id: g.area_id, code: g.area_code, name: g.area_name, level: g.area_level },
    householdId: g.household_id,
    grantedAt: new Date(g.granted_at).toISOString(),
    ...(g.revoked_at ? { revokedAt: new Date(g.revoked_at).toISOString() } : {}),
  };
}

export async function me(db: Kysely<DB>, p: Principal) {
  const grants = p.user ? await grantsOf(db, [p.user.id]) : [];
  return {
    user: p.user,
    grants: grants.map(grantView),
    actions: actionsOf(p.grants.map((g) => g.role)),
  };
}
