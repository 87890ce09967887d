/**
 * Demo accounts, one per role, for the sample on the embedded default only: random passwords,
 * stored hashed, printed once when the sample is first loaded.
 */
import { sql, type Kysely } from 'kysely';
import { GRANTABLE_ROLES, type GrantableRole } from '../auth/permissions.ts';
import { randomPassword } from '../auth/password.ts';
import { ANONYMOUS } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import type { GrantInput } from './users.schema.ts';
import { createUser } from './users.service.ts';

export interface DemoAccount {
  role: GrantableRole;
  username: string;
  password: string;
  where: string;
}

/** The first grid (by code) with households, its community and street, and one of its households. */
async function demoPlaces(db: Kysely<DB>) {
  const r = await sql<{ street: number; community: number; grid: number; grid_name: string; community_name: string; street_name: string; household: number }>`
    select s.id street, c.id community, g.id grid, g.name grid_name, c.name community_name, s.name street_name,
      (select h.id from households h join areas u on u.id = h.unit_id where u.parent_id = g.id order by h.code limit 1) household
    from areas g join areas c on c.id = g.parent_id join areas s on s.id = c.parent_id
    where g.level = 'grid' and g.households > 0 order by g.code limit 1`.execute(db);
  return r.rows[0];
}

export async function createDemoAccounts(db: Kysely<DB>): Promise<DemoAccount[]> {
  const at = await demoPlaces(db);
  if (!at) return [];
  const plan: Record<GrantableRole, [GrantInput, string]> = {
    resident: [{ role: 'resident', householdId: at.household }, `household ${at.household} in ${at.grid_name}`],
    rider: [{ role: 'rider' }, 'no jurisdiction'],
    grid_worker: [{ role: 'grid_worker', areaId: at.grid }, at.grid_name],
    community_staff: [{ role: 'community_staff', areaId: at.community }, at.community_name],
    street_staff: [{ role: 'street_staff', areaId: at.street }, at.street_name],
    planner: [{ role: 'planner', areaId: at.street }, at.street_name],
    admin: [{ role: 'admin' }, 'everywhere'],
  };
  const actor = { principal: ANONYMOUS, origin: { ip: 'local', userAgent: 'boot: demo accounts' }, at: new Date() };
  const out: DemoAccount[] = [];
  for (const role of GRANTABLE_ROLES) {
    const username = `demo-${role}`;
    const exists = await db.selectFrom('users').select('id').where(sql`lower(username)`, '=', username).executeTakeFirst();
    if (exists) continue;
    const password = randomPassword();
    const [grant, where] = plan[role];
    await createUser(db, actor, { username, displayName: `演示 ${role}`, password, grants: [grant] }, { check: false });
    out.push({ role, username, password, where });
  }
  return out;
}

export function printDemoAccounts(accounts: DemoAccount[]): void {
  if (!accounts.length) return;
  console.log('\ndemo accounts (shown once; only their hashes are stored):');
  for (const a of accounts) console.log(`  ${a.username.padEnd(22)} ${a.password}   ${a.role} · ${a.where}`);
  console.log('');
}
