/**
 * API test context: `createApp(config)` over a real database (PGlite from the snapshot, or the
 * PostgreSQL in TEST_DATABASE_URL), listening on a free loopback port.
 */
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDatabase, type Database } from '../../server/db/database.ts';
import { openSnapshot } from './snapshot.ts';

export interface ApiContext {
  database: Database;
  base: string;
  get<T = any>(path: string): Promise<{ status: number; body: T }>;
  send<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export const backendName = () => (process.env.TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite');

export async function openTestDatabase(): Promise<Database> {
  if (backendName() === 'postgres') return createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, dbDir: null });
  return openSnapshot(inject('snapshot' as never) as string);
}

export async function startApi(): Promise<ApiContext> {
  const database = await openTestDatabase();
  const config = loadConfig({}, { dbDir: null, autoSeed: false, webDir: '/nonexistent' });
  const app = createApp({ config, db: database.db, backend: database.backend });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed };
  };
  return {
    database,
    base,
    get: (p) => send('GET', p),
    send,
    close: async () => {
      await new Promise((r) => server.close(r));
      await database.close();
    },
  };
}
