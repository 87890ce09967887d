/**
 * Accounts for API tests: users with given grants (unique names per run, since the PostgreSQL test
 * database keeps its users), log-in helpers, and the places of the dataset the tests act on.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { ANONYMOUS } from '../../server/auth/principal.ts';
import type { DB } from '../../server/db/types.ts';
import type { GrantInput } from '../../server/users/users.schema.ts';
import { createUser } from '../../server/users/users.service.ts';
import type { ApiContext } from './api.ts';

export interface TestUser {
  id: number;
  username: string;
  password: string;
}

const run = crypto.randomBytes(3).toString('hex');
let n = 0;

export async function createTestUser(db: Kysely<DB>, grants: GrantInput[], name = 'u'): Promise<TestUser> {
  const username = `t${run}-${name.replace(/[^A-Za-z0-9]/g, '')}-${++n}`;
  const password = crypto.randomBytes(12).toString('base64url');
  const actor = { principal: ANONYMOUS, origin: { ip: 'test', userAgent: 'vitest' }, at: new Date() };
  const u = await createUser(db, actor, { username, displayName: username, password, grants }, { check: false });
  return { id: u.id, username, password };
}

/** The `sid=…` cookie from a response, or null. */
export function sidOf(headers: Headers): string | null {
  let sid: string | null = null;
  for (const c of headers.getSetCookie()) {
    const m = /^sid=([^;]*)/.exec(c);
    if (m) sid = m[1] ? `sid=${m[1]}` : null; // the last one wins, as in a browser
  }
  return sid;
}

export async function loginAs(api: ApiContext, u: { username: string; password: string }): Promise<string> {
  const r = await api.send('POST', '/api/auth/login', { login: u.username, password: u.password });
  if (r.status !== 200) throw new Error(`login ${u.username}: ${r.status} ${JSON.stringify(r.body)}`);
  const sid = sidOf(r.headers);
  if (!sid) throw new Error(`login ${u.username}: no sid cookie`);
  return sid;
}

export interface Places {
  street: number;
  communityA: number;
  communityB: number;
  gridA: number;
  gridB: number;
  unitA: number;
  householdA: number;
  householdB: number;
  /** A member name and phone of householdA, to look for in answers that must not contain them. */
  memberA: { name: string; phone: string };
}

/** Two communities with households (A and B) and a grid, unit and household in each. */
export async function places(db: Kysely<DB>): Promise<Places> {
  const q = async <T>(s: ReturnType<typeof sql<T>>) => (await s.execute(db)).rows;
  const comms = await q<{ id: number; parent_id: number }>(sql`select id, parent_id from areas where level = 'community' and households > 0 order by code limit 2`);
  if (comms.length < 2) throw new Error('the test dataset needs two communities with households');
  const inComm = async (c: number) =>
    (
      await q<{ grid: number; unit: number; household: number }>(sql`
        select g.id grid, u.id unit, h.id household from areas g join areas u on u.parent_id = g.id join households h on h.unit_id = u.id
        where g.parent_id = ${c} and exists (select 1 from household_members m where m.household_id = h.id and m.phone is not null
          and not exists (select 1 from responsible_people p where p.name = m.name or p.phone = m.phone))
        order by g.code, u.code, h.code limit 1`)
    )[0];
  const a = await inComm(comms[0].id);
  const b = await inComm(comms[1].id);
  // A member who is not also a public contact (楼栋长 etc. are listed with name and phone on purpose).
  const [m] = await q<{ name: string; phone: string }>(sql`
    select m.name, m.phone from household_members m where m.household_id = ${a.household} and m.phone is not null
      and not exists (select 1 from responsible_people p where p.name = m.name or p.phone = m.phone)
    order by m.id limit 1`);
  if (!m) throw new Error(`household ${a.household} has no member who is not a public contact`);
  return { street: comms[0].parent_id, communityA: comms[0].id, communityB: comms[1].id, gridA: a.grid, gridB: b.grid, unitA: a.unit, householdA: a.household, householdB: b.household, memberA: m };
}
