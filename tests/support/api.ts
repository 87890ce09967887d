/**
 * API test context: `createApp(config)` over a real database (PGlite from the snapshot, or the
 * PostgreSQL in TEST_DATABASE_URL), listening on a free loopback port.
 * Requests come from a random client IP per context (X-Forwarded-For, trusted from loopback), so
 * log-in limits of one test file never meet another's; unsafe methods send this site's Origin.
 */
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { createDatabase, type Database } from '../../server/db/database.ts';
import { openSnapshot } from './snapshot.ts';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** `sid=…` cookie header value (or any Cookie header). */
  cookie?: string;
  /** Extra headers; `origin: null` sends none. */
  headers?: Record<string, string | null>;
}

export interface ApiContext {
  database: Database;
  base: string;
  /** The client IP this context's requests come from. */
  ip: string;
  get<T = any>(path: string, opts?: RequestOptions): Promise<Reply<T>>;
  send<T = any>(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<Reply<T>>;
  request<T = any>(method: string, path: string, opts?: RequestOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

export const backendName = () => (process.env.TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite');

export async function openTestDatabase(): Promise<Database> {
  if (backendName() === 'postgres') return createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, dbDir: null });
  return openSnapshot(inject('snapshot' as never) as string);
}

export const randomIp = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;

export async function startApi(opts: { config?: Partial<Config>; now?: () => Date } = {}): Promise<ApiContext> {
  const database = await openTestDatabase();
  const config = loadConfig({}, { dbDir: null, autoSeed: false, webDir: '/nonexistent', trustProxy: 'loopback', ...opts.config });
  const app = createApp({ config, db: database.db, backend: database.backend, now: opts.now });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ip = randomIp();
  const request = async (method: string, path: string, o: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { 'x-forwarded-for': ip };
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) headers.origin = base;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.cookie) headers.cookie = o.cookie;
    for (const [k, v] of Object.entries(o.headers ?? {})) {
      if (v === null) delete headers[k.toLowerCase()];
      else headers[k.toLowerCase()] = v;
    }
    const res = await fetch(base + path, {
      method,
      headers,
      body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    database,
    base,
    ip,
    get: (p, o) => request('GET', p, o),
    send: (method, p, body, o) => request(method, p, { ...o, body }),
    request,
    close: async () => {
      await new Promise((r) => server.close(r));
      await database.close();
    },
  };
}
