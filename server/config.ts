/**
 * Configuration, parsed once from the environment at start-up and frozen.
 * Defaults live in one object; a bad value fails fast with a message naming the variable.
 */
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
    ...overrides,
  };
  return Object.freeze(cfg);
}
