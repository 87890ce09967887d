/**
 * The planner's map workspace (issue 8) in Chromium: a planner opens a draft of a community from
 * the user menu, paints a unit from one grid into another with the brush (the live panel's
 * household counts change by exactly that unit's households), undoes and redoes with the keyboard
 * and the buttons, saves (the next version), proposes grids, publishes with reasons where needed,
 * and the history lists the new live version, whose diff opens on the map. Then on a second draft:
 * a locked grid is skipped by the brush, a split line makes a new grid, merging puts it back, the
 * lasso takes a unit, a grid is added and deleted, undo walks it all back, and a save from a stale
 * version shows the 409 with what changed and saves on top of the newest. No CSP violations.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningInput } from '../../server/planning/input.ts';
import { createTestUser, type TestUser } from '../support/accounts.ts';
import { startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
let planner: TestUser;
let community: { id: number; code: string };

beforeAll(async () => {
  ctx = await startBrowserApp();
  const db = ctx.database.db;
  // a community with several grids, enough for a proposal to fit the 200–400 band
  community = (await sql<{ id: number; code: string }>`
    select c.id, c.code from areas c join areas g on g.parent_id = c.id and g.level = 'grid'
    where c.level = 'community' and c.households >= 400 group by c.id, c.code order by count(*) desc, c.code limit 1`.execute(db)).rows[0];
  planner = await createTestUser(db, [{ role: 'planner', areaId: community.id }], 'planner');
});
afterAll(async () => {
  await ctx?.close();
});

async function cookieOf(page: Page): Promise<string> {
  const sid = (await page.context().cookies()).find((c) => c.name === 'sid');
  return `sid=${sid!.value}`;
}

async function api<T>(page: Page, path: string): Promise<T> {
  const r = await fetch(ctx.base + path, { headers: { cookie: await cookieOf(page) } });
  expect(r.status, path).toBe(200);
  return (await r.json()) as T;
}

const households = async (page: Page, grid: string) => Number(await page.locator(`tr[data-grid="${grid}"]`).getAttribute('data-households'));

interface Detail {
  units: { features: { geometry: never; properties: { id: number; code: string; households: number; population: number; grid: string } }[] };
}

describe('grid planning workspace in Chromium', () => {
  it('paints with the brush, undoes, saves, proposes, publishes and shows the history', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.goto(ctx.base);
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
    await page.locator('[data-testid="login-button"]').click();
    await page.locator('[data-testid="login-name"]').fill(planner.username);
    await page.locator('[data-testid="login-password"]').fill(planner.password);
    await page.locator('[data-testid="login-submit"]').click();
    await page.locator('[data-testid="user-menu"]').click();
    await page.locator('[data-testid="nav-plan"]').click();

    // open a new draft of the community from the live grids
    await page.locator('[data-testid="plan-scope"]').selectOption(String(community.id));
    await page.locator('[data-testid="plan-new-draft"]').click();
    await page.waitForSelector('body[data-plan-ready="1"]', { timeout: 60_000 });
    const draftId = Number(/#\/plan\/(\d+)/.exec(page.url())![1]);
    const detail = await api<Detail>(page, `/api/planning/drafts/${draftId}`);

    // a unit with households in grid A, and another grid B
    const units = detail.units.features.map((f) => f.properties);
    const u = units.find((x) => x.households > 0)!;
    const gridA = u.grid;
    const gridB = units.find((x) => x.grid !== gridA)!.grid;
    const { units: measured } = planningInput(detail.units.features.map((f) => ({ id: String(f.properties.id), geometry: f.geometry, households: f.properties.households, population: f.properties.population })));
    const centroid = measured.find((m) => m.id === String(u.id))!.centroid as [number, number];
    const a0 = await households(page, gridA);
    const b0 = await households(page, gridB);

    // brush: make B active, smallest radius, zoom in on the unit and paint one dab on its centroid
    await page.locator(`tr[data-grid="${gridB}"] button.pick`).click();
    await page.locator('[data-testid="tool-brush"]').click();
    await page.locator('[data-testid="brush-radius"]').fill('4');
    const at = await page.evaluate(
      (c) =>
        new Promise<{ x: number; y: number }>((resolve) => {
          const m = (window as unknown as { __planMap: import('maplibre-gl').Map }).__planMap;
          m.jumpTo({ center: c, zoom: 19 });
          m.once('idle', () => {
            const p = m.project(c);
            const r = m.getCanvasContainer().getBoundingClientRect();
            resolve({ x: r.left + p.x, y: r.top + p.y });
          });
        }),
      centroid,
    );
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x + 1, at.y + 1);
    await page.mouse.up();
    await expect.poll(() => households(page, gridB)).toBe(b0 + u.households);
    expect(await households(page, gridA)).toBe(a0 - u.households);
    expect(await page.locator('[data-testid="plan-undo"]').isEnabled()).toBe(true);

    // undo with Ctrl+Z (focus off the radius slider), redo with the button
    await page.locator('[data-testid="plan-tab-grids"]').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => households(page, gridB)).toBe(b0);
    expect(await households(page, gridA)).toBe(a0);
    await page.locator('[data-testid="plan-redo"]').click();
    await expect.poll(() => households(page, gridB)).toBe(b0 + u.households);

    // save: version 2 holds the moved unit
    await page.locator('[data-testid="plan-tab-plan"]').click();
    const version = page.locator('[data-testid="plan-version"]');
    expect(await version.getAttribute('data-dirty')).toBe('1');
    await page.locator('[data-testid="plan-save"]').click();
    await expect.poll(() => version.getAttribute('data-version'), { timeout: 20_000 }).toBe('2');
    expect(await version.getAttribute('data-dirty')).toBe('0');
    const saved = await api<{ assignments: Record<string, string> }>(page, `/api/planning/drafts/${draftId}`);
    expect(saved.assignments[String(u.id)]).toBe(gridB);

    // propose (least change) into version 3
    await page.locator('[data-testid="plan-propose"]').click();
    await expect.poll(() => version.getAttribute('data-version'), { timeout: 60_000 }).toBe('3');
    expect(await page.locator('[data-testid="plan-live"]').innerText()).toMatch(/0/);

    // publish, writing a reason for any grid still outside the band
    await page.locator('[data-testid="plan-publish"]').click();
    const reasons = page.locator('[data-testid="publish-reason"]');
    for (let i = 0; i < (await reasons.count()); i++) await reasons.nth(i).fill('道路分隔，暂无法调整');
    await page.locator('[data-testid="publish-confirm"]').click();
    const history = page.locator('[data-testid="plan-history"]');
    await history.waitFor({ timeout: 60_000 });
    const published = await api<{ versions: { version: number; live: boolean; draftId: number | null }[] }>(page, `/api/planning/communities/${community.id}/versions`);
    const live = published.versions.find((v) => v.live)!;
    expect(live.draftId).toBe(draftId);
    const liveRow = page.locator(`[data-testid="plan-history-version"][data-version="${live.version}"]`);
    await liveRow.waitFor({ timeout: 20_000 });
    expect(await liveRow.getAttribute('class')).toContain('live');

    // the diff of the new version against the one before opens on the map
    await liveRow.locator('[data-testid="plan-history-diff"]').click();
    const diff = page.locator('[data-testid="plan-diff"]');
    await diff.waitFor({ timeout: 30_000 });
    expect(Number(await page.locator('[data-testid="plan-diff-households"]').getAttribute('data-count'))).toBeGreaterThan(0);

    // roll back: the version before is published again as a new live version, with the reason given
    const before = published.versions.find((v) => !v.live)!;
    await page.locator('[data-testid="plan-diff-close"]').click();
    page.once('dialog', (d) => void d.accept('误发布，恢复原网格'));
    await page.locator(`[data-testid="plan-history-version"][data-version="${before.version}"] [data-testid="plan-history-rollback"]`).click();
    const newest = page.locator(`[data-testid="plan-history-version"][data-version="${live.version + 1}"]`);
    await newest.waitFor({ timeout: 60_000 });
    expect(await newest.getAttribute('class')).toContain('live');
    const after = await api<{ versions: { version: number; live: boolean; kind: string; rollbackOf: number | null }[] }>(page, `/api/planning/communities/${community.id}/versions`);
    expect(after.versions.find((v) => v.live)).toMatchObject({ version: live.version + 1, kind: 'rollback', rollbackOf: before.version });
    expect(csp).toEqual([]);
    await page.close();
  });

  it('locks, splits, merges, lassoes, adds and deletes grids, and undoes it all', async () => {
    const login = await fetch(`${ctx.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base }, body: JSON.stringify({ login: planner.username, password: planner.password }) });
    const sid = /^sid=([^;]*)/.exec(login.headers.getSetCookie().find((c) => c.startsWith('sid='))!)![1];
    const created = await fetch(`${ctx.base}/api/planning/drafts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base, cookie: `sid=${sid}` }, body: JSON.stringify({ areaId: community.id }) });
    expect(created.status).toBe(201);
    const draftId = ((await created.json()) as { id: number }).id;
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const csp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
    });
    await page.context().addCookies([{ name: 'sid', value: sid, url: ctx.base }]);
    await page.goto(`${ctx.base}/#/plan/${draftId}`);
    await page.waitForSelector('body[data-plan-ready="1"]', { timeout: 90_000 });
    const detail = await api<Detail>(page, `/api/planning/drafts/${draftId}`);
    const { units: measured } = planningInput(detail.units.features.map((f) => ({ id: String(f.properties.id), geometry: f.geometry, households: f.properties.households, population: f.properties.population })));
    const centroidOf = new Map(measured.map((m) => [m.id, m.centroid as [number, number]]));
    const units = detail.units.features.map((f) => f.properties);
    const grids = [...new Set(units.map((u) => u.grid))];
    // X: the grid with most units; Y: another
    const x = grids.sort((a, b) => units.filter((u) => u.grid === b).length - units.filter((u) => u.grid === a).length)[0];
    const y = grids.find((g) => g !== x)!;
    const xUnits = units.filter((u) => u.grid === x);
    const x0 = await households(page, x);
    const y0 = await households(page, y);
    const rows = page.locator('[data-testid="plan-grids"] tbody tr');
    const rows0 = await rows.count();

    /** Fits the map to X's units, then page pixels of lon/lat points. */
    const pixels = (pts: [number, number][]) =>
      page.evaluate(
        (p) =>
          new Promise<{ x: number; y: number }[]>((resolve) => {
            const m = (window as unknown as { __planMap: import('maplibre-gl').Map }).__planMap;
            const xs = p.map((q) => q[0]), ys = p.map((q) => q[1]);
            m.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 150, duration: 0, maxZoom: 19 });
            m.once('idle', () => {
              const r = m.getCanvasContainer().getBoundingClientRect();
              resolve(p.map((q) => { const s = m.project(q); return { x: r.left + s.x, y: r.top + s.y }; }));
            });
          }),
        pts,
      );
    const xCentroids = xUnits.map((u) => centroidOf.get(String(u.id))!);
    const target = xUnits.find((u) => u.households > 0)!;

    // lock X, make Y active, brush over a unit of X: nothing moves
    await page.locator(`tr[data-grid="${x}"] [data-testid="grid-lock"]`).click();
    await page.locator(`tr[data-grid="${y}"] button.pick`).click();
    await page.locator('[data-testid="tool-brush"]').click();
    let [p] = await pixels([...xCentroids, centroidOf.get(String(target.id))!]).then((all) => [all[all.length - 1]]);
    await page.mouse.move(p.x, p.y);
    await page.mouse.down();
    await page.mouse.move(p.x + 2, p.y + 2);
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await households(page, x)).toBe(x0);
    await page.locator(`tr[data-grid="${x}"] [data-testid="grid-lock"]`).click(); // unlock

    // split X along a vertical line through the middle of its units: a new grid takes one side
    await page.locator(`tr[data-grid="${x}"] button.pick`).click();
    await page.locator('[data-testid="tool-split"]').click();
    const px = await pixels(xCentroids);
    const sorted = [...px].sort((a, b) => a.x - b.x);
    const midX = (sorted[Math.floor(sorted.length / 2) - 1].x + sorted[Math.floor(sorted.length / 2)].x) / 2;
    const top = Math.min(...px.map((q) => q.y)) - 60, bottom = Math.max(...px.map((q) => q.y)) + 60;
    await page.mouse.move(midX, top);
    await page.mouse.down();
    await page.mouse.move(midX, (top + bottom) / 2, { steps: 5 });
    await page.mouse.move(midX, bottom, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => rows.count()).toBe(rows0 + 1);
    const made = (await page.locator('[data-testid="plan-active"]').innerText()).split(/[:：]\s*/).pop()!.trim();
    expect(made).not.toBe(x);
    const xSplit = await households(page, x);
    expect(xSplit).toBeLessThan(x0);
    expect(xSplit + (await households(page, made))).toBe(x0);

    // merge the new grid back into X
    await page.locator('[data-testid="tool-pick"]').click();
    await page.locator(`tr[data-grid="${made}"] button[title]`).nth(2).click();
    await page.locator(`tr[data-grid="${made}"] select`).selectOption(x);
    await expect.poll(() => rows.count()).toBe(rows0);
    expect(await households(page, x)).toBe(x0);

    // lasso one unit of X into Y
    await page.locator(`tr[data-grid="${y}"] button.pick`).click();
    await page.locator('[data-testid="tool-lasso"]').click();
    const all = await pixels([...xCentroids, centroidOf.get(String(target.id))!]);
    p = all[all.length - 1];
    const closest = Math.min(...all.slice(0, -1).filter((q) => q.x !== p.x || q.y !== p.y).map((q) => Math.hypot(q.x - p.x, q.y - p.y)));
    const r = Math.max(2, Math.min(12, closest / 2 - 1));
    await page.mouse.move(p.x - r, p.y - r);
    await page.mouse.down();
    for (const [dx, dy] of [[r, -r], [r, r], [-r, r], [-r, -r]]) await page.mouse.move(p.x + dx, p.y + dy, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => households(page, x)).toBe(x0 - target.households);
    expect(await households(page, y)).toBe(y0 + target.households);

    // add a grid, then delete it
    await page.locator('[data-testid="plan-add-grid"]').click();
    await expect.poll(() => rows.count()).toBe(rows0 + 1);
    await page.locator('[data-testid="plan-grids"] tbody tr').last().locator('button[title]').last().click();
    await expect.poll(() => rows.count()).toBe(rows0);

    // undo everything (add, delete, lasso, merge, split, two locks): back to the start
    await page.locator('[data-testid="plan-tab-grids"]').click();
    for (let i = 0; i < 7; i++) await page.keyboard.press('Control+z');
    await expect.poll(() => households(page, x)).toBe(x0);
    expect(await households(page, y)).toBe(y0);
    expect(await page.locator('[data-testid="plan-undo"]').isEnabled()).toBe(false);
    await page.locator('[data-testid="plan-tab-plan"]').click();
    const version = page.locator('[data-testid="plan-version"]');
    expect(await version.getAttribute('data-dirty')).toBe('0');

    // someone else saves version 2 meanwhile: our save gets the 409 with the unit that moved,
    // and "keep my edits" saves them on top of the newest version
    await page.locator('[data-testid="plan-redo"]').click(); // the lock of X again
    expect(await version.getAttribute('data-dirty')).toBe('1');
    const other = { ...(await api<{ assignments: Record<string, string> }>(page, `/api/planning/drafts/${draftId}`)).assignments, [String(target.id)]: y };
    const put = await fetch(`${ctx.base}/api/planning/drafts/${draftId}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest', origin: ctx.base, cookie: `sid=${sid}` }, body: JSON.stringify({ baseVersion: 1, assignments: other, locked: [] }) });
    expect(put.status).toBe(201);
    await page.locator('[data-testid="plan-save"]').click();
    const conflict = page.locator('[data-testid="plan-conflict"]');
    await conflict.waitFor({ timeout: 20_000 });
    expect(await conflict.innerText()).toContain(target.code);
    await conflict.locator('button').first().click();
    await expect.poll(() => version.getAttribute('data-version'), { timeout: 20_000 }).toBe('2');
    await page.locator('[data-testid="plan-save"]').click();
    await expect.poll(() => version.getAttribute('data-version'), { timeout: 20_000 }).toBe('3');
    const head = await api<{ version: { locked: string[] }; assignments: Record<string, string> }>(page, `/api/planning/drafts/${draftId}`);
    expect(head.version.locked).toEqual([x]);
    expect(head.assignments[String(target.id)]).toBe(y);
    expect(csp).toEqual([]);
    await page.close();
  });
});
