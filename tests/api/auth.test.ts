/**
 * Log-in, sessions and their expiry on the app clock, log-out, fixation, CSRF, brute-force limits,
 * security headers.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, loginAs, places, sidOf, type TestUser } from '../support/accounts.ts';
import { backendName, randomIp, startApi, type ApiContext } from '../support/api.ts';

let api: ApiContext;
let clock = Date.now();
let worker: TestUser;
let admin: TestUser;
const minutes = (m: number) => (clock += m * 60_000);

beforeAll(async () => {
  api = await startApi({ now: () => new Date(clock), config: { sessionIdleS: 600, sessionAbsoluteS: 1800 } });
  const at = await places(api.database.db);
  worker = await createTestUser(api.database.db, [{ role: 'grid_worker', areaId: at.gridA }], 'worker');
  admin = await createTestUser(api.database.db, [{ role: 'admin' }], 'admin');
});
afterAll(async () => {
  await api?.close();
});

const me = async (cookie?: string) => (await api.get('/api/auth/me', { cookie })).body;
const login = (name: string, password: string, ip?: string) =>
  api.send('POST', '/api/auth/login', { login: name, password }, ip ? { headers: { 'x-forwarded-for': ip } } : {});

describe(`log-in and sessions (${backendName()})`, () => {
  it('logs in by user name or phone; the cookie is HttpOnly, SameSite=Lax, Secure only over TLS', async () => {
    const phone = `139${crypto.randomInt(10_000_000, 99_999_999)}`;
    await api.database.db.updateTable('users').set({ phone }).where('id', '=', worker.id).execute();
    const r = await login(worker.username.toUpperCase(), worker.password);
    expect(r.status).toBe(200);
    expect(r.body.user.username).toBe(worker.username);
    expect(r.body.grants[0]).toMatchObject({ role: 'grid_worker' });
    expect(r.body.actions).toContain('households.read');
    const cookie = r.headers.getSetCookie().find((c) => c.startsWith('sid='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect((await me(sidOf(r.headers)!)).user.username).toBe(worker.username);

    const byPhone = await login(phone, worker.password);
    expect(byPhone.status).toBe(200);
    const tls = await api.send('POST', '/api/auth/login', { login: worker.username, password: worker.password }, { headers: { 'x-forwarded-proto': 'https', origin: api.base.replace('http:', 'https:') } });
    expect(tls.headers.getSetCookie().find((c) => c.startsWith('sid='))).toMatch(/Secure/);
  });

  it('stores an argon2id hash and only a SHA-256 of the session token', async () => {
    const sid = await loginAs(api, worker);
    const token = sid.slice(4);
    const u = await api.database.db.selectFrom('users').select('password_hash').where('id', '=', worker.id).executeTakeFirstOrThrow();
    expect(u.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const rows = await api.database.db.selectFrom('sessions').select('id_hash').where('user_id', '=', worker.id).execute();
    expect(rows.map((x) => x.id_hash)).toContain(crypto.createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const wrong = await login(worker.username, 'not-the-password', randomIp());
    const unknown = await login(`nobody-${crypto.randomUUID().slice(0, 8)}`, 'not-the-password', randomIp());
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    // Both pay for one argon2 verification (timing): the unknown one is not much faster.
    const time = async (name: string) => {
      const t = performance.now();
      await login(name, 'still-wrong', randomIp());
      return performance.now() - t;
    };
    const a = Math.min(await time(worker.username), await time(worker.username), await time(worker.username));
    const ghost = `nobody-${crypto.randomUUID().slice(0, 8)}`;
    const b = Math.min(await time(ghost), await time(ghost), await time(ghost));
    expect(b).toBeGreaterThan(a * 0.3);
  });

  it('ends a session after idle time and after its absolute lifetime (app clock)', async () => {
    const idle = await loginAs(api, worker);
    minutes(9);
    expect((await me(idle)).user).not.toBeNull();
    minutes(9); // 9 minutes since the last request: still alive (idle 10)
    expect((await me(idle)).user).not.toBeNull();
    minutes(11);
    const gone = await api.get('/api/auth/me', { cookie: idle });
    expect(gone.body.user).toBeNull();
    expect(gone.headers.getSetCookie().some((c) => /^sid=;/.test(c))).toBe(true);

    const busy = await loginAs(api, worker);
    for (let i = 0; i < 3; i++) {
      minutes(8);
      expect((await me(busy)).user).not.toBeNull();
    }
    minutes(7); // 31 minutes after log-in: past the absolute 30 although never idle
    expect((await me(busy)).user).toBeNull();
    const r = await api.get(`/api/households/1`, { cookie: busy });
    expect(r.status).toBe(401);
  });

  it('logs out on the server: the old cookie is dead and the row is gone', async () => {
    const sid = await loginAs(api, worker);
    const out = await api.request('POST', '/api/auth/logout', { cookie: sid });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((c) => /^sid=;/.test(c))).toBe(true);
    expect((await me(sid)).user).toBeNull();
    const hash = crypto.createHash('sha256').update(sid.slice(4)).digest('hex');
    expect(await api.database.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', hash).executeTakeFirst()).toBeUndefined();
  });

  it('rotates the session id at log-in (no fixation)', async () => {
    const planted = `sid=${crypto.randomBytes(32).toString('base64url')}`;
    const r = await api.send('POST', '/api/auth/login', { login: worker.username, password: worker.password }, { cookie: planted });
    const fresh = sidOf(r.headers)!;
    expect(fresh).not.toBe(planted);
    expect((await me(planted)).user).toBeNull();
    expect((await me(fresh)).user.username).toBe(worker.username);
    // Logging in again on a live session replaces it: the earlier id stops working.
    const again = await api.send('POST', '/api/auth/login', { login: worker.username, password: worker.password }, { cookie: fresh });
    const rotated = sidOf(again.headers)!;
    expect(rotated).not.toBe(fresh);
    expect((await me(fresh)).user).toBeNull();
    expect((await me(rotated)).user.username).toBe(worker.username);
  });

  it('disabling an account ends its sessions', async () => {
    const u = await createTestUser(api.database.db, [{ role: 'rider' }], 'rider');
    const sid = await loginAs(api, u);
    const adminSid = await loginAs(api, admin);
    expect((await api.send('PATCH', `/api/users/${u.id}`, { disabled: true }, { cookie: adminSid })).status).toBe(200);
    expect((await me(sid)).user).toBeNull();
    expect((await login(u.username, u.password, randomIp())).status).toBe(401);
  });
});

describe(`CSRF, CORS and headers (${backendName()})`, () => {
  it('refuses state-changing requests from another site', async () => {
    const sid = await loginAs(api, admin);
    const body = { username: 'csrfvictim', displayName: 'x', password: 'long-enough-pw', grants: [{ role: 'rider' }] };
    const evil = await api.send('POST', '/api/users', body, { cookie: sid, headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('FORBIDDEN');
    const referer = await api.send('POST', '/api/users', body, { cookie: sid, headers: { origin: null, referer: 'https://evil.example/page' } });
    expect(referer.status).toBe(403);
    const bare = await api.send('POST', '/api/users', body, { cookie: sid, headers: { origin: null } });
    expect(bare.status).toBe(403);
    expect((await api.send('POST', '/api/auth/logout', undefined, { cookie: sid, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await me(sid)).user).not.toBeNull(); // the forged log-out did nothing
    expect((await api.send('POST', '/api/auth/login', { login: admin.username, password: admin.password }, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    // Same site (Origin or Referer), or a custom header, passes.
    const sameRef = await api.send('PATCH', `/api/users/${admin.id}`, { displayName: 'Admin' }, { cookie: sid, headers: { origin: null, referer: `${api.base}/x` } });
    expect(sameRef.status).toBe(200);
    const xhr = await api.send('PATCH', `/api/users/${admin.id}`, { displayName: 'Admin 2' }, { cookie: sid, headers: { origin: null, 'x-requested-with': 'fetch' } });
    expect(xhr.status).toBe(200);
  });

  it('sends no CORS headers unless configured, and refuses foreign preflights', async () => {
    const r = await api.get('/api/meta', { headers: { origin: 'https://evil.example' } });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await api.request('OPTIONS', '/api/users', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets helmet headers with a CSP fit for MapLibre, and limits JSON bodies', async () => {
    const r = await api.get('/api/meta');
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).toMatch(/img-src 'self' data: blob:/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-powered-by')).toBeNull();
    const big = await api.send('POST', '/api/auth/login', JSON.stringify({ login: 'x', password: 'y'.repeat(1_100_000) }));
    expect(big.status).toBe(413);
  });
});

describe(`brute force (${backendName()})`, () => {
  const tenWrong = async (name: string, ip = randomIp()) => {
    const out = [];
    for (let i = 0; i < 10; i++) out.push(await login(name, `wrong-${i}`, ip));
    return out;
  };

  it('ten wrong passwords in a row give 429 with Retry-After, then the lock lifts', async () => {
    const u = await createTestUser(api.database.db, [{ role: 'rider' }], 'victim');
    const replies = await tenWrong(u.username);
    expect(replies.slice(0, 5).map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(replies.slice(5).map((r) => r.status)).toEqual([429, 429, 429, 429, 429]);
    const retry = Number(replies[9].headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(replies[9].body.error.code).toBe('TOO_MANY_REQUESTS');
    // Locked: even the right password waits (from another IP too).
    expect((await login(u.username, u.password, randomIp())).status).toBe(429);
    const row = await api.database.db.selectFrom('users').select(['locked_until']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    minutes(16);
    expect((await login(u.username, u.password, randomIp())).status).toBe(200);
  });

  it('locks an unknown login name the same way (no account enumeration)', async () => {
    const replies = await tenWrong(`ghost-${crypto.randomUUID().slice(0, 8)}`);
    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect(Number(replies[9].headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits failures per IP across many login names', async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(`spray-${i}-${crypto.randomUUID().slice(0, 6)}`, 'x', ip)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await login(worker.username, worker.password, ip)).status).toBe(429);
    expect((await login(worker.username, worker.password, randomIp())).status).toBe(200);
  });
});

describe(`audit log is append-only (${backendName()})`, () => {
  it('refuses update, delete and truncate', async () => {
    await loginAs(api, worker);
    await expect(sql`update audit_log set action = 'x'`.execute(api.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(api.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(api.database.db)).rejects.toThrow(/append-only/);
  });
});
