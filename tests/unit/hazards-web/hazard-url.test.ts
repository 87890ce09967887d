/** The hazard screens' URLs and the client's copy of the transition table (web/src/hazards). */
import { describe, expect, it } from 'vitest';
import { allowedFrom as serverAllowed, STATES } from '../../../server/hazards/hazard.workflow.ts';
import { DEFAULT_FILTERS, hazardHash, parseHazardHash } from '../../../web/src/hazards/hazard-url.ts';
import { allowedFrom, escalationLevels, offered } from '../../../web/src/hazards/workflow.ts';

describe('hazard URLs', () => {
  it('reads report, case (id or follow token) and map hashes, and nothing else', () => {
    expect(parseHazardHash('#/report')).toEqual({ mode: 'report' });
    expect(parseHazardHash('#/case/42')).toEqual({ mode: 'case', ref: { id: 42 } });
    const token = 'y2vqe6E_7b-aEHcuLgWnJgG6Q-ERqrWY';
    expect(parseHazardHash(`#/case/${token}`)).toEqual({ mode: 'case', ref: { token } });
    expect(parseHazardHash('#/case/abc')).toBeNull();
    expect(parseHazardHash('#/case/0')).toBeNull();
    expect(parseHazardHash('#/finder')).toBeNull();
    expect(parseHazardHash('#17/31.2/121.5')).toBeNull();
    expect(parseHazardHash('#/hazard-map')).toEqual({ mode: 'map', filters: DEFAULT_FILTERS });
  });

  it('reads my reports and points (#/me/hazards), and leaves my bookings to the places screens', () => {
    expect(parseHazardHash('#/me/hazards')).toEqual({ mode: 'mine' });
    expect(parseHazardHash('#/me/hazards/')).toEqual({ mode: 'mine' });
    expect(hazardHash({ mode: 'mine' })).toBe('#/me/hazards');
    expect(parseHazardHash('#/me/bookings')).toBeNull();
    expect(parseHazardHash('#/me/hazards/1')).toBeNull();
  });

  it('round-trips the map filters and drops what is malformed', () => {
    const r = parseHazardHash('#/hazard-map?category=ebike_charging,Bad!&state=published,nope&from=2026-11-01&to=2026-13&show=heat&tab=list');
    expect(r).toEqual({ mode: 'map', filters: { category: ['ebike_charging'], state: ['published'], from: '2026-11-01', to: null, show: 'heat', tab: 'list' } });
    expect(parseHazardHash(hazardHash(r!))).toEqual(r);
    expect(hazardHash({ mode: 'map', filters: DEFAULT_FILTERS })).toBe('#/hazard-map');
  });
});

describe('transition buttons', () => {
  it('offers from each state exactly what the server allows', () => {
    for (const s of STATES) expect(allowedFrom(s), s).toEqual(serverAllowed(s));
  });

  it('offers by tier: the grid escalates to the community only, the street to a department', () => {
    const grid = (t: string) => t === 'hazards.handle';
    const street = () => true;
    expect(offered('in_progress', null, grid)).toEqual(['escalate', 'resolve']);
    expect(escalationLevels(null, grid)).toEqual(['community']);
    expect(offered('escalated', 'community', grid)).toEqual(['resolve']);
    expect(escalationLevels('community', street)).toEqual(['street', 'department']);
    expect(offered('resolved', null, grid)).toEqual([]);
    expect(offered('resolved', null, street)).toEqual(['close', 'reopen']);
  });
});
