/**
 * Accounts in a real browser, under the server's strict CSP: the public sees aggregates and no
 * household data; a grid worker of community A logs in and sees the households of a grid in A,
 * not of a grid in community B; an admin creates an account, grants and revokes a role in the UI;
 * log-in errors (wrong password, 429 with Retry-After) show in the dialog.
 */
import { sql } from 'kysely';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, places, type Places, type TestUser } from '../support/accounts.ts';
import { startBrowserApp, type BrowserContext } from '../support/browser.ts';

let ctx: BrowserContext;
let at: Places;
/** A member of community B's household, to look for where it must not be. */
let memberB: { name: string; phone: string };

beforeAll(async () => {
  ctx = await startBrowserApp();
  at = await places(ctx.database.db);
  const r = await sql<{ name: string; phone: string }>`
    select name, phone from household_members where household_id = ${at.householdB} and phone is not null order by id limit 1`.execute(ctx.database.db);
  memberB = r.rows[0];
});
afterAll(async () => {
  await ctx?.close();
});

interface Watched {
  page: Page;
  /** API paths the page requested. */
  requests: string[];
  /** CSP violations reported by the browser (console and `securitypolicyviolation`). */
  csp: () => Promise<string[]>;
}

async function openApp(viewport = { width: 1280, height: 800 }, mobile = false): Promise<Watched> {
  const page = await ctx.browser.newPage({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: mobile ? 2 : 1 });
  const requests: string[] = [];
  const consoleCsp: string[] = [];
  page.on('request', (r: Request) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) requests.push(u.pathname + u.search);
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
  });
  // runs before the page's own scripts (through the DevTools protocol, not subject to the CSP)
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const doc = await page.goto(ctx.base);
  expect(doc!.headers()['content-security-policy']).toMatch(/style-src 'self'/);
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 });
  const csp = async () => [...consoleCsp, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
  return { page, requests, csp };
}

async function area(id: number) {
  return (await fetch(`${ctx.base}/api/areas/${id}`)).json();
}

/** Opens an area in the panel through the search box, by its (unique) code. */
async function openArea(page: Page, id: number) {
  const detail = await area(id);
  await page.locator('[data-testid="search-input"]').fill(detail.code);
  const first = page.locator('[data-testid="search-results"] li').first();
  await first.waitFor({ timeout: 20_000 });
  await first.click();
  const panel = page.locator('[data-testid="area-panel"]');
  await expect.poll(() => panel.innerText(), { timeout: 20_000 }).toContain(detail.code);
  await page.locator('[data-testid="special-groups"]').waitFor({ timeout: 20_000 });
  return detail;
}

async function logIn(page: Page, u: { username: string; password: string }) {
  await page.locator('[data-testid="login-button"]').click();
  await page.locator('[data-testid="login-name"]').fill(u.username);
  await page.locator('[data-testid="login-password"]').fill(u.password);
  await page.locator('[data-testid="login-submit"]').click();
  await page.locator('[data-testid="user-menu"]').waitFor({ timeout: 20_000 });
}

/** The browser's session cookie, to ask the API what the page should show. */
async function cookieOf(page: Page): Promise<string> {
  const sid = (await page.context().cookies()).find((c) => c.name === 'sid');
  if (!sid) throw new Error('no sid cookie in the browser');
  return `sid=${sid.value}`;
}

describe('accounts in Chromium', () => {
  it('the public sees aggregates with "<5", no households tab, and nothing personal', async () => {
    const { page, requests, csp } = await openApp();
    expect(await page.locator('[data-testid="login-button"]').count()).toBe(1);
    await openArea(page, at.gridA);
    const groups = page.locator('[data-testid="special-groups"]');
    expect(await groups.getAttribute('data-exact')).toBe('0');
    const stats = await (await fetch(`${ctx.base}/api/areas/${at.gridA}/stats`)).json();
    for (const g of stats.specialGroups) {
      expect(await groups.locator(`[data-group="${g.key}"]`).getAttribute('data-value')).toBe(String(g.count));
    }
    expect(await page.locator('[data-testid="panel-tab-households"]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(at.memberA.name);
    expect(text).not.toContain(at.memberA.phone);
    expect(requests.filter((r) => /\/households|\/api\/audit|\/api\/users/.test(r))).toEqual([]);
    // the admin screen asks an anonymous visitor to log in and requests nothing
    await page.evaluate(() => (location.hash = '#/admin'));
    await page.getByText('请先登录').waitFor();
    expect(requests.filter((r) => r.startsWith('/api/users'))).toEqual([]);
    expect(await csp()).toEqual([]);
    await page.close();
  });

  it('a grid worker of community A sees households of a grid in A, not of a grid in B', async () => {
    const worker = await createTestUser(ctx.database.db, [{ role: 'grid_worker', areaId: at.gridA }], 'gridworker');
    const { page, requests, csp } = await openApp();
    await logIn(page, worker);
    const menu = await page.locator('[data-testid="user-menu"]').innerText();
    expect(menu).toContain(worker.username); // display name = user name for test accounts
    expect(menu).toContain('网格员');

    await openArea(page, at.gridA);
    expect(await page.locator('[data-testid="special-groups"]').getAttribute('data-exact')).toBe('1');
    // personal data is asked for only when the tab opens
    expect(requests.some((r) => r.includes('/households'))).toBe(false);
    await page.locator('[data-testid="panel-tab-households"]').click();
    const items = page.locator('[data-testid="household-item"]');
    await items.first().waitFor({ timeout: 20_000 });
    const expected = await (
      await fetch(`${ctx.base}/api/areas/${at.gridA}/households?limit=20&offset=0`, { headers: { cookie: await cookieOf(page) } })
    ).json();
    expect(await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))).toEqual(expected.households.map((h: any) => h.id));
    expect(await page.locator('[data-testid="households-total"]').getAttribute('data-value')).toBe(String(expected.total));
    const first = expected.households[0].members[0];
    const list = await page.locator('[data-testid="households-list"]').innerText();
    expect(list).toContain(first.name);
    if (first.phone) expect(list).toContain(first.phone);
    // the next page
    await page.locator('[data-testid="households-next"]').click();
    await expect.poll(() => items.first().getAttribute('data-id'), { timeout: 20_000 }).not.toBe(String(expected.households[0].id));

    // community B: no tab, no exact counts, no household request, nothing of its members on screen
    await openArea(page, at.gridB);
    expect(await page.locator('[data-testid="panel-tab-households"]').count()).toBe(0);
    expect(await page.locator('[data-testid="special-groups"]').getAttribute('data-exact')).toBe('0');
    expect(requests.filter((r) => r.includes(`/areas/${at.gridB}/households`) || r.includes(`/areas/${at.communityB}/households`))).toEqual([]);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(memberB.name);
    expect(text).not.toContain(memberB.phone);
    // no admin or audit entries in the menu
    await page.locator('[data-testid="user-menu"]').click();
    expect(await page.locator('[data-testid="nav-admin"]').count()).toBe(0);
    expect(await page.locator('[data-testid="nav-audit"]').count()).toBe(0);

    // log-out forgets the user and hides the tab again
    await page.locator('[data-testid="logout"]').click();
    await page.locator('[data-testid="login-button"]').waitFor();
    await openArea(page, at.gridA);
    expect(await page.locator('[data-testid="panel-tab-households"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(first.name);
    expect(await csp()).toEqual([]);
    await page.close();
  });

  it('an admin creates an account, grants a role with a jurisdiction and revokes one (phone screen)', async () => {
    const admin = await createTestUser(ctx.database.db, [{ role: 'admin' }], 'admin');
    const { page, csp } = await openApp({ width: 390, height: 844 }, true);
    await logIn(page, admin);
    await page.locator('[data-testid="user-menu"]').click();
    await page.locator('[data-testid="nav-admin"]').click();
    await page.locator('[data-testid="admin-screen"]').waitFor();
    expect(new URL(page.url()).hash).toBe('#/admin');

    const gridA = await area(at.gridA);
    const communityA = await area(at.communityA);
    const username = `${admin.username}-new`.slice(0, 60);
    await page.locator('[data-testid="create-user-open"]').click();
    const dialog = page.locator('[data-testid="create-user-dialog"]');
    await dialog.locator('[data-testid="new-username"]').fill(username);
    await dialog.locator('[data-testid="new-display-name"]').fill('王网格');
    await dialog.locator('[data-testid="new-password"]').fill('a-long-password-1');
    await dialog.locator('[data-testid="grant-role"]').selectOption('grid_worker');
    await dialog.locator('[data-testid="area-picker-input"]').fill(gridA.code);
    await dialog.locator('[data-testid="area-picker-options"] button').first().click();
    expect(await dialog.locator('[data-testid="area-picked"]').getAttribute('data-id')).toBe(String(at.gridA));
    await dialog.locator('[data-testid="create-user-submit"]').click();
    const row = page.locator(`[data-testid="account"][data-username="${username}"]`);
    await row.locator('[data-role="grid_worker"]').waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain(gridA.name);

    // grant community staff of community A
    await row.locator('[data-testid="grant-open"]').click();
    const grant = page.locator('[data-testid="grant-dialog"]');
    await grant.locator('[data-testid="grant-role"]').selectOption('community_staff');
    await grant.locator('[data-testid="area-picker-input"]').fill(communityA.code);
    await grant.locator('[data-testid="area-picker-options"] button').first().click();
    await grant.locator('[data-testid="grant-submit"]').click();
    await row.locator('[data-role="community_staff"]').waitFor({ timeout: 20_000 });

    // revoke the grid worker grant (two clicks)
    await row.locator('[data-role="grid_worker"] [data-testid="revoke"]').click();
    await row.locator('[data-role="grid_worker"] [data-testid="revoke-confirm"]').click();
    await expect.poll(() => row.locator('[data-role="grid_worker"]').count(), { timeout: 20_000 }).toBe(0);

    // the server holds what the UI showed: the account logs in as community staff of A only
    const login = await fetch(`${ctx.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'test' },
      body: JSON.stringify({ login: username, password: 'a-long-password-1' }),
    });
    expect(login.status).toBe(200);
    const me = await login.json();
    expect(me.user.displayName).toBe('王网格');
    expect(me.grants.map((g: any) => [g.role, g.area?.id])).toEqual([['community_staff', at.communityA]]);

    // the audit log shows the changes
    await page.locator('[data-testid="user-menu"]').click();
    await page.locator('[data-testid="nav-audit"]').click();
    const entries = page.locator('[data-testid="audit-entry"]');
    await entries.first().waitFor({ timeout: 20_000 });
    const actions = await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['users.create', 'grants.create', 'grants.revoke']));
    expect(await page.locator('[data-testid="audit-entries"]').innerText()).toContain(admin.username);

    // back to the map: it writes its position into the hash again
    await page.locator('[data-testid="back-to-map"]').click();
    await expect.poll(() => new URL(page.url()).hash, { timeout: 10_000 }).toMatch(/^#[\d.]+\/[\d.-]+\/[\d.-]+/);
    expect(await csp()).toEqual([]);
    await page.close();
  });

  it('log-in shows wrong credentials, then 429 with the wait from Retry-After', async () => {
    const u = await createTestUser(ctx.database.db, [{ role: 'grid_worker', areaId: at.gridA }], 'locked');
    const { page, csp } = await openApp();
    await page.locator('[data-testid="login-button"]').click();
    await page.locator('[data-testid="login-name"]').fill(u.username);
    const error = page.locator('[data-testid="login-error"]');
    const attempt = async (password: string) => {
      await page.locator('[data-testid="login-password"]').fill(password);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
      await page.locator('[data-testid="login-submit"]').click();
      return (await answer).status();
    };
    for (let i = 0; i < 5; i++) {
      expect(await attempt(`wrong-${i}`)).toBe(401);
      await expect.poll(() => error.innerText(), { timeout: 20_000 }).toBe('用户名、手机号或密码不正确');
    }
    // locked now, even with the right password
    expect(await attempt(u.password)).toBe(429);
    await expect.poll(() => error.innerText(), { timeout: 20_000 }).toMatch(/^登录失败次数过多，请 \d+ 秒后再试$/);
    const s = Number(/(\d+)/.exec(await error.innerText())![1]);
    expect(s).toBeGreaterThan(60);
    expect(s).toBeLessThanOrEqual(15 * 60);
    expect(await page.locator('[data-testid="login-submit"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="login-button"]').count()).toBe(1); // still logged out
    expect(await csp()).toEqual([]);
    await page.close();
  });
});
