/**
 * The places screens by URL hash, so each can be shared and survives a reload:
 * `#/place/<id>` (the public place page), `#/me/bookings` (my bookings and sign-ups),
 * `#/room/<id>?week=YYYY-MM-DD` (a room's week calendar, for the place's staff).
 * The app's router knows only plain screens (`#/admin`); these carry ids, so they parse here.
 */

export type PlacesView =
  | { kind: 'place'; id: number }
  | { kind: 'bookings' }
  | { kind: 'calendar'; roomId: number; week: string | null };

const id = (s: string) => {
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** The places view a hash names, or null for any other hash. Pure. */
export function parsePlacesHash(hash: string): PlacesView | null {
  const [path, qs = ''] = hash.split('?');
  let m = /^#\/place\/(\d{1,12})\/?$/.exec(path);
  if (m && id(m[1])) return { kind: 'place', id: id(m[1])! };
  if (/^#\/me\/bookings\/?$/.test(path)) return { kind: 'bookings' };
  m = /^#\/room\/(\d{1,12})\/?$/.exec(path);
  if (m && id(m[1])) {
    const week = new URLSearchParams(qs).get('week');
    return { kind: 'calendar', roomId: id(m[1])!, week: week && /^\d{4}-\d{2}-\d{2}$/.test(week) ? week : null };
  }
  return null;
}

export const placeHref = (placeId: number) => `#/place/${placeId}`;
export const bookingsHref = '#/me/bookings';
export const calendarHref = (roomId: number, week?: string | null) => `#/room/${roomId}${week ? `?week=${week}` : ''}`;

const routes = new Set<PlacesRoute>();
/**
 * The hashes of this page's history entries as far as we saw them, so Back leaves the app never:
 * with an entry before this one it goes back, else (a shared link opened fresh) to the map.
 */
const seen: string[] = [location.hash];

window.addEventListener('hashchange', () => {
  if (seen.length > 1 && seen[seen.length - 2] === location.hash) seen.pop();
  else seen.push(location.hash);
  for (const r of routes) r.follow(location.hash);
});

export class PlacesRoute {
  view = $state.raw<PlacesView | null>(parsePlacesHash(location.hash));
  readonly active = $derived(this.view !== null);

  constructor() {
    routes.add(this);
  }

  /** Follows a new hash (the map never writes over a screen's hash, so letting go at once is safe). */
  follow(hash: string): void {
    this.view = parsePlacesHash(hash);
  }

  /** Shows a view (a history entry, so Back returns). */
  go(href: string): void {
    location.hash = href.slice(1);
    this.view = parsePlacesHash(href);
  }

  /** Changes the view in place (e.g. another week of the calendar), without a history entry. */
  replace(href: string): void {
    history.replaceState(null, '', href);
    this.view = parsePlacesHash(href);
  }

  /** Back where the user came from (the finder, usually), else the map. */
  back(): void {
    if (seen.length > 1) history.back();
    else location.hash = '';
  }
}
