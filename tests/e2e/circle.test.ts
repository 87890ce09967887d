/**
 * The 10-minute service circle in a real browser: entering the mode on a street shows the API's
 * covered/total and colours the buildings (feature-state on the buildings source), a hypothetical
 * station at an uncovered building raises the count, a station click draws its isochrone bands,
 * siting is offered to staff only and picks sites for a planner of the area, and a phone can use it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestUser } from '../support/accounts.ts';
import { goTo, startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
let street: { id: number; name: string; center: [number, number]; bbox: [number, number, number, number] };

beforeAll(async () => {
  ctx = await startBrowserApp();
  // the street with the most households: several communities, stations and gaps
  const streets = (await api('/api/areas?level=street')).features.map((f: any) => f.properties);
  const top = streets.sort((a: any, b: any) => b.households - a.households)[0];
  const detail = await api(`/api/areas/${top.id}`);
  street = { id: detail.id, name: detail.name, center: detail.center, bbox: detail.bbox };
});
afterAll(async () => {
  await ctx?.close();
});

async function api(path: string) {
  const res = await fetch(ctx.base + path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

/** Opens the map at `center` (the default circle area is the street under the middle of the view). */
async function openMap(page: Page, center: [number, number], zoom: number) {
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(`${ctx.base}/#${zoom}/${center[1]}/${center[0]}`);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
  return { csp };
}

async function enterCircle(page: Page) {
  await page.locator('[data-testid="circle-toggle"]').click();
  await page.locator('[data-testid="circle-covered"]').waitFor({ timeout: 30_000 });
}

const covered = (page: Page) => page.locator('[data-testid="circle-covered"]').getAttribute('data-value').then(Number);


/** The centroid of a building's outer ring, from the buildings layer of the API. */
async function buildingCentroid(id: number): Promise<[number, number]> {
  const fc = await api(`/api/map/buildings?bbox=${street.bbox.join(',')}`);
  const f = fc.features.find((x: any) => x.id === id);
  const ring: [number, number][] = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0];
  const pts = ring.slice(0, -1);
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}

describe('10-minute circle in Chromium', () => {
  it('enters on the street in view: covered/total as the API says, buildings coloured by walking time', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { csp } = await openMap(page, street.center, 15);
    const expected = await api(`/api/circle/coverage?area=${street.id}`);
    await enterCircle(page);

    await expect.poll(() => covered(page), { timeout: 20_000 }).toBe(expected.area.householdsCovered);
    expect(await page.locator('[data-testid="circle-total"]').getAttribute('data-value')).toBe(String(expected.area.households));
    expect(await page.locator('[data-testid="circle-panel"] h2').innerText()).toBe(street.name);
    // network vs straight line side by side, and the children table
    expect(await page.locator('[data-testid="circle-share-straight"]').innerText()).toMatch(/%/);
    expect(await page.locator('[data-testid="circle-children"] tbody tr').count()).toBe(expected.children.length);

    // every building of the answer carries its band in feature-state; drawn ones show in the fill layer
    const b = expected.buildings.find((x: any) => x.buildingId !== null && x.timeMin !== null && x.timeMin <= 5);
    const u = expected.buildings.find((x: any) => x.buildingId !== null && !x.covered);
    await expect
      .poll(() => page.evaluate((ids) => ids.map((id) => window.__map!.getFeatureState({ source: 'buildings', id }).circleBand ?? null), [b.buildingId, u.buildingId]), { timeout: 20_000 })
      .toEqual(['b5', expect.stringMatching(/^(b15|b99|none)$/)]);
    await goTo(page, street.center, 16);
    const painted = await page.evaluate(() => {
      const m = window.__map!;
      return m.queryRenderedFeatures(undefined, { layers: ['circle-building-fill'] }).filter((f) => m.getFeatureState({ source: 'buildings', id: f.id! }).circleBand).length;
    });
    expect(painted).toBeGreaterThan(0);
    expect(csp).toEqual([]);
    await page.close();
  });

  it('a hypothetical station at an uncovered building raises the covered count; a station click shows its bands', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openMap(page, street.center, 15);
    const base = await api(`/api/circle/coverage?area=${street.id}`);
    await enterCircle(page);
    await expect.poll(() => covered(page), { timeout: 20_000 }).toBe(base.area.householdsCovered);

    // the uncovered building (reachable, just too far) with the most households
    const target = base.buildings
      .filter((x: any) => x.buildingId !== null && !x.covered && x.timeMin !== null)
      .sort((a: any, b: any) => b.households - a.households)[0];
    const at = await buildingCentroid(target.buildingId);
    const px = await goTo(page, at, 17);
    await page.locator('[data-testid="circle-edit"]').click();
    await page.mouse.click(px.x, px.y);

    await expect.poll(() => covered(page), { timeout: 20_000 }).toBeGreaterThan(base.area.householdsCovered);
    expect(await page.locator('.circle-pin-added').count()).toBe(1);
    // the panel shows what the API answers for that point
    const clicked = await page.evaluate(([x, y]) => window.__map!.unproject([x, y]).toArray(), [px.x, px.y]);
    const whatIf = await api(`/api/circle/coverage?area=${street.id}&add=${clicked.map((v) => +v.toFixed(7)).join(',')}`);
    expect(await covered(page)).toBe(whatIf.area.householdsCovered);
    expect(whatIf.stations.added).toBe(1);

    // back to inspecting: a click on a station draws its 5/10/15-minute bands from the API
    await page.locator('[data-testid="circle-edit"]').click();
    const station = (await api(`/api/map/places?kind=community_center&bbox=${street.bbox.join(',')}`)).features[0];
    const spx = await goTo(page, station.geometry.coordinates, 16);
    await page.mouse.click(spx.x, spx.y);
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const src = window.__map!.getSource('circle-isochrones') as unknown as { getData(): Promise<{ features: { properties: { minutes: number } }[] }> } | undefined;
            return src ? (await src.getData()).features.map((f) => f.properties.minutes) : null;
          }),
        { timeout: 20_000 },
      )
      .toEqual([15, 10, 5]);
    expect(await page.locator('[data-testid="circle-station"]').innerText()).toContain(station.properties.name);
    await page.close();
  });

  it('siting: offered to staff only; the API refuses another jurisdiction; a planner of the street gets picks and the curve', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await openMap(page, street.center, 15);
    await enterCircle(page);
    // anonymous: the signed-in state says no, with a way to log in
    await page.locator('[data-testid="circle-siting-login"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="circle-siting-run"]').isDisabled()).toBe(true);

    const login = (u: { username: string; password: string }) =>
      page.evaluate(
        (c) =>
          fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' }, body: JSON.stringify({ login: c.username, password: c.password }) }).then((r) => r.status),
        u,
      );
    const reopen = async () => {
      await page.reload();
      await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
      await enterCircle(page);
      await page.locator('[data-testid="circle-siting-run"]:enabled').waitFor({ timeout: 20_000 });
    };

    // a planner of another street may site, but not here: the API's 403 is shown
    const streets = (await api('/api/areas?level=street')).features.map((f: any) => f.properties);
    const other = streets.find((s: any) => s.id !== street.id);
    expect(await login(await createTestUser(ctx.database.db, [{ role: 'planner', areaId: other.id }], 'circle-other'))).toBe(200);
    await reopen();
    await page.locator('[data-testid="circle-siting-run"]').click();
    await expect.poll(() => page.locator('[data-testid="circle-siting-error"]').innerText(), { timeout: 20_000 }).toMatch(/jurisdiction|无权/);

    expect(await login(await createTestUser(ctx.database.db, [{ role: 'planner', areaId: street.id }], 'circle-planner'))).toBe(200);
    await reopen();
    await page.locator('[data-testid="circle-siting-k"]').fill('2');
    await page.locator('[data-testid="circle-siting-run"]').click();
    const picks = page.locator('[data-testid="circle-siting-picks"] li');
    await expect.poll(() => picks.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await picks.count()).toBeLessThanOrEqual(2);
    expect(await page.locator('[data-testid="circle-curve"] svg circle').count()).toBe((await picks.count()) + 1);
    expect(await page.locator('.circle-pin-pick').count()).toBe(await picks.count());

    // existing premises chosen as the only extra candidates: the picks name them
    await page.locator('[data-testid="circle-siting-pois"] summary').click();
    const boxes = page.locator('[data-testid="circle-siting-poi"]');
    await expect.poll(() => boxes.count(), { timeout: 20_000 }).toBeGreaterThan(1);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await expect.poll(() => page.locator('[data-testid="circle-siting-pois"] summary').innerText()).toMatch(/2/);
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/circle/siting') && r.method() === 'POST');
    await page.locator('[data-testid="circle-siting-run"]').click();
    expect((await sent).postDataJSON().pois).toHaveLength(2);
    await expect.poll(() => picks.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('works on a phone: the bottom sheet shows the totals', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const { csp } = await openMap(page, street.center, 14);
    const expected = await api(`/api/circle/coverage?area=${street.id}`);
    await enterCircle(page);
    await expect.poll(() => covered(page), { timeout: 20_000 }).toBe(expected.area.householdsCovered);
    const box = await page.locator('[data-testid="circle-panel"]').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844 + 1);
    // the totals are inside the folded sheet
    const total = await page.locator('[data-testid="circle-total"]').boundingBox();
    expect(total!.y + total!.height).toBeLessThanOrEqual(844);
    expect(csp).toEqual([]);
    await page.close();
  });
});
