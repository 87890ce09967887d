/**
 * Account administration: admins create staff and grant or revoke roles (a scoped admin only inside
 * its jurisdiction), grants are revoked never deleted, every write is audited; demo accounts and
 * `npm run user:create`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../server/db/database.ts';
import { createDemoAccounts } from '../../server/users/demo-accounts.ts';
import { createTestUser, loginAs, places, type Places } from '../support/accounts.ts';
import { backendName, startApi, type ApiContext } from '../support/api.ts';
import { root } from '../support/snapshot.ts';

let api: ApiContext;
let at: Places;
let admin: string;
let adminA: string;
let staffA: string;
const uniq = () => `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const staff = (grants: unknown[], extra: Record<string, unknown> = {}) => ({ username: uniq(), displayName: '王伟', password: 'a-long-password', grants, ...extra });

beforeAll(async () => {
  api = await startApi();
  at = await places(api.database.db);
  const db = api.database.db;
  admin = await loginAs(api, await createTestUser(db, [{ role: 'admin' }], 'root'));
  adminA = await loginAs(api, await createTestUser(db, [{ role: 'admin', areaId: at.communityA }], 'admina'));
  staffA = await loginAs(api, await createTestUser(db, [{ role: 'community_staff', areaId: at.communityA }], 'staffa'));
});
afterAll(async () => {
  await api?.close();
});

describe(`admin API (${backendName()})`, () => {
  it('creates a staff account that can log in and work in its jurisdiction', async () => {
    const body = staff([{ role: 'grid_worker', areaId: at.gridA }]);
    const r = await api.send('POST', '/api/users', body, { cookie: admin });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ username: body.username, disabled: false, grants: [{ role: 'grid_worker', area: { id: at.gridA } }] });
    expect(JSON.stringify(r.body)).not.toMatch(/password|argon2/);
    const sid = await loginAs(api, { username: body.username, password: body.password });
    expect((await api.get(`/api/areas/${at.gridA}/households?limit=1`, { cookie: sid })).status).toBe(200);
  });

  it('refuses bad accounts and grants with a message naming the problem', async () => {
    const cases: [unknown, number, RegExp][] = [
      [staff([{ role: 'grid_worker' }]), 400, /needs areaId/],
      [staff([{ role: 'grid_worker', areaId: at.unitA }]), 400, /is a unit/],
      [staff([{ role: 'rider', areaId: at.gridA }]), 400, /rider grant has no area/],
      [staff([{ role: 'grid_worker', areaId: 2147483647 }]), 404, /area 2147483647/],
      [staff([{ role: 'public' }]), 400, /role/],
      [staff([]), 400, /at least one role/],
      [{ ...staff([{ role: 'rider' }]), password: 'short' }, 400, /at least 10/],
      [{ ...staff([{ role: 'rider' }]), username: '13800000000' }, 400, /starting with a letter/],
    ];
    for (const [body, status, msg] of cases) {
      const r = await api.send('POST', '/api/users', body, { cookie: admin });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.message).toMatch(msg);
    }
    const dup = staff([{ role: 'rider' }]);
    expect((await api.send('POST', '/api/users', dup, { cookie: admin })).status).toBe(201);
    const again = await api.send('POST', '/api/users', { ...dup, username: dup.username.toUpperCase() }, { cookie: admin });
    expect(again.status).toBe(409);
  });

  it('keeps a scoped admin inside its jurisdiction', async () => {
    expect((await api.send('POST', '/api/users', staff([{ role: 'grid_worker', areaId: at.gridA }]), { cookie: adminA })).status).toBe(201);
    expect((await api.send('POST', '/api/users', staff([{ role: 'rider' }]), { cookie: adminA })).status).toBe(201);
    const outside = await api.send('POST', '/api/users', staff([{ role: 'grid_worker', areaId: at.gridB }]), { cookie: adminA });
    expect(outside.status).toBe(403);
    expect((await api.send('POST', '/api/users', staff([{ role: 'street_staff', areaId: at.street }]), { cookie: adminA })).status).toBe(403);
    expect((await api.send('POST', '/api/users', staff([{ role: 'admin' }]), { cookie: adminA })).status).toBe(403);
    expect((await api.send('POST', '/api/users', staff([{ role: 'resident', householdId: at.householdB }]), { cookie: adminA })).status).toBe(404);

    const b = (await api.send('POST', '/api/users', staff([{ role: 'grid_worker', areaId: at.gridB }]), { cookie: admin })).body;
    expect((await api.send('PATCH', `/api/users/${b.id}`, { disabled: true }, { cookie: adminA })).status).toBe(403);
    expect((await api.send('DELETE', `/api/users/${b.id}/grants/${b.grants[0].id}`, undefined, { cookie: adminA })).status).toBe(403);
    expect((await api.send('POST', `/api/users/${b.id}/grants`, { role: 'planner', areaId: at.street }, { cookie: adminA })).status).toBe(403);
    expect((await api.get(`/api/users?area=${at.communityB}`, { cookie: adminA })).status).toBe(403);
    expect((await api.get(`/api/users`, { cookie: adminA })).status).toBe(403);
    const list = await api.get(`/api/users?area=${at.communityA}&limit=200`, { cookie: adminA });
    expect(list.status).toBe(200);
    expect(list.body.users.some((u: any) => u.id === b.id)).toBe(false);
    expect(list.body.users.length).toBeGreaterThan(0);
    expect((await api.get(`/api/users`, { cookie: admin })).status).toBe(200);
  });

  it('revokes a grant (kept, never deleted) and the access ends at once', async () => {
    const body = staff([{ role: 'grid_worker', areaId: at.gridA }]);
    const u = (await api.send('POST', '/api/users', body, { cookie: admin })).body;
    const sid = await loginAs(api, body);
    expect((await api.get(`/api/households/${at.householdA}`, { cookie: sid })).status).toBe(200);
    const r = await api.send('DELETE', `/api/users/${u.id}/grants/${u.grants[0].id}`, undefined, { cookie: adminA });
    expect(r.status).toBe(200);
    expect(r.body.grants).toEqual([]);
    expect((await api.get(`/api/households/${at.householdA}`, { cookie: sid })).status).toBe(403);
    const row = await api.database.db.selectFrom('role_grants').selectAll().where('id', '=', u.grants[0].id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    expect(row.revoked_by).not.toBeNull();
    await expect(sql`delete from role_grants where id = ${row.id}`.execute(api.database.db)).rejects.toThrow(/revoke it/);
    expect((await api.send('DELETE', `/api/users/${u.id}/grants/${u.grants[0].id}`, undefined, { cookie: admin })).status).toBe(404);
    const again = await api.send('POST', `/api/users/${u.id}/grants`, { role: 'grid_worker', areaId: at.gridA }, { cookie: adminA });
    expect(again.status).toBe(201);
  });

  it('a new password or disabling ends sessions; an admin cannot disable itself', async () => {
    const body = staff([{ role: 'grid_worker', areaId: at.gridA }]);
    const u = (await api.send('POST', '/api/users', body, { cookie: admin })).body;
    const sid = await loginAs(api, body);
    expect((await api.send('PATCH', `/api/users/${u.id}`, { password: 'another-long-one' }, { cookie: admin })).status).toBe(200);
    expect((await api.get('/api/auth/me', { cookie: sid })).body.user).toBeNull();
    await loginAs(api, { username: body.username, password: 'another-long-one' });
    const me = (await api.get('/api/auth/me', { cookie: admin })).body.user;
    expect((await api.send('PATCH', `/api/users/${me.id}`, { disabled: true }, { cookie: admin })).status).toBe(400);
  });

  it('audits every write with who, what and where; staff of the area see it', async () => {
    const body = staff([{ role: 'grid_worker', areaId: at.gridA }]);
    const u = (await api.send('POST', '/api/users', body, { cookie: adminA })).body;
    await api.send('DELETE', `/api/users/${u.id}/grants/${u.grants[0].id}`, undefined, { cookie: adminA });
    const log = (await api.get(`/api/audit?area=${at.communityA}&limit=500`, { cookie: staffA })).body.entries;
    const about = log.filter((e: any) => e.targetType === 'user' && e.targetId === String(u.id));
    expect(about.map((e: any) => e.action).sort()).toEqual(['grants.create', 'grants.revoke', 'users.create']);
    for (const e of about) expect(e).toMatchObject({ actor: { username: expect.stringMatching(/admina/) }, ip: api.ip, areaId: at.gridA });
    const logins = (await api.get('/api/audit?action=auth.login&limit=5', { cookie: admin })).body.entries;
    expect(logins.length).toBeGreaterThan(0);
  });
});

describe(`demo accounts and user:create (${backendName()})`, () => {
  it('creates one demo account per role with a random password, stored hashed', async () => {
    const accounts = await createDemoAccounts(api.database.db);
    for (const a of accounts) {
      expect(a.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      const sid = await loginAs(api, a);
      const me = (await api.get('/api/auth/me', { cookie: sid })).body;
      expect(me.grants.map((g: any) => g.role)).toEqual([a.role]);
      const stored = await sql<{ n: number }>`select count(*)::int n from users where password_hash like ${'%' + a.password + '%'}`.execute(api.database.db);
      expect(stored.rows[0].n).toBe(0);
    }
    if (backendName() === 'pglite') expect(accounts.map((a) => a.role).sort()).toEqual(['admin', 'community_staff', 'grid_worker', 'planner', 'resident', 'rider', 'street_staff']);
  });

  it('npm run user:create needs a password from the environment or a prompt, never a default', async () => {
    const run = promisify(execFile);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-usercreate-'));
    const name = `root${Date.now().toString(36)}`;
    const env = { ...process.env, AUTO_SEED: '0', ...(backendName() === 'postgres' ? { DATABASE_URL: process.env.TEST_DATABASE_URL! } : { DB_DIR: dir, DATABASE_URL: '' }) };
    const script = [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/user-create.ts'), '--role', 'admin', '--username', name];
    const noPw = await run(process.execPath, script, { env: { ...env, USER_PASSWORD: '' }, cwd: root }).catch((e) => e);
    expect(noPw.code).toBe(1);
    expect(noPw.stderr).toMatch(/USER_PASSWORD/);
    const ok = await run(process.execPath, script, { env: { ...env, USER_PASSWORD: 'first-admin-password' }, cwd: root });
    expect(ok.stdout).toMatch(new RegExp(`created ${name} \\(id \\d+\\) as admin`));
    if (backendName() === 'postgres') {
      await loginAs(api, { username: name, password: 'first-admin-password' });
    } else {
      const d = await createDatabase({ databaseUrl: null, dbDir: dir });
      const r = await sql<{ h: string }>`select password_hash h from users where username = ${name}`.execute(d.db);
      await d.close();
      expect(r.rows[0].h).toMatch(/^\$argon2id\$/);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
