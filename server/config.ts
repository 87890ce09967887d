/**
 * Configuration, parsed once from the environment at start-up and frozen.
 * Defaults live in one object; a bad value fails fast with a message naming the variable.
 */
import os from 'node:os';
import path from 'node:path';

export interface Config {
  /** HTTP port for API and web client. */
  port: number;
  host: string;
  /** Real PostgreSQL + PostGIS when set; otherwise the embedded PGlite. */
  databaseUrl: string | null;
  /** PGlite data directory (embedded backend only); null = in memory. */
  dbDir: string | null;
  /** Dataset loaded into an empty embedded database at first start. */
  sampleDir: string;
  /** Load the sample automatically when the embedded database is empty. */
  autoSeed: boolean;
  /** Built web client served under `/`. */
  webDir: string;
  /** Optional external base map: an XYZ raster template or a style URL. */
  basemapUrl: string | null;
  /** Household bands (GB/local practice): grid 200–400, unit 20–30. */
  gridBand: [number, number];
  unitBand: [number, number];
  logRequests: boolean;
  /** Express `trust proxy`: false, true, a hop count or a subnet list ("loopback", "10.0.0.0/8"). */
  trustProxy: boolean | number | string;
  /** Force the `Secure` cookie flag (it is set anyway when the request came over TLS). */
  cookieSecure: boolean;
  /** Sessions end after this long without a request (seconds). */
  sessionIdleS: number;
  /** Sessions end this long after log-in whatever the activity (seconds). */
  sessionAbsoluteS: number;
  /** Wrong passwords in a row before an account (or unknown login name) is locked. */
  loginAccountMaxFailures: number;
  /** Failed log-ins from one IP inside the window before that IP gets 429. */
  loginIpMaxFailures: number;
  /** Window for counting failures and length of a lock-out (seconds). */
  loginWindowS: number;
  /** Origins allowed to call the API cross-origin (CORS, with credentials); empty = closed. */
  corsOrigins: string[];
  /** Extra origins whose state-changing requests pass the CSRF check (e.g. the Vite dev server). */
  trustedOrigins: string[];
  /** Largest JSON request body (bytes). */
  jsonLimitBytes: number;
  /** Create demo accounts (one per role) when the sample is loaded into the embedded database. */
  demoAccounts: boolean;
  /** The public address printed in QR codes on grid signs (scheme://host[:port]); null = the request's own. */
  publicUrl: string | null;
  /**
   * The finder searches the places held in memory, re-checked against the database at most this
   * often (ms) and at once after this server's own writes; 0 = read them from the database (KNN
   * SQL) on every request.
   */
  finderPlacesMaxAgeMs: number;
  /**
   * HTTP worker processes (node:cluster) sharing the port. Default: one per core (at most 4) on
   * PostgreSQL, 1 on the embedded database, which lives inside one process.
   */
  workers: number;
}

const root = path.resolve(import.meta.dirname, '..');

export const defaults: Config = Object.freeze({
  port: 8080,
  host: '0.0.0.0',
  databaseUrl: null,
  dbDir: path.join(root, 'var', 'db'),
  sampleDir: path.join(root, 'data', 'sample'),
  autoSeed: true,
  webDir: path.join(root, 'dist', 'web'),
  basemapUrl: null,
  gridBand: [200, 400] as [number, number],
  unitBand: [20, 30] as [number, number],
  logRequests: false,
  trustProxy: false,
  cookieSecure: false,
  sessionIdleS: 30 * 60,
  sessionAbsoluteS: 12 * 3600,
  loginAccountMaxFailures: 5,
  loginIpMaxFailures: 30,
  loginWindowS: 15 * 60,
  corsOrigins: [],
  trustedOrigins: [],
  jsonLimitBytes: 1024 * 1024,
  demoAccounts: true,
  publicUrl: null,
  finderPlacesMaxAgeMs: 1000,
  workers: 1,
});

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`config: ${name}=${raw} is not a non-negative integer`);
  return n;
}

function band(env: NodeJS.ProcessEnv, name: string, fallback: [number, number]): [number, number] {
  const raw = env[name];
  if (!raw) return fallback;
  const m = /^(\d+)-(\d+)$/.exec(raw);
  if (!m || Number(m[1]) >= Number(m[2])) throw new Error(`config: ${name}=${raw} must look like 200-400`);
  return [Number(m[1]), Number(m[2])];
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const n = int(env, name, fallback);
  if (n === 0) throw new Error(`config: ${name}=0 must be at least 1`);
  return n;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new Error(`config: ${name}=${raw} must be 1/true/yes or 0/false/no`);
}

/** Comma-separated origins like `https://grid.example.cn`; each must be scheme://host[:port]. */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name];
  if (!raw) return [];
  return raw.split(',').map((o) => o.trim()).filter(Boolean).map((o) => {
    if (!/^https?:\/\/[^/\s]+$/.test(o)) throw new Error(`config: ${name} entry "${o}" must look like https://host[:port]`);
    return o.toLowerCase();
  });
}

function trustProxy(env: NodeJS.ProcessEnv): boolean | number | string {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** Parse configuration from an environment (default: process.env), with optional overrides for tests. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dbDirRaw = env.DB_DIR;
  const cfg: Config = {
    port: int(env, 'PORT', defaults.port),
    host: env.HOST || defaults.host,
    databaseUrl: env.DATABASE_URL || null,
    dbDir: dbDirRaw === undefined || dbDirRaw === '' ? defaults.dbDir : dbDirRaw === 'memory' ? null : path.resolve(dbDirRaw),
    sampleDir: env.SAMPLE_DIR ? path.resolve(env.SAMPLE_DIR) : defaults.sampleDir,
    autoSeed: env.AUTO_SEED ? env.AUTO_SEED !== '0' && env.AUTO_SEED !== 'false' : defaults.autoSeed,
    webDir: env.WEB_DIR ? path.resolve(env.WEB_DIR) : defaults.webDir,
    basemapUrl: env.BASEMAP_URL || null,
    gridBand: band(env, 'GRID_BAND', defaults.gridBand),
    unitBand: band(env, 'UNIT_BAND', defaults.unitBand),
    logRequests: env.LOG_REQUESTS === '1',
    trustProxy: trustProxy(env),
    cookieSecure: flag(env, 'COOKIE_SECURE', defaults.cookieSecure),
    sessionIdleS: positive(env, 'SESSION_IDLE_S', defaults.sessionIdleS),
    sessionAbsoluteS: positive(env, 'SESSION_ABSOLUTE_S', defaults.sessionAbsoluteS),
    loginAccountMaxFailures: positive(env, 'LOGIN_ACCOUNT_MAX_FAILURES', defaults.loginAccountMaxFailures),
    loginIpMaxFailures: positive(env, 'LOGIN_IP_MAX_FAILURES', defaults.loginIpMaxFailures),
    loginWindowS: positive(env, 'LOGIN_WINDOW_S', defaults.loginWindowS),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    trustedOrigins: origins(env, 'TRUSTED_ORIGINS'),
    jsonLimitBytes: positive(env, 'JSON_LIMIT_BYTES', defaults.jsonLimitBytes),
    demoAccounts: flag(env, 'DEMO_ACCOUNTS', defaults.demoAccounts),
    publicUrl: env.PUBLIC_URL ? (origins(env, 'PUBLIC_URL')[0] ?? null) : null,
    finderPlacesMaxAgeMs: int(env, 'FINDER_PLACES_MAX_AGE_MS', defaults.finderPlacesMaxAgeMs),
    workers: env.WORKERS ? positive(env, 'WORKERS', 1) : 0, // 0: unset, decided below by the backend
    ...overrides,
  };
  // Unset: one per core (at most 4) on PostgreSQL, 1 on the embedded database.
  if (cfg.workers === 0) cfg.workers = cfg.databaseUrl ? Math.min(os.availableParallelism(), 4) : 1;
  if (cfg.workers > 1 && !cfg.databaseUrl) throw new Error(`config: WORKERS=${cfg.workers} needs DATABASE_URL: the embedded database lives inside one process`);
  return Object.freeze(cfg);
}
