/**
 * Browser test context: the real app (built client + API) on the seeded embedded database,
 * driven in Debian Chromium through playwright-core.
 */
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
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

/** Device profiles of the browser tests. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** A JSON request to the app's API as its own page would send it (same-origin, optional session cookie). */
export async function apiSend(ctx: BrowserContext, method: string, path: string, body?: unknown, cookie?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base };
  if (cookie) headers.cookie = cookie;
  const r = await fetch(ctx.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, headers: r.headers, body: await r.json().catch(() => null) };
}

/** The `sid=…` cookie of a fresh log-in through the API. */
export async function sessionCookie(ctx: BrowserContext, u: { username: string; password: string }): Promise<string> {
  const r = await apiSend(ctx, 'POST', '/api/auth/login', { login: u.username, password: u.password });
  expect(r.status).toBe(200);
  return /^(sid=[^;]*)/.exec(r.headers.getSetCookie().find((c) => c.startsWith('sid='))!)![1];
}

/** A new page at `url` on `device`, collecting Content-Security-Policy complaints; waits for the map unless told not to. */
export async function openPage(ctx: BrowserContext, url: string, device: object, waitMap = true) {
  const page = await ctx.browser.newPage(device);
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(ctx.base + url);
  if (waitMap) await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
  return { page, csp };
}

/** Logs in through the header's log-in dialog. */
export async function logInThroughUi(page: Page, u: { username: string; password: string }) {
  await page.locator('[data-testid="login-button"]').click();
  await page.locator('[data-testid="login-name"]').fill(u.username);
  await page.locator('[data-testid="login-password"]').fill(u.password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('[data-testid="user-menu"]').waitFor({ timeout: 20_000 });
}
