/**
 * The server's worker processes (server/main.ts): on PostgreSQL, two workers share the port and a
 * place edit through one shows in the other's finder at once (the primary relays it), although
 * each holds the places for ten minutes here. The embedded database refuses more than one worker.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createTestUser, places } from '../support/accounts.ts';
import { backendName, openTestDatabase } from '../support/api.ts';

const root = path.resolve(import.meta.dirname, '..', '..');

/** A GET on a fresh connection (no keep-alive), so the cluster hands it to the next worker. */
function getFresh(url: string): Promise<any> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

describe(`the server's worker processes (${backendName()})`, () => {
  if (backendName() !== 'postgres') {
    it('the embedded database refuses more than one worker, naming the setting', () => {
      expect(() => loadConfig({ WORKERS: '2' })).toThrow(/WORKERS=2 needs DATABASE_URL/);
      expect(loadConfig({}).workers).toBe(1);
      // PostgreSQL: one per core by default (at most 4); 0 is refused; overrides decide the backend.
      const cores = loadConfig({ DATABASE_URL: 'postgres://h/db' }).workers;
      expect(cores).toBeGreaterThanOrEqual(1);
      expect(cores).toBeLessThanOrEqual(4);
      expect(() => loadConfig({ DATABASE_URL: 'postgres://h/db', WORKERS: '0' })).toThrow(/WORKERS=0/);
      expect(loadConfig({ DATABASE_URL: 'postgres://h/db' }, { databaseUrl: null }).workers).toBe(1);
    });
    return;
  }

  let child: ChildProcess | null = null;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('two workers share the port; a place edited through one is at once in the finder of the other', async () => {
    const database = await openTestDatabase();
    try {
      const db = database.db;
      const at = await places(db);
      const user = await createTestUser(db, [{ role: 'community_staff', areaId: at.communityA }], 'workerstaff');
      const [mine] = (await sql<{ id: number; x: number; y: number }>`
        select p.id, ST_X(p.geom) x, ST_Y(p.geom) y from places p
        where p.area_id in (select id from areas where id = ${at.communityA} or parent_id = ${at.communityA}) order by p.id`.execute(db)).rows;
      expect(mine).toBeDefined();
      await sql`update places set opening_hours = 'Mo-Su 00:00-24:00' where id = ${mine.id}`.execute(db);

      const port = 19000 + Math.floor(Math.random() * 900);
      const base = `http://127.0.0.1:${port}`;
      child = fork(path.join(root, 'server/main.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, WORKERS: '2', PORT: String(port), HOST: '127.0.0.1', LOG_REQUESTS: '0', FINDER_PLACES_MAX_AGE_MS: '600000', WEB_DIR: '/nonexistent' },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      await new Promise((resolve, reject) => {
        child!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
        child!.on('message', (m: any) => m?.ready && resolve(null));
      });
      const finder = `${base}/api/places/nearest?lon=${mine.x}&lat=${mine.y}&limit=1&open_at=2026-11-18T10:00:00%2B08:00`;
      // Both workers hold the places (fresh connections alternate between them).
      for (let i = 0; i < 6; i++) expect((await getFresh(finder)).results[0]?.place.id).toBe(mine.id);

      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ login: user.username, password: user.password }) });
      expect(login.status).toBe(200);
      const sid = /sid=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
      const page = await (await fetch(`${base}/api/places/${mine.id}`)).json();
      const edit = await fetch(`${base}/api/places/${mine.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', origin: base, cookie: sid }, body: JSON.stringify({ version: page.version, openingHours: 'off' }) });
      expect(edit.status).toBe(200);
      for (let i = 0; i < 6; i++) expect((await getFresh(finder)).results[0]?.place.id).not.toBe(mine.id);
    } finally {
      await database.close();
    }
  });
});
