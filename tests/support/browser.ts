/**
 * Browser test context: the real app (built client + API) on the seeded embedded database,
 * driven in Debian Chromium through playwright-core.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/database.ts';
import { SAMPLE_DIR } from './datasets.ts';
import { ensureSnapshot, openSnapshot, root } from './snapshot.ts';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export interface BrowserContext {
  base: string;
  browser: Browser;
  database: Database;
  close(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserContext> {
  const database = await openSnapshot(await ensureSnapshot(SAMPLE_DIR));
  const config = loadConfig({}, { dbDir: null, autoSeed: false, webDir: path.join(root, 'dist', 'web') });
  const app = createApp({ config, db: database.db, backend: database.backend });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    base,
    browser,
    database,
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
      await database.close();
    },
  };
}

/** Moves the map, waits until it has drawn, returns the pixel of `center`. */
export async function goTo(page: Page, center: [number, number], zoom: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([c, z]) =>
      new Promise<{ x: number; y: number }>((resolve) => {
        const m = window.__map!;
        m.jumpTo({ center: c as [number, number], zoom: z as number });
        m.once('idle', () => {
          const p = m.project(c as [number, number]);
          resolve({ x: p.x, y: p.y });
        });
      }),
    [center, zoom] as const,
  );
}
