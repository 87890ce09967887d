/**
 * Embedded start, cold (empty data directory → sample loaded → serving) and warm (existing
 * directory → serving), next to bare PGlite + PostGIS create/open measured in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkReady, root } from './util.ts';

export interface StartupResult {
  bareCreateMs: number;
  coldMs: number;
  bareOpenMs: number;
  warmMs: number;
  /** Bare PGlite opening the same data directory our server just used (it holds the sample). */
  bareOpenSameDirMs: number;
  peakRssMb: number;
}

async function once(entry: string, dir: string, extra: Record<string, string> = {}) {
  const port = String(18000 + Math.floor(Math.random() * 1000));
  const c = await forkReady(entry, { DB_DIR: dir, PORT: port, HOST: '127.0.0.1', ...extra });
  let rss = 0;
  if (entry.endsWith('main.ts')) {
    // Exercise the server a little so the peak includes serving, not only booting.
    for (const level of ['street', 'community', 'grid', 'unit']) await fetch(`http://127.0.0.1:${port}/api/areas?level=${level}`).then((r) => r.arrayBuffer());
    for (const layer of ['buildings', 'roads', 'basemap']) await fetch(`http://127.0.0.1:${port}/api/map/${layer}`).then((r) => r.arrayBuffer());
    rss = c.peakRssMb();
  }
  await c.stop();
  return { ms: c.readyMs, rss };
}

export async function benchStartup(): Promise<StartupResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xingfu-bench-'));
  const bare = path.join(root, 'tests/bench/bare-pglite.ts');
  const server = path.join(root, 'server/main.ts');
  try {
    const bareCreate = await once(bare, path.join(tmp, 'bare'));
    const bareOpen = await once(bare, path.join(tmp, 'bare'));
    const cold = await once(server, path.join(tmp, 'app'), { DATABASE_URL: '', WEB_DIR: '/nonexistent' });
    const warm = await once(server, path.join(tmp, 'app'), { DATABASE_URL: '', WEB_DIR: '/nonexistent' });
    const bareSame = await once(bare, path.join(tmp, 'app'));
    return { bareCreateMs: bareCreate.ms, coldMs: cold.ms, bareOpenMs: bareOpen.ms, warmMs: warm.ms, bareOpenSameDirMs: bareSame.ms, peakRssMb: Math.max(cold.rss, warm.rss) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
