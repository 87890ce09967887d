/**
 * The public finder on a phone, under the server's strict CSP: a shared URL opens it at a point,
 * the list follows the API's walking order with minutes, the first result's route is drawn, the
 * navigation links are the API's, filters write themselves back into the URL and a tap on the map
 * moves the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
beforeAll(async () => {
  ctx = await startBrowserApp();
});
afterAll(async () => {
  await ctx?.close();
});

async function api(path: string) {
  const r = await fetch(ctx.base + path);
  return { status: r.status, body: await r.json() };
}

/** A grid centre the walking network reaches, with at least three places nearby (any time). */
async function findOrigin(): Promise<{ lon: number; lat: number; answer: any }> {
  const grids = (await api('/api/areas?level=grid')).body.features;
  for (const g of grids) {
    const { center } = (await api(`/api/areas/${g.properties.id}`)).body;
    const [lon, lat] = center.map((v: number) => +v.toFixed(6));
    const r = await api(`/api/places/nearest?lon=${lon}&lat=${lat}&limit=10&routes=10&links=true`);
    if (r.status === 200 && r.body.results.length >= 3) return { lon, lat, answer: r.body };
  }
  throw new Error('no grid centre with three places within walking distance');
}

async function openPhone(url: string) {
  const page = await ctx.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const consoleCsp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
  const csp = async () => [...consoleCsp, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
  return { page, csp };
}

/** The finder's route source and the route features maplibre has drawn. */
async function drawnRoute(page: Page) {
  return page.evaluate(async () => {
    const m = window.__map!;
    const src = m.getSource('finder-route') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> } | undefined;
    const data = src ? await src.getData() : null;
    await new Promise((r) => (m.loaded() ? r(null) : m.once('idle', r)));
    const rendered = m.getLayer('finder-route-line') ? m.queryRenderedFeatures(undefined, { layers: ['finder-route-line'] }).length : 0;
    return { features: data?.features ?? [], rendered };
  });
}

const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.replace(/^#\/finder\??/, ''));

describe('finder on a phone', () => {
  it('opens from a shared URL, lists by walking time, draws the route, links to Amap', async () => {
    const { lon, lat, answer } = await findOrigin();
    const { page, csp } = await openPhone(`${ctx.base}/#/finder?lon=${lon}&lat=${lat}&open=0`);
    await page.locator('[data-testid="finder-panel"]').waitFor();
    const box = await page.locator('[data-testid="finder-panel"]').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await page.locator('[data-testid="finder-result"]').first().waitFor({ timeout: 30_000 });

    // the API's order (by walking cost), with its walking minutes
    const rows = page.locator('[data-testid="finder-result"]');
    const ids = await rows.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.id)));
    expect(ids).toEqual(answer.results.map((r: any) => r.place.id));
    const minutes = await page.locator('[data-testid="finder-walk-min"]').allTextContents();
    minutes.forEach((text, i) => expect(text).toContain(String(Math.max(1, Math.round(answer.results[i].walkMin)))));
    await expect.poll(() => page.locator('[data-testid="finder-open-now"]').isChecked()).toBe(false);

    // the first result is selected: its card and its route
    const first = answer.results[0];
    await expect.poll(() => page.locator('[data-testid="finder-card"]').getAttribute('data-id')).toBe(String(first.place.id));
    await expect
      .poll(async () => {
        const d = await drawnRoute(page);
        return d.features.length === 1 && d.features[0].geometry.type === 'LineString' && d.rendered > 0;
      }, { timeout: 20_000 })
      .toBe(true);
    const route = (await drawnRoute(page)).features[0].geometry as GeoJSON.LineString;
    expect(route.coordinates).toEqual(first.route.coordinates);

    // one-tap navigation: built in the browser, the same links as the API's (`links=true`)
    const amap = await page.locator('[data-testid="finder-nav"] a[data-nav="amap"]').getAttribute('href');
    expect(amap).toContain('uri.amap.com');
    expect(amap).toBe(first.navLinks.amap);
    expect(await page.locator('[data-testid="finder-nav"] a[data-nav="geo"]').getAttribute('href')).toMatch(/^geo:/);

    // picking another result draws its route
    const second = answer.results[1];
    await rows.nth(1).click();
    await expect
      .poll(async () => JSON.stringify(((await drawnRoute(page)).features[0]?.geometry as { coordinates?: unknown } | undefined)?.coordinates ?? null))
      .toBe(JSON.stringify(second.route.coordinates));

    expect(await csp()).toEqual([]);
    await page.close();
  });

  it('writes filters and rider mode into the URL; a tap on the map moves the origin', async () => {
    const { lon, lat } = await findOrigin();
    const { page } = await openPhone(`${ctx.base}/#/finder?lon=${lon}&lat=${lat}`);
    await page.locator('[data-testid="finder-panel"]').waitFor();
    // open now is on by default
    expect(await page.locator('[data-testid="finder-open-now"]').isChecked()).toBe(true);
    await page.locator('[data-testid="finder-step-free"]').check();
    await expect.poll(() => hashParams(page).get('step_free')).toBe('1');

    // rider mode: its services first, open now kept on
    await page.locator('[data-testid="finder-rider"]').check();
    await expect.poll(() => hashParams(page).get('rider')).toBe('1');
    const vocab = (await api('/api/places/vocabulary')).body;
    await page.locator('[data-testid="finder-services"] .chip').first().waitFor();
    const chips = await page.locator('[data-testid="finder-services"] .chip').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.service));
    expect(chips.slice(0, vocab.riderServices.length)).toEqual(vocab.riderServices);
    const chipBox = await page.locator('[data-testid="finder-services"] .chip').first().boundingBox();
    expect(chipBox!.height).toBeGreaterThanOrEqual(48);
    await page.locator(`[data-testid="finder-services"] .chip[data-service="${vocab.riderServices[0]}"]`).click();
    await expect.poll(() => hashParams(page).get('service')).toBe(vocab.riderServices[0]);
    expect(hashParams(page).get('open')).toBeNull();

    // a tap on the map (above the sheet) is the new origin
    await page.waitForTimeout(1200); // let the fit to the route finish
    await page.mouse.click(195, 200);
    await expect.poll(() => hashParams(page).get('lon')).not.toBe(lon.toFixed(6));

    // a reload restores the search
    const before = hashParams(page).toString();
    await page.reload();
    await page.locator('[data-testid="finder-panel"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-testid="finder-rider"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="finder-step-free"]').isChecked()).toBe(true);
    expect(hashParams(page).toString()).toBe(before);

    // closing returns to the map hash
    await page.locator('[data-testid="finder-close"]').click();
    await expect.poll(() => page.url()).not.toContain('finder');
    await page.close();
  });
});
