/**
 * Hazard reports in the browser, the reporter's and the moderator's side (issue 7): a logged-in
 * resident files a report, the grid worker verifies it, and "我的随手拍 / 积分" shows the case, the
 * credited points and monthly totals that add up to the ledger; an anonymous report with a link is
 * held (hidden), shows in the staff screen's moderation tab, and community staff release it.
 */
import { sql } from 'kysely';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, places, type Places, type TestUser } from '../support/accounts.ts';
import { apiSend, DESKTOP, goTo, logInThroughUi, openPage, PHONE, sessionCookie, startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
let at: Places;
let p: { lon: number; lat: number };
let users: Record<'resident' | 'gw' | 'cs', TestUser>;

beforeAll(async () => {
  ctx = await startBrowserApp();
  const db = ctx.database.db;
  at = await places(db);
  [p] = (await sql<{ lon: number; lat: number }>`select ST_X(ST_PointOnSurface(geom)) lon, ST_Y(ST_PointOnSurface(geom)) lat from areas where id = ${at.unitA}`.execute(db)).rows;
  users = {
    resident: await createTestUser(db, [{ role: 'resident', householdId: at.householdA }], 'res'),
    gw: await createTestUser(db, [{ role: 'grid_worker', areaId: at.gridA }], 'gw'),
    cs: await createTestUser(db, [{ role: 'community_staff', areaId: at.communityA }], 'cs'),
  };
});
afterAll(async () => {
  await ctx?.close();
});

const send = (method: string, path: string, body?: unknown, cookie?: string) => apiSend(ctx, method, path, body, cookie);
const cookieFor = (u: TestUser) => sessionCookie(ctx, u);
const open = (url: string, device: typeof PHONE | typeof DESKTOP, waitMap = true) => openPage(ctx, url, device, waitMap);
const logIn = (page: Page, u: TestUser) => logInThroughUi(page, u);

/** Fills the report form on a phone: category (+ one chip field), a pin at the unit, a description. */
async function fileReport(page: Page, category: string, description: string, field?: [string, string]): Promise<Locator> {
  const panel = page.locator('[data-testid="hazards-panel"]');
  await panel.locator(`[data-category="${category}"]`).click();
  if (field) await panel.locator(`[data-field="${field[0]}"][data-value="${field[1]}"]`).click();
  const px = await goTo(page, [p.lon, p.lat], 18);
  await page.mouse.click(px.x, px.y);
  await expect.poll(() => panel.locator('[data-testid="hz-location"]').getAttribute('data-set')).toBe('1');
  await panel.locator('[data-testid="hz-description"]').fill(description);
  await panel.locator('[data-testid="hz-submit"]').click();
  const done = panel.locator('[data-testid="hz-done"]');
  await done.waitFor({ timeout: 20_000 });
  return done;
}

const digits = (s: string) => Number(s.replace(/[^0-9]/g, ''));

describe('my reports, points and moderation in Chromium', () => {
  it('credits a verified report to the logged-in resident, whose points page adds up', async () => {
    // 1. The resident logs in on a phone and files a report; the confirmation links to "my reports".
    const { page: phone, csp } = await open('/#/report', PHONE);
    await logIn(phone, users.resident);
    const done = await fileReport(phone, 'ebike_charging', '5号楼门厅有电动车在充电', ['place', 'corridor']);
    const id = Number(await done.getAttribute('data-id'));
    await done.locator('[data-testid="hz-done-mine"]').click();
    const mine = phone.locator('[data-testid="hz-mine"]');
    const row = mine.locator(`[data-testid="hz-mine-cases"] li[data-id="${id}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-state')).toBe('submitted');
    expect(await phone.locator('#hz-title').innerText()).toBe('我的随手拍 · 积分');
    expect(digits(await mine.locator('[data-testid="hz-points-total"]').innerText())).toBe(0);

    // 2. The grid worker verifies it from the queue.
    const { page: gwPage } = await open('/#/hazards', DESKTOP, false);
    await logIn(gwPage, users.gw);
    const item = gwPage.locator(`[data-testid="hz-queue-item"][data-id="${id}"]`);
    await item.waitFor({ timeout: 20_000 });
    await item.locator('button.head').click();
    await item.locator('[data-testid="hz-actions"] button[data-action="verify"]').click();
    await item.locator('[data-testid="hz-action-form"] [data-testid="hz-note"]').fill('现场核实属实');
    await item.locator('[data-testid="hz-confirm"]').click();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 20_000 }).toBe('verified');
    await gwPage.close();

    // 3. The resident's page, reopened from the user menu: the case verified, 10 points credited once,
    //    and each month's total is the sum of that month's ledger entries (as the API says).
    await phone.locator('[data-testid="hazards-close"]').click();
    await phone.locator('[data-testid="user-menu"]').click();
    await phone.locator('[data-testid="nav-my-hazards"]').click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 20_000 }).toBe('verified');
    const points = mine.locator('[data-testid="hz-points"]');
    await expect.poll(async () => Number(await points.getAttribute('data-total'))).toBe(10);
    expect(digits(await mine.locator('[data-testid="hz-points-total"]').innerText())).toBe(10);
    const ledger = await mine.locator('[data-testid="hz-points-ledger"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ case: Number((tr as HTMLElement).dataset.case), points: Number(tr.querySelector('[data-col="points"]')!.textContent!.replace(/[^0-9]/g, '')) })),
    );
    expect(ledger).toEqual([{ case: id, points: 10 }]);
    const months = await mine.locator('[data-testid="hz-points-months"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ month: (tr as HTMLElement).dataset.month!, points: Number(tr.querySelector('[data-col="points"]')!.textContent!.replace(/[^0-9]/g, '')) })),
    );
    const api = (await send('GET', '/api/hazards/points', undefined, await cookieFor(users.resident))).body;
    expect(months).toEqual(api.months.map((m: { month: string; points: number }) => ({ month: m.month, points: m.points })));
    for (const m of api.months as { month: string; points: number }[]) {
      const inMonth = (api.entries as { at: string; points: number }[]).filter((e) => new Date(e.at).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7) === m.month);
      expect(m.points, m.month).toBe(inMonth.reduce((s, e) => s + e.points, 0));
    }
    expect(months.reduce((s, m) => s + m.points, 0)).toBe(ledger.reduce((s, e) => s + e.points, 0));

    // in English too
    await phone.locator('[data-testid="lang-switch"]').click();
    await expect.poll(() => phone.locator('#hz-title').innerText()).toBe('My reports · points');
    expect(await mine.locator('[data-testid="hz-points-ledger"] tbody tr td').nth(2).innerText()).toBe('Report verified');
    expect(csp).toEqual([]);
    await phone.close();
  }, 240_000);

  it('holds an anonymous report with a link for moderation, and community staff release it', async () => {
    // 1. An anonymous phone files a report whose text carries a link: held, not public.
    const { page: phone, csp } = await open('/#/report', PHONE);
    const done = await fileReport(phone, 'road_damage', '路面塌陷，照片见 www.example.com/p/1 欢迎围观');
    const id = Number(await done.getAttribute('data-id'));
    expect(await done.innerText()).toContain('审核');
    expect(await done.locator('[data-testid="hz-done-mine"]').count()).toBe(0); // no account, no "my reports"
    expect((await send('GET', `/api/hazards/${id}`)).status).toBe(404);
    expect(csp).toEqual([]);
    await phone.close();

    // 2. The grid worker has no moderation tab; community staff see the held case there.
    const { page: gwPage } = await open('/#/hazards', DESKTOP, false);
    await logIn(gwPage, users.gw);
    await gwPage.locator('[data-testid="hz-staff-tab-queue"]').waitFor({ timeout: 20_000 });
    expect(await gwPage.locator('[data-testid="hz-staff-tab-moderation"]').count()).toBe(0);
    await gwPage.close();

    const { page: csPage, csp: csCsp } = await open('/#/hazards', DESKTOP, false);
    await logIn(csPage, users.cs);
    await csPage.locator('[data-testid="hz-staff-tab-moderation"]').click();
    const item = csPage.locator(`[data-testid="hz-mod-item"][data-id="${id}"]`);
    await item.waitFor({ timeout: 20_000 });
    expect(await item.getAttribute('data-hidden')).toBe('1');
    expect(await item.locator('[data-testid="hz-mod-description"]').innerText()).toContain('www.example.com');
    // a reason is required before anything is sent
    await item.locator('button[data-action="unhide"]').click();
    expect(await item.locator('.hz-error').innerText()).toBe('请填写审核说明');
    await item.locator('[data-testid="hz-mod-reason"]').fill('链接为照片网盘，内容属实');
    await item.locator('button[data-action="unhide"]').click();
    await item.waitFor({ state: 'detached', timeout: 20_000 });

    // 3. Released: public now, and the case's timeline records the moderation with its reason.
    const pub = await send('GET', `/api/hazards/${id}`);
    expect(pub.status).toBe(200);
    const staff = (await send('GET', `/api/hazards/${id}`, undefined, await cookieFor(users.cs))).body;
    expect(staff.hidden).toBe(false);
    expect(staff.timeline.at(-1)).toMatchObject({ kind: 'moderate', note: '链接为照片网盘，内容属实', data: { action: 'unhide' } });
    const queue = (await send('GET', '/api/hazards/moderation', undefined, await cookieFor(users.cs))).body;
    expect(queue.cases.map((c: { id: number }) => c.id)).not.toContain(id);
    expect(csCsp).toEqual([]);
    await csPage.close();
  }, 240_000);
});
