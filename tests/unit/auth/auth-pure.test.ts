/** The pure parts of access control: the permissions table, brute-force windows, CSP sources. */
import { describe, expect, it } from 'vitest';
import { lockedForS, lockedUntil } from '../../../server/auth/login-limits.ts';
import { ACTIONS, actionsOf, PERMISSIONS, ROLES, scopeOf } from '../../../server/auth/permissions.ts';
import { basemapSources } from '../../../server/http/security.ts';

describe('permissions table', () => {
  it('names only known roles and actions', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ROLES].sort());
    for (const row of Object.values(PERMISSIONS)) for (const a of Object.keys(row)) expect(ACTIONS).toContain(a);
  });

  it('gives personal data only to staff, within their jurisdiction', () => {
    for (const r of ROLES) {
      const s = scopeOf(r, 'households.read');
      if (['grid_worker', 'community_staff', 'street_staff'].includes(r)) expect(s).toBe('jurisdiction');
      else expect(s, r).toBeNull();
    }
  });

  it('lets everyone do what the public does, and never widens a staff scope to "any"', () => {
    for (const r of ROLES) for (const a of ACTIONS) if (scopeOf('public', a)) expect(scopeOf(r, a)).toBe('any');
    for (const r of ROLES) for (const a of ['households.read', 'audit.read', 'users.manage'] as const) expect(scopeOf(r, a)).not.toBe('any');
    expect(actionsOf([])).not.toContain('households.read');
    expect(actionsOf(['admin'])).toEqual(expect.arrayContaining(['users.manage', 'audit.read', 'areas.read']));
  });
});

describe('log-in limits', () => {
  const now = new Date('2026-11-21T10:00:00Z');
  const ago = (s: number) => new Date(now.getTime() - s * 1000);

  it('locks at max failures inside the window until the oldest of them leaves it', () => {
    const four = [ago(10), ago(20), ago(30), ago(40)];
    expect(lockedForS(four, 5, 900, now)).toBe(0);
    expect(lockedForS([ago(5), ...four], 5, 900, now)).toBe(860);
    expect(lockedForS([ago(5), ...four.slice(0, 3), ago(901)], 5, 900, now)).toBe(0);
    expect(lockedUntil([ago(5), ...four], 5, 900, now)).toEqual(new Date(now.getTime() + 860_000));
    expect(lockedUntil(four, 5, 900, now)).toBeNull();
  });
});

describe('CSP sources of an external base map', () => {
  it('allows the tile host, with a wildcard for subdomain templates', () => {
    expect(basemapSources(null)).toEqual([]);
    expect(basemapSources('https://tiles.example.org/{z}/{x}/{y}.png')).toEqual(['https://tiles.example.org']);
    expect(basemapSources('https://t{s}.tianditu.gov.cn/vec_w/wmts?tk=KEY')).toEqual(['https://*.tianditu.gov.cn']);
  });
});
