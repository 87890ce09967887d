/** Types of the places finder (docs/API.md, "Places, finder, bookings and activities"). */
import type { LineString } from 'geojson';

/** A name in both languages, as the vocabulary sends it. */
export interface Names {
  zh: string;
  en: string;
}

export interface PlacesVocabulary {
  kinds: ({ key: string } & Names)[];
  services: ({ key: string } & Names)[];
  /** Services rider mode shows first. */
  riderServices: string[];
}

export interface NearestQuery {
  lon: number;
  lat: number;
  services?: readonly string[];
  kinds?: readonly string[];
  /** `now` or an ISO 8601 time; omitted = any time. */
  openAt?: string;
  stepFree?: boolean;
  /** At most 20 (default 5). */
  limit?: number;
  /** Results that carry their route, at most 10 (default 3). */
  routes?: number;
}

export interface FinderPlace {
  id: number;
  kind: string;
  kindName: Names | null;
  name: string;
  /** WGS84 [lon, lat]. */
  point: [number, number];
  services: string[];
  openingHours: string | null;
  floor: number;
  lift: boolean;
  stepFree: boolean;
  contact: string | null;
}

export interface NavLinks {
  amap: string;
  baidu: string;
  tencent: string;
  geo: string;
}

export interface NearestResult {
  place: FinderPlace;
  /** Walking cost, equivalent metres (steps × 1.5). */
  walkM: number;
  walkMin: number;
  straightM: number;
  /** Open right now; null = hours unknown. */
  openNow: boolean | null;
  /** Open at the asked `open_at` (null when not asked or unknown). */
  openAt: boolean | null;
  /** Today's opening intervals, e.g. `08:00-20:00`; null = unknown. */
  todayHours: string[] | null;
  nextChange: { at: string; open: boolean } | null;
  /** Only when asked with `links: true`; the finder card builds them from `place` (server/places/nav-links.ts). */
  navLinks?: NavLinks;
  route: LineString | null;
  routeLengthM: number | null;
}

export interface NearestAnswer {
  params: Record<string, unknown>;
  from: { point: [number, number]; snapped: [number, number]; connectorM: number };
  results: NearestResult[];
  considered: number;
  closed: number;
}
