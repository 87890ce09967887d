/**
 * The hazard screens on the map, in the URL hash so a link can be shared (and the follow link
 * works without an account). Pure: no DOM.
 *   #/report                         file a report
 *   #/case/<id>  · #/case/<token>    a case page: staff and the public by id, the reporter by token
 *   #/me/hazards                     my reports and points (积分), for a logged-in reporter
 *   #/hazard-map?category=a,b&state=a,b&from=YYYY-MM-DD&to=YYYY-MM-DD&show=points|heat|counts&tab=map|list
 */
import { HAZARD_STATES, type HazardState } from '../lib/api/hazards-types';

export type HazardShow = 'points' | 'heat' | 'counts';
export type HazardTab = 'map' | 'list';

export interface HazardFilters {
  category: string[];
  state: HazardState[];
  from: string | null;
  to: string | null;
  show: HazardShow;
  tab: HazardTab;
}

export type HazardRoute =
  | { mode: 'report' }
  | { mode: 'mine' }
  | { mode: 'case'; ref: { id: number } | { token: string } }
  | { mode: 'map'; filters: HazardFilters };

export const DEFAULT_FILTERS: HazardFilters = { category: [], state: [], from: null, to: null, show: 'points', tab: 'map' };

/** My reports and points: linked from the user menu and the report confirmation. */
export const MINE_HASH = '#/me/hazards';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;
const CODE = /^[a-z][a-z0-9_]{1,39}$/;

/** The hazard screen a hash names, or null for any other hash. */
export function parseHazardHash(hash: string): HazardRoute | null {
  if (hash === '#/report' || hash.startsWith('#/report?')) return { mode: 'report' };
  if (/^#\/me\/hazards\/?$/.test(hash)) return { mode: 'mine' };
  const c = /^#\/case\/([A-Za-z0-9_-]+)$/.exec(hash);
  if (c) {
    if (/^[1-9]\d{0,12}$/.test(c[1])) return { mode: 'case', ref: { id: Number(c[1]) } };
    if (TOKEN.test(c[1])) return { mode: 'case', ref: { token: c[1] } };
    return null;
  }
  if (hash === '#/hazard-map' || hash.startsWith('#/hazard-map?')) {
    const q = new URLSearchParams(hash.slice(hash.indexOf('?') + 1 || hash.length));
    const list = (k: string) => (q.get(k) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const show = q.get('show');
    return {
      mode: 'map',
      filters: {
        category: [...new Set(list('category').filter((s) => CODE.test(s)))],
        state: [...new Set(list('state').filter((s): s is HazardState => (HAZARD_STATES as readonly string[]).includes(s)))],
        from: DAY.test(q.get('from') ?? '') ? q.get('from') : null,
        to: DAY.test(q.get('to') ?? '') ? q.get('to') : null,
        show: show === 'heat' || show === 'counts' ? show : 'points',
        tab: q.get('tab') === 'list' ? 'list' : 'map',
      },
    };
  }
  return null;
}

/** The hash of a hazard screen (defaults left out). */
export function hazardHash(r: HazardRoute): string {
  if (r.mode === 'report') return '#/report';
  if (r.mode === 'mine') return MINE_HASH;
  if (r.mode === 'case') return `#/case/${'id' in r.ref ? r.ref.id : r.ref.token}`;
  const f = r.filters;
  const q = new URLSearchParams();
  if (f.category.length) q.set('category', f.category.join(','));
  if (f.state.length) q.set('state', f.state.join(','));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.show !== 'points') q.set('show', f.show);
  if (f.tab !== 'map') q.set('tab', f.tab);
  const qs = q.toString().replace(/%2C/g, ',');
  return qs ? `#/hazard-map?${qs}` : '#/hazard-map';
}
