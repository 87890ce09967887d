/**
 * Hazard reports through the browser once (issue 7): a phone-sized page files a report with a pin on
 * the map (the open report nearby is offered as "me too"), it reaches the right grid worker's queue,
 * the grid worker, community staff and street staff move it through every state to published (a
 * stale page gets the server's 409 with what is allowed), the public list and case page show it
 * without personal data, and the dashboard table matches the API. Chinese by default, English on switch.
 */
import { sql } from 'kysely';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, places, type Places, type TestUser } from '../support/accounts.ts';
import { apiSend, DESKTOP, goTo, logInThroughUi, openPage, PHONE, sessionCookie, startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
let at: Places;
let p: { lon: number; lat: number };
let users: Record<'gw' | 'gwOther' | 'cs' | 'ss', TestUser>;

beforeAll(async () => {
  ctx = await startBrowserApp();
  const db = ctx.database.db;
  at = await places(db);
  [p] = (await sql<{ lon: number; lat: number }>`select ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat from areas where id = ${at.unitA}`.execute(db)).rows;
  users = {
    gw: await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridA }], 'gw'),
    gwOther: await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridB }], 'gwb'),
    cs: await createTestUser(db, [{ role: 'community_staff', areaId: at.communityA }], 'cs'),
    ss: await createTestUser(db, [{ role: 'street_staff', areaId: at.street }], 'ss'),
  };
});
afterAll(async () => {
  await ctx?.close();
});

const CONTACT = { name: '王小明', phone: '13912345678' };

/** A real photo (decodable, 1200×900) as phones send it. */
const photo = () => sharp({ create: { width: 1200, height: 900, channels: 3, background: '#c0392b' } }).jpeg().toBuffer();

const send = (method: string, path: string, body?: unknown, cookie?: string) => apiSend(ctx, method, path, body, cookie);
const cookieFor = (u: TestUser) => sessionCookie(ctx, u);
const open = (url: string, device: typeof PHONE | typeof DESKTOP, waitMap = true) => openPage(ctx, url, device, waitMap);
const logIn = (page: Page, u: TestUser) => logInThroughUi(page, u);

/** Picks a transition, fills what it needs, confirms, and waits for the state the server returns. */
async function act(scope: ReturnType<Page['locator']>, action: string, to: string, fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {}) {
  await scope.locator(`[data-testid="hz-actions"] button[data-action="${action}"]`).click();
  const form = scope.locator('[data-testid="hz-action-form"]');
  await fill(form);
  await form.locator('[data-testid="hz-confirm"]').click();
  await expect.poll(() => scope.getAttribute('data-state'), { timeout: 20_000 }).toBe(to);
}

describe('hazard reports in Chromium', () => {
  it('the report page is in Chinese by default and switches to English', async () => {
    const { page, csp } = await open('/#/report', PHONE);
    const panel = page.locator('[data-testid="hazards-panel"]');
    await panel.locator('[data-category="ebike_charging"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await panel.innerText()).toContain('随手拍 · 报告隐患');
    expect(await panel.locator('[data-category="ebike_charging"]').innerText()).toBe('电动车违规充电');
    // the glyphs are drawn with the bundled CJK font, not tofu: the title is wider than its box of one glyph
    const w = await panel.locator('#hz-title').evaluate((el) => el.getBoundingClientRect().width);
    expect(w).toBeGreaterThan(100);
    const box = await panel.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);

    await page.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => panel.locator('#hz-title').innerText()).toBe('Report a hazard');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await panel.locator('[data-category="ebike_charging"]').innerText()).toBe('E-bike charging indoors');
    expect(await panel.locator('[data-testid="hz-submit"]').innerText()).toBe('Submit report');
    // the category's own fields follow the switch too
    await panel.locator('[data-category="ebike_charging"]').click();
    await expect.poll(() => panel.locator('[data-field="place"][data-value="corridor"]').innerText()).toBe('Corridor / hall');
    expect(csp).toEqual([]);
    await page.close();
  });

  it('runs a report from a phone to the public list, by the right roles, with a matching dashboard', async () => {
    const csCookie = await cookieFor(users.cs);
    const dashBefore = (await send('GET', `/api/hazards/dashboard?area=${at.communityA}`, undefined, csCookie)).body;

    // An open report of the same kind 10 m away, filed earlier by someone else.
    const near = { lon: p.lon + 10 / (111_320 * Math.cos((p.lat * Math.PI) / 180)), lat: p.lat };
    const earlier = await send('POST', '/api/hazards', { category: 'ebike_charging', description: '楼道里有电动车在充电', location: near, details: { place: 'corridor' } });
    expect(earlier.status).toBe(201);
    const earlierId = earlier.body.id as number;

    // 1. A phone files the report: a pin on the map, category with its field, photo, contact.
    const { page: phone, csp } = await open('/#/report', PHONE);
    const panel = phone.locator('[data-testid="hazards-panel"]');
    await panel.locator('[data-category="ebike_charging"]').click();
    await panel.locator('[data-field="place"][data-value="corridor"]').click();
    expect(await panel.locator('[data-testid="hz-priority"]').getAttribute('data-priority')).toBe('urgent');
    const px = await goTo(phone, [p.lon, p.lat], 18);
    await phone.mouse.click(px.x, px.y);
    await expect.poll(() => panel.locator('[data-testid="hz-location"]').getAttribute('data-set')).toBe('1');
    // the earlier report within 50 m is offered as "me too"
    await expect.poll(() => panel.locator('[data-testid="hz-nearby-case"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.id))), { timeout: 20_000 }).toContain(earlierId);
    await panel.locator('[data-testid="hz-description"]').fill('3号楼一楼门厅电动车飞线充电，堵住楼梯口');
    await panel.locator('[data-testid="hz-photo-input"]').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await panel.locator('[data-testid="hz-photo"]').waitFor({ timeout: 20_000 });
    await panel.locator('[data-testid="hz-anonymous"]').uncheck();
    await panel.locator('[data-testid="hz-contact-name"]').fill(CONTACT.name);
    await panel.locator('[data-testid="hz-contact-phone"]').fill(CONTACT.phone);
    await panel.locator('[data-testid="hz-submit"]').click();
    const done = panel.locator('[data-testid="hz-done"]');
    await done.waitFor({ timeout: 20_000 });
    const id = Number(await done.getAttribute('data-id'));
    const followLink = await panel.locator('[data-testid="hz-follow-link"]').inputValue();
    expect(followLink).toMatch(new RegExp(`#/case/[A-Za-z0-9_-]{32}$`));
    const filed = (await send('GET', `/api/hazards/${id}`)).body;
    expect(filed).toMatchObject({ state: 'submitted', grid: { id: at.gridA }, community: { id: at.communityA } });

    // the follow link: the reporter's view with their own contact, no account needed
    await panel.locator('[data-testid="hz-open-case"]').click();
    const mine = panel.locator('[data-testid="hz-case"]');
    await expect.poll(() => mine.getAttribute('data-view'), { timeout: 20_000 }).toBe('reporter');
    expect(await mine.locator('[data-testid="hz-case-private"]').innerText()).toContain(CONTACT.phone);
    expect(await mine.locator('[data-testid="hz-case-photo"]').count()).toBe(1);
    expect(csp).toEqual([]);
    await phone.close();

    // 2. The grid worker's queue has it (the other grid's does not); verify, start, escalate; merge the duplicate.
    const other = (await send('GET', '/api/hazards/queue', undefined, await cookieFor(users.gwOther))).body;
    expect(other.cases.map((c: { id: number }) => c.id)).not.toContain(id);
    const { page: gwPage } = await open('/#/hazards', DESKTOP, false);
    await logIn(gwPage, users.gw);
    const item = gwPage.locator(`[data-testid="hz-queue-item"][data-id="${id}"]`);
    await item.waitFor({ timeout: 20_000 });
    await item.locator('button.head').click();
    await act(item, 'verify', 'verified', (f) => f.locator('[data-testid="hz-note"]').fill('现场核实属实'));
    await act(item, 'start', 'in_progress');
    await act(item, 'escalate', 'escalated', async (f) => {
      expect(await f.locator('[data-testid="hz-level"] option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['community']);
      await f.locator('[data-testid="hz-note"]').fill('需社区协调');
    });
    const dup = gwPage.locator(`[data-testid="hz-queue-item"][data-id="${earlierId}"]`);
    await dup.locator('button.head').click();
    await dup.locator('[data-testid="hz-actions"] button[data-action="mark_duplicate"]').click();
    await dup.locator('[data-testid="hz-duplicate-of"]').fill(String(id));
    await dup.locator('[data-testid="hz-confirm"]').click();
    // merged: it leaves the queue and the public view
    await dup.waitFor({ state: 'detached', timeout: 20_000 });
    expect((await send('GET', `/api/hazards/${earlierId}`, undefined, await cookieFor(users.gw))).body).toMatchObject({ state: 'duplicate', duplicateOf: id });

    // 3. Community staff escalate to the street (on the case page); street staff to a department.
    const { page: csPage } = await open(`/#/case/${id}`, DESKTOP);
    await logIn(csPage, users.cs);
    const csCase = csPage.locator('[data-testid="hz-case"]');
    await expect.poll(() => csCase.getAttribute('data-view'), { timeout: 20_000 }).toBe('staff');
    expect(await csCase.locator('[data-testid="hz-case-private"]').innerText()).toContain(CONTACT.phone);
    await act(csCase, 'escalate', 'escalated', async (f) => {
      await f.locator('[data-testid="hz-level"]').selectOption('street');
    });
    const { page: ssPage } = await open(`/#/case/${id}`, DESKTOP);
    await logIn(ssPage, users.ss);
    const ssCase = ssPage.locator('[data-testid="hz-case"]');
    await expect.poll(() => ssCase.getAttribute('data-view'), { timeout: 20_000 }).toBe('staff');
    await ssCase.locator('[data-testid="hz-actions"] button[data-action="escalate"]').click();
    await ssCase.locator('[data-testid="hz-level"]').selectOption('department');
    await ssCase.locator('[data-testid="hz-agency"]').fill('区消防救援支队');
    await ssCase.locator('[data-testid="hz-note"]').fill('吹哨报到');
    await ssCase.locator('[data-testid="hz-confirm"]').click();
    await expect.poll(() => ssCase.innerText(), { timeout: 20_000 }).toContain('区消防救援支队');
    await ssPage.close();

    // 4. The grid worker resolves with an evidence photo and a note.
    await gwPage.locator('[data-testid="hz-queue-refresh"]').click();
    await item.waitFor();
    if ((await item.locator('[data-testid="hz-actions"]').count()) === 0) await item.locator('button.head').click();
    await act(item, 'resolve', 'resolved', async (f) => {
      await f.locator('[data-testid="hz-evidence"]').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: await photo() });
      await expect.poll(() => f.innerText(), { timeout: 20_000 }).toContain('✓ 1');
      await f.locator('[data-testid="hz-note"]').fill('电动车已移走，加装充电桩');
    });
    await gwPage.close();

    // 5. The community's page is stale (still "escalated"): its resolve gets the server's 409 naming what is allowed.
    await csCase.locator('[data-testid="hz-actions"] button[data-action="resolve"]').click();
    await csCase.locator('[data-testid="hz-note"]').fill('重复操作');
    await csCase.locator('[data-testid="hz-confirm"]').click();
    const err = csCase.locator('[data-testid="hz-action-error"]');
    await err.waitFor({ timeout: 20_000 });
    expect(await err.innerText()).toMatch(/当前状态不允许此操作.*复核办结/);
    await csPage.reload();
    await expect.poll(() => csCase.getAttribute('data-state'), { timeout: 90_000 }).toBe('resolved');
    await act(csCase, 'close', 'closed', (f) => f.locator('[data-testid="hz-note"]').fill('复核通过'));
    await act(csCase, 'publish', 'published');
    const kinds = await csCase.locator('[data-testid="hz-timeline"] li').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(kinds).toEqual(['submit', 'verify', 'start', 'escalate', 'escalate', 'escalate', 'resolve', 'close', 'publish']);

    // 6. The public list has it, and its case page shows no personal data.
    const { page: pub } = await open('/#/hazard-map?tab=list', PHONE);
    const entry = pub.locator(`[data-testid="hz-public-list"] li[data-id="${id}"]`);
    await entry.waitFor({ timeout: 20_000 });
    expect(await pub.locator(`[data-testid="hz-public-list"] li[data-id="${earlierId}"]`).count()).toBe(0); // a duplicate is not public
    await entry.locator('a').click();
    const pubCase = pub.locator('[data-testid="hz-case"]');
    await expect.poll(() => pubCase.getAttribute('data-view'), { timeout: 20_000 }).toBe('public');
    expect(await pubCase.getAttribute('data-state')).toBe('published');
    const text = await pub.locator('[data-testid="hazards-panel"]').innerText();
    for (const secret of [CONTACT.name, CONTACT.phone, users.gw.username, users.cs.username]) expect(text).not.toContain(secret);
    expect(await pubCase.locator('[data-testid="hz-case-private"]').count()).toBe(0);
    expect(text).toContain('电动车已移走，加装充电桩'); // what was done is public
    expect(await pubCase.locator('[data-testid="hz-case-photo"]').count()).toBe(2);
    // and the map layer draws it, coloured as published
    await pub.locator('[data-testid="hazards-close"]').click();
    await pub.goto(`${ctx.base}/#/hazard-map?state=published`);
    await expect
      .poll(async () => pub.evaluate(async (caseId) => {
        const src = window.__map?.getSource('hz-cases') as unknown as { getData(): Promise<GeoJSON.FeatureCollection> } | undefined;
        const data = src ? await src.getData() : null;
        return data?.features.find((f) => f.properties?.id === caseId)?.properties?.state ?? null;
      }, id), { timeout: 30_000 })
      .toBe('published');
    await pub.close();

    // 7. The dashboard table matches the API, and the API counts the cases: one found, escalated, one duplicate.
    const dash = (await send('GET', `/api/hazards/dashboard?area=${at.communityA}`, undefined, csCookie)).body;
    expect(dash.totals.reported - dashBefore.totals.reported).toBe(2);
    expect(dash.totals.duplicates - dashBefore.totals.duplicates).toBe(1);
    expect(dash.totals.found - dashBefore.totals.found).toBe(1);
    expect(dash.totals.escalated - dashBefore.totals.escalated).toBe(1);
    expect(dash.totals.escalatedTo.department - dashBefore.totals.escalatedTo.department).toBe(1);
    await csPage.goto(`${ctx.base}/#/hazards`);
    await csPage.locator('[data-testid="hz-staff-tab-dashboard"]').click();
    const table = csPage.locator('[data-testid="hz-dashboard"]');
    await table.waitFor({ timeout: 20_000 });
    expect(Number(await table.getAttribute('data-area'))).toBe(at.communityA);
    for (const col of ['reported', 'found', 'solvedLocally', 'escalated', 'overdue', 'open']) {
      const shown = await table.locator(`[data-testid="hz-dash-total"] td[data-col="${col}"]`).innerText();
      expect(Number(shown.replace(/[^0-9]/g, '')), col).toBe(dash.totals[col]);
      const row = await table.locator(`tr[data-area="${at.gridA}"] td[data-col="${col}"]`).innerText();
      expect(Number(row.replace(/[^0-9]/g, '')), `${col} of grid A`).toBe(dash.children.find((c: { area: { id: number } }) => c.area.id === at.gridA)[col]);
    }
    await csPage.close();
  }, 300_000);
});
