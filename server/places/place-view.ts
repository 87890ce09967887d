/** Rows become domain objects here (snake_case columns → camelCase), once. */
import { navLinks } from './nav-links.ts';
import { KIND_NAMES, SERVICE_NAMES, isKind, isService, type Names } from './places.constants.ts';
import type { PlaceBrief, PlaceRow } from './places.repository.ts';

const kindName = (k: string): Names | null => (isKind(k) ? KIND_NAMES[k] : null);

/** What a list or a map marker needs. */
export function placeSummary(r: PlaceBrief) {
  return {
    id: r.id,
    kind: r.kind,
    kindName: kindName(r.kind),
    name: r.name,
    point: [r.x, r.y] as [number, number],
    services: r.services,
    openingHours: r.opening_hours,
    floor: r.floor,
    lift: r.lift,
    stepFree: r.step_free,
    contact: r.contact,
  };
}

/** Everything the place page shows about the place itself (hours and activities are added by the service). */
export function placeDetail(r: PlaceRow) {
  return {
    ...placeSummary(r),
    ref: r.ref,
    services: r.services.map((s) => ({ key: s, ...(isService(s) ? SERVICE_NAMES[s] : { zh: s, en: s }) })),
    capacity: r.capacity,
    photos: r.photos,
    areaId: r.area_id,
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
    navLinks: links(r),
  };
}

const linkCache = new Map<string, ReturnType<typeof navLinks>>();

/** Navigation links of a place (memoised: they depend on its position and name only). */
export function links(r: Pick<PlaceRow, 'x' | 'y' | 'name'>) {
  const key = `${r.x},${r.y},${r.name}`;
  let l = linkCache.get(key);
  if (!l) {
    if (linkCache.size >= 10_000) linkCache.clear();
    linkCache.set(key, (l = navLinks({ lon: r.x, lat: r.y, name: r.name })));
  }
  return l;
}

export type PlaceSummary = ReturnType<typeof placeSummary>;
export type PlaceDetail = ReturnType<typeof placeDetail>;
