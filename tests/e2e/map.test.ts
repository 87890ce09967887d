/**
 * The app in a real browser: it loads, draws the sample, a click opens the panel with the right
 * totals, Chinese labels use the bundled CJK font, the English switch works, and a phone works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { goTo, startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
beforeAll(async () => {
  ctx = await startBrowserApp();
});
afterAll(async () => {
  await ctx?.close();
});

async function api(path: string) {
  return (await fetch(ctx.base + path)).json();
}

async function openMap(page: Page) {
  const external: string[] = [];
  const fonts: { url: string; status: number }[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(ctx.base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) external.push(r.url());
  });
  page.on('response', (r) => {
    if (/noto-sans-sc.*\.woff2/.test(r.url())) fonts.push({ url: r.url(), status: r.status() });
  });
  await page.goto(ctx.base);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
  return { external, fonts };
}


describe('map in Chromium', () => {
  it('draws the sample with Chinese labels from the bundled font, nothing external', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { external, fonts } = await openMap(page);
    const grid = (await api('/api/areas?level=grid')).features[0].properties;
    const detail = await api(`/api/areas/${grid.id}`);
    await goTo(page, detail.center, 15.5);
    const rendered = await page.evaluate(() => {
      const m = window.__map!;
      const fills = m.queryRenderedFeatures(undefined, { layers: ['area-grid-fill'] });
      const labels = m.queryRenderedFeatures(undefined, { layers: m.getStyle().layers.filter((l) => l.type === 'symbol').map((l) => l.id) });
      return { fills: fills.length, labels: labels.map((f) => String(f.properties?.name ?? '')).filter(Boolean) };
    });
    expect(rendered.fills).toBeGreaterThan(0);
    expect(rendered.labels.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    // CJK glyphs come from the bundled Noto Sans SC subsets served by us (not boxes, no glyph server).
    await page.waitForTimeout(500);
    expect(fonts.filter((f) => f.status === 200 && !/latin/.test(f.url)).length).toBeGreaterThan(0);
    expect(external).toEqual([]);
    // Pixels: the canvas is not blank where the map is drawn.
    const png = await page.locator('canvas').first().screenshot();
    expect(png.length).toBeGreaterThan(20_000);
    await page.close();
  });

  it('a click on a grid opens the panel with its totals, breadcrumbs and people', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openMap(page);
    const grids = (await api('/api/areas?level=grid')).features;
    const grid = grids[Math.floor(grids.length / 2)].properties;
    const detail = await api(`/api/areas/${grid.id}`);
    const px = await goTo(page, detail.center, 16);
    await page.mouse.click(px.x, px.y);
    const hh = page.locator('[data-testid="panel-households"]');
    await expect.poll(async () => hh.getAttribute('data-value'), { timeout: 20_000 }).toBe(String(detail.households));
    // A click selects the deepest area under the pointer at this zoom: the grid or one of its units.
    const title = await page.locator('[data-testid="area-panel"]').innerText();
    const unitNames = detail.children.map((c: any) => c.name);
    expect(title.includes(grid.name) || unitNames.some((n: string) => title.includes(n))).toBe(true);
    await expect.poll(async () => page.locator('[data-testid="panel-population"]').getAttribute('data-value')).toBe(String(detail.population));
    await page.close();
  });

  it('a grid sign QR link (/?area=<id>) opens that grid, whose panel links its printable sign', async () => {
    const grid = (await api('/api/areas?level=grid')).features[3].properties;
    const page = await ctx.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${ctx.base}/?area=${grid.id}`);
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
    await expect.poll(() => page.locator('#area-panel-title').textContent(), { timeout: 20_000 }).toBe(grid.name);
    const href = await page.getByTestId('area-signs').getAttribute('href');
    expect(href).toBe(`/api/areas/${grid.id}/signs.pdf`);
    const res = await fetch(ctx.base + href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    await page.close();
  });

  it('switches to English and back', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openMap(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toMatch(/^en/);
    expect(await page.locator('[data-testid="legend"]').innerText()).toMatch(/[A-Za-z]{4,}/);
    await page.close();
  });

  it('search finds an area by name and opens it (phone screen)', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await openMap(page);
    const community = (await api('/api/areas?level=community')).features[0].properties;
    await page.locator('[data-testid="search-input"]').fill(community.name);
    const first = page.locator('[data-testid="search-results"] li').first();
    await first.waitFor({ timeout: 20_000 });
    await first.click();
    await expect.poll(async () => page.locator('[data-testid="panel-households"]').getAttribute('data-value'), { timeout: 20_000 }).toBe(String(community.households));
    const box = await page.locator('[data-testid="area-panel"]').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await page.close();
  });
});
