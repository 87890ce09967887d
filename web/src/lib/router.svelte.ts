/**
 * Screens by URL hash: `#/admin` (accounts), `#/audit` (audit log), `#/hazards` (hazard queue and
 * dashboard; the public hazard screens `#/report`, `#/case/…`, `#/hazard-map` sit on the map, see
 * web/src/hazards/hazard-url.ts); anything else is the map, whose
 * position maplibre keeps in the hash as `#zoom/lat/lon` while the map is showing.
 */

export const ROUTES = ['map', 'admin', 'audit', 'hazards', 'plan', 'audits', 'leads', 'income'] as const;
export type Route = (typeof ROUTES)[number];

/** The screen a location hash names (`#/admin` → admin; a map position or nothing → map). */
export function parseRoute(hash: string): Route {
  if (/^#\/audits\/(space\/\d{1,10}|register)\/?$/.test(hash)) return 'audits'; // 两房一共 screens (web/src/audits/audits-url.ts)
  if (/^#\/income\/\d{1,10}\/?$/.test(hash)) return 'income'; // a compound's public income summary
  if (/^#\/plan\/\d{1,10}\/?$/.test(hash)) return 'plan'; // a draft in the planning workspace (web/src/planning/plan-url.ts)
  const m = /^#\/([a-z]+)\/?$/.exec(hash);
  return m && (ROUTES as readonly string[]).includes(m[1]) && m[1] !== 'map' ? (m[1] as Route) : 'map';
}

export class Router {
  route = $state<Route>(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)));
  }

  /** The href of a screen, for links. */
  href(route: Route): string {
    return route === 'map' ? '#' : `#/${route}`;
  }

  /** Shows a screen (a new history entry, so Back returns). The map rewrites `#` to its position. */
  go(route: Route): void {
    if (route === this.route) return;
    location.hash = route === 'map' ? '' : `/${route}`;
    this.route = route;
  }
}
